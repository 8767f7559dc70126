import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Position } from "geojson";
import { describe, expect, it } from "vitest";
import { candidates, indexPolygons, prepareLayer } from "../../../src/core/check/context";
import { ellipsoidalArea } from "../../../src/core/check/ellipsoidal-area";
import { createClipperKernel } from "../../../src/core/check/kernel";
import { type PreparedGeometry, preparePolygons } from "../../../src/core/check/prepared-geometry";
import { relate } from "../../../src/core/check/relate";
import { touchOnly } from "../../../src/core/compare/touching";
import { readFlatGeobuf } from "../../../src/io/fgb-reader";
import { perturbPlan } from "../../support/perturb-plan";

/** A ring of (x, y) grid points (0.01° cells from 105.8° E, 21° N), closed, possibly with holes. */
const ring = (points: [number, number][]): Position[] => {
  const out = points.map(([x, y]) => [105.8 + x * 0.01, 21 + y * 0.01]);
  out.push(out[0] as Position);
  return out;
};
const shape = (...rings: [number, number][][]): PreparedGeometry =>
  preparePolygons([rings.map(ring)]) as PreparedGeometry;
const square = (x0: number, y0: number, x1: number, y1: number) =>
  shape([
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ]);

describe("touchOnly: boundaries that touch, interiors that do not meet", () => {
  it("settles neighbours sharing an edge, a corner, or part of an edge", () => {
    expect(touchOnly(square(0, 0, 1, 1), square(1, 0, 2, 1))).toBe(true);
    expect(touchOnly(square(0, 0, 1, 1), square(1, 1, 2, 2))).toBe(true);
    expect(touchOnly(square(0, 0, 1, 1), square(1, 0.5, 2, 1.5))).toBe(true);
    // a vertex of one on the middle of the other's edge (T-junction)
    const roof = shape([
      [0, 1],
      [1, 1],
      [0.5, 2],
    ]);
    expect(touchOnly(square(0, 0, 1, 1), roof)).toBe(true);
    const tip = shape([
      [0.5, 1],
      [1, 2],
      [0, 2],
    ]);
    expect(touchOnly(square(0, 0, 1, 1), tip)).toBe(true);
  });

  it("whatever way the rings turn", () => {
    const clockwise = shape([
      [1, 0],
      [1, 1],
      [2, 1],
      [2, 0],
    ]);
    expect(touchOnly(square(0, 0, 1, 1), clockwise)).toBe(true);
    const inside = shape([
      [0, 0],
      [0, 0.5],
      [0.5, 0.5],
      [0.5, 0],
    ]);
    expect(touchOnly(square(0, 0, 1, 1), inside)).toBe(false);
  });

  it("does not settle overlaps: crossing, nested along an edge, the same ring, inscribed", () => {
    expect(touchOnly(square(0, 0, 1, 1), square(0.5, 0.5, 1.5, 1.5))).toBe(false);
    expect(touchOnly(square(0, 0, 1, 1), square(0, 0, 0.5, 0.5))).toBe(false);
    expect(touchOnly(square(0, 0, 1, 1), square(0, 0, 1, 1))).toBe(false);
    const diamond = shape([
      [0.5, 0],
      [1, 0.5],
      [0.5, 1],
      [0, 0.5],
    ]);
    expect(touchOnly(square(0, 0, 1, 1), diamond)).toBe(false);
    // a zone along the edge of another that reaches into it between shared vertices
    const notch = shape([
      [1, 0],
      [2, 0],
      [2, 1],
      [1, 1],
      [0.9, 0.5],
    ]);
    expect(touchOnly(square(0, 0, 1, 1), notch)).toBe(false);
  });

  it("leaves holes, several parts and rings that are not simple to the kernel", () => {
    const holed = shape(
      [
        [1, 0],
        [3, 0],
        [3, 2],
        [1, 2],
      ],
      [
        [1.5, 0.5],
        [1.5, 1.5],
        [2.5, 1.5],
        [2.5, 0.5],
      ],
    );
    expect(touchOnly(square(0, 0, 1, 1), holed)).toBe(false);
    const eight = shape([
      [1, 0],
      [2, 1],
      [2, 0],
      [1, 1],
    ]);
    expect(touchOnly(square(0, 0, 1, 1), eight)).toBe(false);
  });
});

const FILE = join(__dirname, "../../../data/city-plan-zones.fgb");

describe.skipIf(!existsSync(FILE))("touchOnly agrees with the clipping kernel", () => {
  it("on every pair of the city plan and a copy with moved boundaries that it settles", async () => {
    const plan = await readFlatGeobuf(new Uint8Array(readFileSync(FILE)));
    const { proposal } = perturbPlan(plan, {
      attribute: "land_use_code",
      vertices: 0.2,
      moveMeters: 5,
    });
    const current = prepareLayer("current", plan, undefined);
    const moved = prepareLayer("proposal", proposal, undefined);
    const index = indexPolygons(
      current,
      plan.features.map((_, i) => i),
    );
    const kernel = createClipperKernel();
    let settled = 0;
    let touching = 0;
    let worst = 0;
    moved.features.forEach((_, j) => {
      const p = moved.geometry(j);
      if (!p) return;
      for (const i of candidates(index, p)) {
        const c = current.geometry(i) as PreparedGeometry;
        if (relate(p, c).kind !== "contact") continue;
        const area = ellipsoidalArea(kernel.intersection(p.polygons, c.polygons));
        if (area < 0.01) touching++;
        if (!touchOnly(p, c)) continue;
        settled++;
        worst = Math.max(worst, area);
      }
    });
    // what the kernel finds where touchOnly says "no overlap" is at most its grid's rounding
    expect(worst).toBeLessThan(0.01);
    // and it settles most pairs that only touch (not those of zones with holes or several parts)
    expect(settled).toBeGreaterThan(touching * 0.8);
  }, 60_000);
});
