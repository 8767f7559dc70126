import { describe, expect, it } from "vitest";
import type { Catalog } from "../../src/core/catalog/parse-catalog";
import { buildProgressRows, countByStatus, isStale } from "../../src/state/progress";
import { landUseLayer, layerEntry } from "./layer-fixture";

const catalog: Catalog = {
  title: { vi: "Thử", en: "Test" },
  dataCutoff: "2022-12-31",
  rules: undefined,
  layers: [
    landUseLayer({ dataAsOf: "2020-12-31", status: "approved" }),
    layerEntry({ dataAsOf: "2022-12-31", status: "appraisal" }),
    layerEntry({ id: "zoning", level: "city", dataAsOf: "2023-06-01", status: "drafting" }),
    layerEntry({ id: "districts", level: "district", dataAsOf: "2019-01-01" }),
  ],
};

describe("isStale", () => {
  it("flags data older than the cut-off; the cut-off day itself is current", () => {
    expect(isStale("2022-12-30", "2022-12-31")).toBe(true);
    expect(isStale("2022-12-31", "2022-12-31")).toBe(false);
    expect(isStale("2023-01-01", "2022-12-31")).toBe(false);
    expect(isStale("2021-06-15", "2022-01-01")).toBe(true);
  });
});

describe("buildProgressRows", () => {
  it("lists plan components without the district base and flags stale data", () => {
    const rows = buildProgressRows(catalog);
    expect(rows.map((r) => [r.layer.id, r.stale])).toEqual([
      ["national-land-use", true],
      ["ring-road-4", false],
      ["zoning", false],
    ]);
  });

  it("counts components per status", () => {
    expect(countByStatus(buildProgressRows(catalog))).toEqual({
      drafting: 1,
      appraisal: 1,
      approved: 1,
    });
  });
});
