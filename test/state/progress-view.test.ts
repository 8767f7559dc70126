import { describe, expect, it } from "vitest";
import type { ProgressRow } from "../../src/state/progress";
import {
  DEFAULT_PROGRESS_SORT,
  NO_PROGRESS_FILTER,
  progressAgencies,
  viewProgressRows,
} from "../../src/state/progress-view";
import { layerEntry } from "./layer-fixture";

const row = (
  id: string,
  level: ProgressRow["layer"]["level"],
  status: ProgressRow["layer"]["status"],
  agency: string,
  dataAsOf: string,
): ProgressRow => ({
  layer: layerEntry({
    id,
    level,
    status,
    dataAsOf,
    title: { vi: id, en: id },
    agency: { vi: agency, en: `${agency} (en)` },
  }),
  stale: false,
});

const ROWS = [
  row("city", "city", "approved", "Ủy ban", "2024-12-12"),
  row("rail", "sector", "drafting", "Bộ Giao thông", "2021-10-19"),
  row("forest", "national", "appraisal", "Bộ Nông nghiệp", "2022-01-01"),
  row("road", "sector", "approved", "Bộ Giao thông", "2023-03-01"),
];
const ids = (rows: ProgressRow[]) => rows.map((r) => r.layer.id);

describe("progress view", () => {
  it("sorts levels in the hierarchy and statuses in workflow order, ties in catalogue order", () => {
    expect(ids(viewProgressRows(ROWS, NO_PROGRESS_FILTER, DEFAULT_PROGRESS_SORT, "vi"))).toEqual([
      "forest",
      "rail",
      "road",
      "city",
    ]);
    expect(
      ids(
        viewProgressRows(
          ROWS,
          NO_PROGRESS_FILTER,
          { key: "status", direction: "descending" },
          "vi",
        ),
      ),
    ).toEqual(["city", "road", "forest", "rail"]);
    expect(
      ids(
        viewProgressRows(
          ROWS,
          NO_PROGRESS_FILTER,
          { key: "dataAsOf", direction: "ascending" },
          "vi",
        ),
      ),
    ).toEqual(["rail", "forest", "road", "city"]);
  });

  it("sorts agencies in Vietnamese order and filters by agency, level and status together", () => {
    expect(progressAgencies(ROWS, "vi")).toEqual(["Bộ Giao thông", "Bộ Nông nghiệp", "Ủy ban"]);
    const byAgency = { ...NO_PROGRESS_FILTER, agency: "Bộ Giao thông" };
    expect(ids(viewProgressRows(ROWS, byAgency, DEFAULT_PROGRESS_SORT, "vi"))).toEqual([
      "rail",
      "road",
    ]);
    expect(
      ids(viewProgressRows(ROWS, { ...byAgency, status: "approved" }, DEFAULT_PROGRESS_SORT, "vi")),
    ).toEqual(["road"]);
    expect(
      ids(
        viewProgressRows(
          ROWS,
          { ...NO_PROGRESS_FILTER, level: "national" },
          DEFAULT_PROGRESS_SORT,
          "vi",
        ),
      ),
    ).toEqual(["forest"]);
    // the agency filter compares the text shown, in the language shown
    expect(viewProgressRows(ROWS, byAgency, DEFAULT_PROGRESS_SORT, "en")).toEqual([]);
  });
});
