import type { Feature, Position } from "geojson";
import { describe, expect, it } from "vitest";
import { runChecks } from "../../../src/core/check/run-checks";
import { geodesicArea } from "../../../src/core/geo/geodesic-area";
import { failingKernel, fixtureInput, readFixture } from "./fixture-input";

const S = 0.01;
const X0 = 105.8;
const Y0 = 21.0;
const fixture = () => readFixture("valid-geometry", "overlapping-parts");

/** A ring through the given corners in fixture units (0.01° from 105.8° E, 21° N), closed. */
const ring = (corners: [number, number][]): Position[] => {
  const out = corners.map(([x, y]) => [X0 + x * S, Y0 + y * S]);
  return [...out, out[0] as Position];
};
const rectangle = (x0: number, y0: number, x1: number, y1: number) =>
  ring([
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ]);
/** GeographicLib's geodesic area of a polygon given by rings in fixture units. */
const geodesic = (...rings: Position[][]) => geodesicArea({ type: "Polygon", coordinates: rings });

const overlapsOf = (input: ReturnType<typeof fixtureInput>) =>
  runChecks(input).findings.filter((f) => f.problem === "overlapping-parts");

describe("valid-geometry: overlapping parts", () => {
  it("reports overlaps with the geodesic area of the overlap, and nothing for touching parts", () => {
    const found = new Map(overlapsOf(fixtureInput(fixture())).map((f) => [f.subject.featureId, f]));
    expect([...found.keys()].sort()).toEqual(["hole-cross", "nested", "strip", "three"]);
    // count: the parts that overlap another
    const expected: Record<string, { area: number; parts: number }> = {
      strip: { area: geodesic(rectangle(0.5, 0, 1, 1)), parts: 2 },
      nested: { area: geodesic(rectangle(8.25, 0.25, 8.75, 0.75)), parts: 2 },
      "hole-cross": {
        area: geodesic(rectangle(4.5, 3, 5, 4)) - geodesic(rectangle(4.5, 3.25, 4.75, 3.75)),
        parts: 2,
      },
      // the union of three pairwise overlaps: an L, each place counted once
      three: {
        area: geodesic(
          ring([
            [0.5, 6],
            [1, 6],
            [1, 6.5],
            [1.5, 6.5],
            [1.5, 7],
            [0.5, 7],
          ]),
        ),
        parts: 3,
      },
    };
    for (const [id, want] of Object.entries(expected)) {
      const finding = found.get(id);
      expect(finding?.status).toBe("ok");
      expect(finding?.measures.count).toBe(want.parts);
      // ellipsoidalArea is within 1e-6 of GeographicLib's area (types.ts)
      expect(Math.abs((finding?.areaSquareMeters ?? 0) / want.area - 1)).toBeLessThan(1e-6);
    }
    // the strip is the 0.005° × 0.01° rectangle near 21° N: about 520 m × 1107 m
    expect(found.get("strip")?.areaSquareMeters).toBeCloseTo(575545.9, 0);
  });

  it("turns a kernel failure into a not-computed finding and keeps the feature's other findings", () => {
    const result = runChecks({
      ...fixtureInput(fixture()),
      kernel: failingKernel("kernel gave up"),
    });
    const failed = result.findings.filter((f) => f.status === "not-computed");
    // every feature with parts whose boxes meet needs the kernel's union, touching ones too, a part
    // inside another or in its hole too; parts with boxes apart are settled without it
    expect(failed.map((f) => f.subject.featureId).sort()).toEqual([
      "corner",
      "edge",
      "edge-partial",
      "hole-cross",
      "island",
      "nested",
      "strip",
      "three",
      "tiny",
    ]);
    for (const f of failed) {
      expect(f).toMatchObject({ problem: "overlapping-parts", reason: "kernel gave up" });
    }
    expect(result.findings.find((f) => f.subject.featureId === "bowtie-part")?.problem).toBe(
      "self-intersection",
    );
  });

  it("indexes many parts: a 5 × 4 grid of squares overlapping each neighbour", () => {
    const grid = (size: number): Feature => ({
      type: "Feature",
      id: `grid-${size}`,
      properties: { _layer: "zoning" },
      geometry: {
        type: "MultiPolygon",
        coordinates: Array.from({ length: 20 }, (_, k) => {
          const x = k % 5;
          const y = Math.floor(k / 5);
          return [rectangle(x, y, x + size, y + size)];
        }),
      },
    });
    const input = fixtureInput({ ...fixture(), features: [grid(1), grid(1.1)] });
    const found = overlapsOf(input);
    // squares of side 1 only touch; of side 1.1 every square overlaps its neighbours
    expect(found.map((f) => f.subject.featureId)).toEqual(["grid-1.1"]);
    expect(found[0]?.measures.count).toBe(20);
  });
});
