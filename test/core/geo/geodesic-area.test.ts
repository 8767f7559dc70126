import { bboxPolygon, polygon, area as sphericalArea } from "@turf/turf";
import { describe, expect, it } from "vitest";
import { geodesicArea } from "../../../src/core/geo/geodesic-area";

describe("geodesicArea", () => {
  it("matches the ellipsoidal area of a 0.01° cell at Hanoi's latitude", () => {
    // PostGIS geography (GeographicLib) and this agree; the sphere
    // reads about 0.28 % higher at 21° N (shared/bench/README.md).
    const cell = bboxPolygon([105.8, 21.0, 105.81, 21.01]);
    const ellipsoidal = geodesicArea(cell);
    const spherical = sphericalArea(cell);
    expect(spherical / ellipsoidal).toBeGreaterThan(1.0025);
    expect(spherical / ellipsoidal).toBeLessThan(1.0032);
  });

  it("subtracts holes and sums multipolygon parts", () => {
    const outer = [
      [105.8, 21.0],
      [105.82, 21.0],
      [105.82, 21.02],
      [105.8, 21.02],
      [105.8, 21.0],
    ];
    const hole = [
      [105.805, 21.005],
      [105.805, 21.015],
      [105.815, 21.015],
      [105.815, 21.005],
      [105.805, 21.005],
    ];
    const whole = geodesicArea(polygon([outer]));
    const holed = geodesicArea(polygon([outer, hole]));
    const holeOnly = geodesicArea(polygon([hole]));
    expect(holed).toBeCloseTo(whole - holeOnly, 3);
    expect(geodesicArea({ type: "MultiPolygon", coordinates: [[outer], [hole]] })).toBeCloseTo(
      whole + holeOnly,
      3,
    );
  });

  it("is zero for lines, points and empty input", () => {
    expect(geodesicArea({ type: "Point", coordinates: [105.8, 21] })).toBe(0);
    expect(geodesicArea(null)).toBe(0);
    expect(geodesicArea({ type: "Polygon", coordinates: [] })).toBe(0);
  });
});
