import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { bboxPolygon, circle } from "@turf/turf";
import type { FeatureCollection, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { ellipsoidalArea, ringEllipsoidalArea } from "../../../src/core/check/ellipsoidal-area";
import { geodesicArea } from "../../../src/core/geo/geodesic-area";

const polygonsOf = (g: Polygon) => [g.coordinates];
const relative = (g: Polygon) => Math.abs(ellipsoidalArea(polygonsOf(g)) / geodesicArea(g) - 1);

describe("ellipsoidalArea", () => {
  it("agrees with GeographicLib within 1e-6 from a 1 m² square to a 30 km disc", () => {
    const shapes: Polygon[] = [
      bboxPolygon([105.8, 21.0, 105.80001, 21.000009]).geometry,
      bboxPolygon([105.8, 21.0, 105.81, 21.01]).geometry,
      bboxPolygon([105.3, 20.6, 106.0, 21.4]).geometry,
      circle([105.85, 21.03], 30, { steps: 256, units: "kilometers" }).geometry,
      circle([105.85, 21.03], 0.2, { steps: 64, units: "kilometers" }).geometry,
      bboxPolygon([10, 59, 10.1, 59.1]).geometry,
      bboxPolygon([-60, -35, -59.9, -34.9]).geometry,
    ];
    for (const shape of shapes) expect(relative(shape)).toBeLessThan(1e-6);
  });

  it("subtracts holes and adds parts, whatever the ring orientation", () => {
    const outer = bboxPolygon([105.8, 21.0, 105.83, 21.03]).geometry.coordinates[0] ?? [];
    const hole = bboxPolygon([105.81, 21.01, 105.82, 21.02]).geometry.coordinates[0] ?? [];
    const holed: Polygon = { type: "Polygon", coordinates: [outer, [...hole].reverse()] };
    expect(ellipsoidalArea([[outer, hole]])).toBeCloseTo(geodesicArea(holed), 0);
    expect(ellipsoidalArea([[outer], [hole]])).toBeCloseTo(
      geodesicArea({ type: "MultiPolygon", coordinates: [[outer], [hole]] }),
      0,
    );
    expect(ringEllipsoidalArea(outer)).toBeCloseTo(-ringEllipsoidalArea([...outer].reverse()), 6);
  });

  const districtsFile = join(__dirname, "../../../../shared/data/vn-admin/hanoi-districts.geojson");
  it.skipIf(!existsSync(districtsFile))(
    "agrees with GeographicLib on Hà Nội's 30 districts",
    () => {
      const districts = JSON.parse(readFileSync(districtsFile, "utf8")) as FeatureCollection;
      expect(districts.features).toHaveLength(30);
      for (const d of districts.features) {
        const g = d.geometry;
        if (g.type !== "Polygon" && g.type !== "MultiPolygon") throw new Error("not a polygon");
        const parts = g.type === "Polygon" ? [g.coordinates] : g.coordinates;
        expect(Math.abs(ellipsoidalArea(parts) / geodesicArea(g) - 1)).toBeLessThan(1e-6);
      }
    },
  );
});
