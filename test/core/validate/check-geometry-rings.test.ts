import type { Position } from "geojson";
import { describe, expect, it } from "vitest";
import { findGeometryProblems } from "../../../src/core/validate/check-geometry";
import { validateFeatureCollection } from "../../../src/core/validate/validate-feature-collection";
import { plantCrossing, starRing, wiggleRing } from "../geo/generated-polygons";

/** A closed ring from corners in units of 0.001° around 105.8° E, 21° N. */
const ring = (...corners: [number, number][]): Position[] => {
  const out = corners.map(([x, y]) => [105.8 + x / 1000, 21 + y / 1000]);
  return [...out, out[0] as Position];
};
const square = (x0: number, y0: number, x1: number, y1: number) =>
  ring([x0, y0], [x1, y0], [x1, y1], [x0, y1]);
const problems = (geometry: unknown) => findGeometryProblems(geometry, { selfIntersection: true });
const codes = (geometry: unknown) => problems(geometry).map((p) => p.code);

describe("findGeometryProblems: rings against each other", () => {
  it("accepts a hole touching its outer ring at one point (valid OGC; kinks called it a crossing)", () => {
    const touching = ring([0, 5], [5, 8], [5, 2]);
    expect(codes({ type: "Polygon", coordinates: [square(0, 0, 10, 10), touching] })).toEqual([]);
  });

  it("names a hole outside its outer ring, where it is and what to do", () => {
    const [problem, ...rest] = problems({
      type: "Polygon",
      coordinates: [square(0, 0, 10, 10), square(2, 2, 8, 8), square(12, 2, 18, 8)],
    });
    expect(rest).toEqual([]);
    expect(problem?.code).toBe("hole-outside-shell");
    expect(problem?.message.en).toBe(
      "hole outside the outer ring: hole 2 (at [105.812, 21.002]); a hole must lie inside its polygon's outer ring: fix or remove it",
    );
    expect(problem?.message.vi).toMatch(
      /^lỗ nằm ngoài vòng ngoài: lỗ thứ 2 \(tại \[105\.812, 21\.002\]\)/,
    );
  });

  it("names nested holes by polygon and hole in a multipolygon", () => {
    const [problem] = problems({
      type: "MultiPolygon",
      coordinates: [
        [square(20, 0, 30, 10)],
        [square(0, 0, 10, 10), square(1, 1, 9, 9), square(3, 3, 7, 7)],
      ],
    });
    expect(problem?.code).toBe("nested-holes");
    expect(problem?.message.en).toMatch(/^hole inside another hole: polygon 2, hole 2 \(at /);
    expect(problem?.message.vi).toMatch(
      /^lỗ nằm trong một lỗ khác: đa giác thứ 2, lỗ thứ 2 \(tại /,
    );
  });

  it("lists three misplaced holes and counts the rest", () => {
    const holes = Array.from({ length: 5 }, (_, k) => square(20 + 3 * k, 0, 22 + 3 * k, 2));
    const [problem] = problems({ type: "Polygon", coordinates: [square(0, 0, 10, 10), ...holes] });
    expect(problem?.message.en).toMatch(/hole 1 .*; hole 2 .*; hole 3 .* \(and 2 more holes\)/);
  });

  it("reports a ring touching itself, and a ring of two distinct positions as too short", () => {
    const touching = ring([0, 0], [6, 0], [6, 6], [4, 6], [3, 0], [2, 6], [0, 6]);
    const [problem] = problems({ type: "Polygon", coordinates: [touching] });
    expect(problem?.message.en).toBe(
      "boundary crosses or touches itself at [105.803, 21]; fix the boundary there",
    );
    const flat = [ring([0, 0], [5, 0])[0], ring([0, 0], [5, 0])[1], [105.8, 21], [105.8, 21]];
    expect(codes({ type: "Polygon", coordinates: [flat] })).toEqual(["short-ring"]);
  });

  it("follows the self-intersection severity for misplaced holes (warnings for context layers)", () => {
    const collection = {
      type: "FeatureCollection",
      features: [
        {
          type: "Feature",
          properties: {},
          geometry: { type: "Polygon", coordinates: [square(0, 0, 10, 10), square(12, 2, 18, 8)] },
        },
      ],
    };
    const result = validateFeatureCollection(collection, {
      file: "p",
      selfIntersection: "warning",
    });
    expect(result.issues.map((i) => [i.code, i.severity])).toEqual([
      ["hole-outside-shell", "warning"],
    ]);
    expect(result.collection).not.toBeNull();
    const strict = validateFeatureCollection(collection, { file: "p" });
    expect(strict.issues.map((i) => i.severity)).toEqual(["error"]);
  });
});

describe("findGeometryProblems: detailed boundaries (hang guards, not timings)", () => {
  it("checks a 200 000-vertex boundary, and finds the one crossing planted in it", () => {
    expect(problems({ type: "Polygon", coordinates: [wiggleRing(200_000)] })).toEqual([]);
    expect(problems({ type: "Polygon", coordinates: [starRing(200_000)] })).toEqual([]);
    const planted = plantCrossing(starRing(200_000), 12_345);
    const [problem, ...rest] = problems({ type: "Polygon", coordinates: [planted.ring] });
    expect(rest).toEqual([]);
    const shown = (planted.at as number[]).map((v) => Math.round(v * 1e6) / 1e6);
    expect(problem?.message.en).toBe(
      `boundary crosses or touches itself at [${shown.join(", ")}]; fix the boundary there`,
    );
  }, 60_000);
});
