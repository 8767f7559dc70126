import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  CSV_COLUMNS,
  findingsToGeoJson,
  formatFindingsCsv,
  formatResult,
} from "../../../src/core/check/format-findings";
import { runChecks } from "../../../src/core/check/run-checks";
import type { Finding } from "../../../src/core/check/types";
import { type Fixture, fixtureInput } from "./fixture-input";

const result = runChecks(
  fixtureInput(
    JSON.parse(
      readFileSync(join(__dirname, "../../fixtures/check/no-overlap/in/districts.geojson"), "utf8"),
    ) as Fixture,
  ),
);
const finding = result.findings[0] as Finding;

describe("formatFindingsCsv", () => {
  it("starts with the columns issue 3 fixes and writes one row per finding", () => {
    const lines = formatFindingsCsv(result.findings).trimEnd().split("\n");
    expect(
      lines[0]?.startsWith("rule,subject_layer,subject_id,constraint_layer,constraint_id,area_m2,"),
    ).toBe(true);
    expect(lines).toHaveLength(2);
    const row = lines[1]?.split(",") ?? [];
    expect(row.slice(0, 5)).toEqual(["no-overlap-basic", "zoning", "A", "reference", "B"]);
    expect(Number(row[5])).toBeCloseTo(finding.areaSquareMeters ?? 0, 3);
    expect(row[CSV_COLUMNS.indexOf("districts")]).toBe("001;002");
  });

  it("quotes free text with commas and quotes, and leaves empty cells for missing values", () => {
    const odd: Finding = {
      ...finding,
      status: "not-computed",
      reason: 'side location conflict, at "x"',
      areaSquareMeters: null,
      shareOfSubject: null,
    };
    const line = formatFindingsCsv([odd]).split("\n")[1] ?? "";
    expect(line.endsWith(',"side location conflict, at ""x"""')).toBe(true);
    expect(line.split(",")[5]).toBe("");
  });
});

describe("findingsToGeoJson", () => {
  it("puts the conflicting part in the geometry and the rest in properties", () => {
    const fc = findingsToGeoJson(result.findings);
    expect(fc.features).toHaveLength(1);
    expect(fc.features[0]?.id).toBe(finding.id);
    expect(fc.features[0]?.geometry).toEqual(finding.geometry);
    expect(fc.features[0]?.properties).toMatchObject({
      rule: "no-overlap-basic",
      districts: ["001", "002"],
    });
    expect(fc.features[0]?.properties).not.toHaveProperty("geometry");
  });
});

describe("formatResult", () => {
  it("round-trips the result through JSON", () => {
    expect(JSON.parse(formatResult(result, "json"))).toEqual(JSON.parse(JSON.stringify(result)));
    expect(JSON.parse(formatResult(result, "geojson")).type).toBe("FeatureCollection");
    expect(formatResult(result, "csv")).toBe(formatFindingsCsv(result.findings));
  });
});
