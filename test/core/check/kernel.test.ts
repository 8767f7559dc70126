import {
  bboxPolygon,
  booleanClockwise,
  circle,
  difference,
  featureCollection,
  intersect,
} from "@turf/turf";
import type { Feature, Polygon, Position } from "geojson";
import { describe, expect, it } from "vitest";
import { ellipsoidalArea } from "../../../src/core/check/ellipsoidal-area";
import { createClipperKernel } from "../../../src/core/check/kernel";
import type { Polygons } from "../../../src/core/check/types";

/** A 3 km disc (512 vertices) with a 1 km hole (256 vertices) around 105.85° E, 21.03° N. */
function ring(): Feature<Polygon> {
  const outer = circle([105.85, 21.03], 3, { steps: 512, units: "kilometers" });
  const hole = circle([105.85, 21.03], 1, { steps: 256, units: "kilometers" });
  const holeRing = [...(hole.geometry.coordinates[0] as Position[])].reverse();
  return {
    ...outer,
    geometry: {
      type: "Polygon",
      coordinates: [outer.geometry.coordinates[0] as Position[], holeRing],
    },
  };
}
const polygonsOf = (f: Feature<Polygon>): Polygons => [f.geometry.coordinates];
const area = (f: Feature | null) =>
  f && (f.geometry.type === "Polygon" || f.geometry.type === "MultiPolygon")
    ? ellipsoidalArea(
        f.geometry.type === "Polygon" ? [f.geometry.coordinates] : f.geometry.coordinates,
      )
    : 0;

describe("createClipperKernel", () => {
  const big = ring();
  // a small zone across the hole's edge and one across the outer edge
  const zones = [
    bboxPolygon([105.855, 21.025, 105.865, 21.035]),
    bboxPolygon([105.87, 21.025, 105.885, 21.035]),
  ] as Feature<Polygon>[];

  it("intersects like Turf, with or without cutting the large operand to the window", () => {
    const kernel = createClipperKernel();
    for (const zone of zones) {
      const expected = area(intersect(featureCollection([zone, big])));
      for (const hint of [undefined, { cutToWindow: true }]) {
        const got = ellipsoidalArea(kernel.intersection(polygonsOf(zone), polygonsOf(big), hint));
        expect(Math.abs(got / expected - 1)).toBeLessThan(1e-6);
      }
    }
  });

  it("subtracts the union of several operands, cut to the window, like Turf", () => {
    const kernel = createClipperKernel();
    const other = bboxPolygon([105.86, 21.02, 105.87, 21.03]) as Feature<Polygon>;
    for (const zone of zones) {
      const union = [polygonsOf(big), polygonsOf(other)];
      const left = difference(featureCollection([zone, big]));
      const expected = left
        ? area(difference(featureCollection([left as Feature<Polygon>, other])))
        : 0;
      const got = ellipsoidalArea(kernel.difference(polygonsOf(zone), union));
      expect(Math.abs(got - expected)).toBeLessThan(Math.max(1e-6 * expected, 0.01));
    }
  });

  it("reads either ring orientation and writes RFC 7946 winding (outer counter-clockwise)", () => {
    const kernel = createClipperKernel();
    const clockwise = polygonsOf(zones[0] as Feature<Polygon>).map((p) =>
      p.map((r) => [...r].reverse()),
    );
    const out = kernel.intersection(clockwise, polygonsOf(big));
    expect(out.length).toBeGreaterThan(0);
    for (const part of out) {
      expect(part.map((r) => booleanClockwise(r))).toEqual(part.map((_, k) => k > 0));
      for (const r of part) expect(r[0]).toEqual(r[r.length - 1]);
    }
  });
});

describe("createClipperKernel origin", () => {
  /** An irregular pentagon whose vertices do not sit on the kernel's 1e-9° grid. */
  const blob = (x: number, y: number, r: number): Polygons => {
    const ring: Position[] = [];
    for (let k = 0; k < 5; k++) {
      const a = (2 * Math.PI * k) / 5 + 0.3;
      ring.push([x + r * Math.cos(a) * (1 + 0.13 * k), y + r * Math.sin(a) * (1 - 0.07 * k)]);
    }
    ring.push(ring[0] as Position);
    return [[ring]];
  };
  const south = [blob(105.71234567, 20.98765432, 0.004), blob(105.71534567, 20.98865432, 0.003)];
  const north = [blob(105.81234567, 21.01765432, 0.004), blob(105.81534567, 21.01865432, 0.003)];
  const run = (kernel: ReturnType<typeof createClipperKernel>, order: Polygons[][]) =>
    order.map(([a, b]) => kernel.intersection(a as Polygons, b as Polygons));

  it("gives the same digits whatever is clipped first when the origin is given", () => {
    const origin = [105.8, 21.01] as const;
    const [s1, n1] = run(createClipperKernel({ origin }), [south, north]);
    const [n2, s2] = run(createClipperKernel({ origin }), [north, south]);
    expect(s1?.length).toBeGreaterThan(0);
    expect(s1).toEqual(s2);
    expect(n1).toEqual(n2);
  });

  it("(why) without one, the first polygon sets it and the digits depend on the order", () => {
    const [s1, n1] = run(createClipperKernel(), [south, north]);
    const [n2, s2] = run(createClipperKernel(), [north, south]);
    expect([s1, n1]).not.toEqual([s2, n2]);
  });
});
