import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { point, pointToLineDistance, polygonToLine } from "@turf/turf";
import type { Feature, FeatureCollection, Polygon, Position } from "geojson";
import { describe, expect, it } from "vitest";
import { PROVINCE_BORDER_TOLERANCE_DEG } from "../../../src/core/admin/provinces";
import { simplifyBorders } from "../../../src/core/admin/simplify-borders";

// Two provinces sharing a wiggly border (wiggles of 5e-5°, one bump of 0.01°) and an island of
// 1e-4° (in.geojson) → simplified at the province tolerance (out.geojson; REGEN=1 rewrites it).
const dir = join(__dirname, "../../fixtures/admin/simplify-borders");
const input = JSON.parse(readFileSync(join(dir, "in.geojson"), "utf8")) as FeatureCollection;
const output = simplifyBorders(input, PROVINCE_BORDER_TOLERANCE_DEG);
if (process.env.REGEN)
  writeFileSync(join(dir, "out.geojson"), `${JSON.stringify(output, null, 1)}\n`);

const ring = (f: Feature | undefined) => (f?.geometry as Polygon | undefined)?.coordinates[0] ?? [];
const key = (p: Position) => `${p[0]},${p[1]}`;
/** Positions of a ring that lie on x ≈ 1 (the shared border), as text. */
const onBorder = (positions: Position[]) =>
  new Set(positions.filter((p) => Math.abs((p[0] ?? 0) - 1) < 0.02).map(key));

describe("simplifyBorders", () => {
  it("gives the expected outlines (fixture)", () => {
    const expected = JSON.parse(readFileSync(join(dir, "out.geojson"), "utf8"));
    expect(output).toEqual(expected);
  });

  it("keeps ids, properties and order", () => {
    expect(output.features.map((f) => [f.id, f.properties?.name])).toEqual([
      ["A", "Tỉnh Tây"],
      ["B", "Tỉnh Đông"],
      ["C", "Đảo nhỏ"],
    ]);
  });

  it("drops the wiggles under the tolerance, keeps the bump over it, and both sides the same", () => {
    const [a, b] = [ring(output.features[0]), ring(output.features[1])];
    expect(a.length).toBeLessThan(ring(input.features[0]).length / 4);
    expect(a.map(key)).toContain("1.01,0.5");
    // one border, not two: every position of the shared stretch is on both outlines
    expect([...onBorder(a)].sort()).toEqual([...onBorder(b)].sort());
  });

  it("keeps every source position within the tolerance of its simplified outline", () => {
    input.features.forEach((source, i) => {
      const simplified = polygonToLine(output.features[i] as Feature<Polygon>);
      for (const p of ring(source)) {
        const distance = pointToLineDistance(point(p), simplified as never, { units: "degrees" });
        expect(distance).toBeLessThanOrEqual(PROVINCE_BORDER_TOLERANCE_DEG + 1e-12);
      }
    });
  });

  it("keeps an island that would shrink to fewer than four positions as it was", () => {
    expect(ring(output.features[2])).toEqual(ring(input.features[2]));
  });
});
