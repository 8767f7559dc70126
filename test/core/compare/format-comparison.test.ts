import { describe, expect, it } from "vitest";
import { comparePlans } from "../../../src/core/compare/compare-plans";
import {
  COMPARE_CSV_COLUMNS,
  comparisonChunks,
  formatComparison,
} from "../../../src/core/compare/format-comparison";
import { compareInput, readCompareFixture } from "./fixture-input";

function run(name: string) {
  const { current, proposal, options } = compareInput(readCompareFixture(name));
  return comparePlans(current, proposal, options);
}

/** RFC 4180 line → fields (quoted fields may hold commas and doubled quotes). */
function csvLine(line: string): string[] {
  const fields: string[] = [];
  const re = /("(?:[^"]|"")*"|[^,]*)(,|$)/g;
  for (const m of line.matchAll(re)) {
    const raw = m[1] as string;
    fields.push(raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw);
    if (m[2] === "") break;
  }
  return fields;
}

describe("comparison outputs", () => {
  it("JSON is the whole result, the bytes of JSON.stringify, the pieces one chunk each", () => {
    const result = run("hole");
    const chunks = [...comparisonChunks(result, "json")];
    expect(chunks.join("")).toBe(`${JSON.stringify(result)}\n`);
    expect(chunks.length).toBeGreaterThan(result.pieces.length);
  });

  it("CSV: a header, then one row per piece; a reason with commas is quoted", () => {
    const result = run("invalid-geometry");
    const lines = formatComparison(result, "csv").trimEnd().split("\n");
    expect(lines[0]).toBe(COMPARE_CSV_COLUMNS.join(","));
    const rows = lines.slice(1).map(csvLine);
    expect(rows).toHaveLength(result.pieces.length);
    const byId = new Map(rows.map((r) => [r[8], r]));
    for (const p of result.pieces) {
      const row = byId.get(p.id) as string[];
      expect(row.slice(0, 8)).toEqual([
        p.kind,
        p.from ?? "",
        p.to ?? "",
        p.areaSquareMeters === null ? "" : p.areaSquareMeters.toFixed(3),
        p.current ?? "",
        p.proposal ?? "",
        p.districts.join(";"),
        p.status,
      ]);
      expect(row[9]).toBe(p.reason ?? "");
    }
    expect(result.pieces.some((p) => p.reason?.includes(","))).toBe(true);
  });

  it("GeoJSON: the pieces as features (id, properties, geometry), the summary as a foreign member", () => {
    const result = run("districts");
    const parsed = JSON.parse(formatComparison(result, "geojson"));
    expect(parsed.type).toBe("FeatureCollection");
    expect(parsed.summary).toEqual(JSON.parse(JSON.stringify(result.summary)));
    expect(parsed.features).toHaveLength(result.pieces.length);
    result.pieces.forEach((p, k) => {
      const f = parsed.features[k];
      expect(f.id).toBe(p.id);
      expect(f.geometry).toEqual(p.geometry);
      expect(f.properties).toMatchObject({
        kind: p.kind,
        from: p.from,
        to: p.to,
        current: p.current,
        proposal: p.proposal,
        districts: p.districts,
      });
      expect(f.properties.geometry).toBeUndefined();
    });
  });
});
