import type { Geometry } from "geojson";
import { describe, expect, it } from "vitest";
import { runChecks } from "../../../src/core/check/run-checks";
import { geodesicArea } from "../../../src/core/geo/geodesic-area";
import { identicalParts, plantCrossing, starRing, touchingParts } from "../geo/generated-polygons";
import { validGeometryInput } from "./valid-geometry-input";

/** The valid-geometry rule's findings for one feature. */
const check = (geometry: Geometry) => runChecks(validGeometryInput(geometry)).findings;

// Generous timeouts: hang guards for CI's two cores, which an all-pairs test would blow (it took
// 2 s at 20 000 vertices, more than 120 s at 200 000, and 10 000 identical parts never finished).
describe("valid-geometry on big inputs", () => {
  for (const vertices of [20_000, 200_000]) {
    it(`passes a simple ${vertices}-vertex star and finds the one crossing planted in it`, () => {
      expect(check({ type: "Polygon", coordinates: [starRing(vertices)] })).toEqual([]);
      const planted = plantCrossing(starRing(vertices), Math.floor(vertices / 2) + 1);
      const [finding, ...rest] = check({ type: "Polygon", coordinates: [planted.ring] });
      expect(rest).toEqual([]);
      expect(finding).toMatchObject({ problem: "self-intersection", measures: { count: 1 } });
      const point = finding?.geometry as { coordinates: [number, number] } | undefined;
      const [x, y] = point?.coordinates ?? [Number.NaN, Number.NaN];
      expect(Math.hypot(x - (planted.at[0] as number), y - (planted.at[1] as number))).toBeLessThan(
        1e-8,
      );
    }, 60_000);
  }

  it("finds 10 000 identical parts overlapping: the area of one part, every part counted", () => {
    const parts = identicalParts(10_000);
    const [finding, ...rest] = check(parts);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      problem: "overlapping-parts",
      status: "ok",
      measures: { count: 10_000 },
    });
    const one = geodesicArea({
      type: "Polygon",
      coordinates: parts.coordinates[0] as number[][][],
    });
    expect(Math.abs((finding?.areaSquareMeters ?? 0) / one - 1)).toBeLessThan(1e-6);
  }, 60_000);

  it("finds no overlap among 10 000 parts touching along their edges", () => {
    expect(check(touchingParts(10_000))).toEqual([]);
  }, 60_000);
});
