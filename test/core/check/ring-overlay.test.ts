import type { Position } from "geojson";
import { describe, expect, it } from "vitest";
import { ellipsoidalArea } from "../../../src/core/check/ellipsoidal-area";
import { createClipperKernel, type Grid } from "../../../src/core/check/kernel";
import { preparePolygons } from "../../../src/core/check/prepared-geometry";
import {
  intersectSimplePolygons,
  intersectSimpleRings,
  isSimpleRing,
} from "../../../src/core/check/ring-overlay";
import type { Polygons } from "../../../src/core/check/types";
import { seededRandom } from "../../support/seeded-random";

const at = (points: [number, number][]): Position[] => {
  const ring = points.map(([x, y]) => [105.8 + x / 100, 21 + y / 100]);
  ring.push([...(ring[0] as Position)]);
  return ring;
};
const rect = (x0: number, y0: number, x1: number, y1: number) =>
  at([
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ]);
/** A U open to the north: two arms joined by a base along the south. */
const u = at([
  [0, 0],
  [3, 0],
  [3, 3],
  [2, 3],
  [2, 1],
  [1, 1],
  [1, 3],
  [0, 3],
]);
const g = (polygons: Polygons) => {
  const prepared = preparePolygons(polygons);
  if (!prepared) throw new Error("empty");
  return prepared;
};
const kernel = createClipperKernel({ origin: [105, 21] });
const grid = kernel.grid as Grid;
const area = (p: Polygons | null) => (p ? ellipsoidalArea(p) : Number.NaN);

describe("intersectSimpleRings", () => {
  it("gives the kernel's area and one part per piece for a concave ring cut in two", () => {
    const a = [[u]];
    const b = [[rect(-1, 2, 4, 4)]];
    const pieces = intersectSimpleRings(g(a), g(b), grid);
    expect(pieces?.polygons).toHaveLength(2);
    expect(pieces?.area).toBeCloseTo(area(kernel.intersection(a, b)), 3);
    // measured from the numbers held flat as from the rings built of them, to the last bit
    expect(pieces?.area).toBe(area(pieces?.polygons ?? null));
  });

  it("keeps one part when the cut leaves the ring connected, either ring orientation", () => {
    const a = [[u]];
    const b = [[rect(-1, -1, 4, 2).reverse()]];
    const pieces = intersectSimpleRings(g(a), g(b), grid);
    expect(pieces?.polygons).toHaveLength(1);
    expect(pieces?.area).toBeCloseTo(area(kernel.intersection(a, b)), 3);
    expect(pieces?.area).toBe(area(pieces?.polygons ?? null));
  });

  it("gives the same pieces whichever way either ring is written", () => {
    const rnd = seededRandom(5);
    // star-shaped rings of 12 and 90 vertices (the larger with an edge index), overlapping
    const star = (cx: number, cy: number, r: number, n: number): Position[] => {
      const ring: [number, number][] = [];
      for (let k = 0; k < n; k++) {
        const angle = (2 * Math.PI * k) / n;
        const rr = r * (0.6 + 0.4 * rnd());
        ring.push([cx + rr * Math.cos(angle), cy + rr * Math.sin(angle)]);
      }
      return at(ring);
    };
    // clockwise, read back counter-clockwise from the same first vertex
    const clockwise = (ring: Position[]) => {
      const open = ring.slice(0, -1).reverse();
      return [...open, open[0] as Position];
    };
    let compared = 0;
    for (let trial = 0; trial < 40; trial++) {
      const a = star(rnd() * 2, rnd() * 2, 1.5, 12);
      const b = star(1 + rnd(), 1 + rnd(), 1.5, 90);
      const pairs: [Position[], Position[]][] = [
        [a, b],
        [b, a],
      ];
      for (const [x, y] of pairs) {
        const pieces = intersectSimpleRings(g([[x]]), g([[y]]), grid);
        if (!pieces) continue;
        compared++;
        // the first ring clockwise: the same walk, to the last bit
        const again = intersectSimpleRings(g([[clockwise(x)]]), g([[y]]), grid);
        expect(again?.polygons).toEqual(pieces.polygons);
        expect(again?.area).toBe(pieces.area);
        // the second: its crossings come in another order, the pieces are the same
        const other = intersectSimpleRings(g([[x]]), g([[clockwise(y)]]), grid);
        expect(other?.polygons.length).toBe(pieces.polygons.length);
        expect(other?.area).toBeCloseTo(pieces.area, 3);
        expect(pieces.area).toBeCloseTo(area(kernel.intersection([[x]], [[y]])), 0);
      }
    }
    expect(compared).toBeGreaterThan(40);
  });

  it("leaves shared edges and vertices on edges to the kernel", () => {
    expect(intersectSimpleRings(g([[rect(0, 0, 1, 1)]]), g([[rect(1, 0, 2, 1)]]), grid)).toBeNull();
    expect(intersectSimpleRings(g([[rect(0, 0, 2, 2)]]), g([[rect(1, 0, 3, 2)]]), grid)).toBeNull();
  });
});

describe("isSimpleRing", () => {
  it("rejects self-crossing rings and geometries with holes", () => {
    const bowtie = at([
      [0, 0],
      [2, 2],
      [2, 0],
      [0, 2],
    ]);
    // a pentagram turns the same way at every edge around its centre, but twice
    const star = [0, 2, 4, 1, 3].map((k): [number, number] => [
      Math.cos((2 * Math.PI * k) / 5 + 0.1),
      Math.sin((2 * Math.PI * k) / 5 + 0.1),
    ]);
    const pentagon = [0, 1, 2, 3, 4].map((k): [number, number] => [
      Math.cos((2 * Math.PI * k) / 5 + 0.1),
      Math.sin((2 * Math.PI * k) / 5 + 0.1),
    ]);
    expect(isSimpleRing(g([[at(star)]]))).toBe(false);
    expect(isSimpleRing(g([[at(pentagon)]]))).toBe(true);
    expect(isSimpleRing(g([[at(pentagon).reverse()]]))).toBe(true);
    expect(isSimpleRing(g([[u]]))).toBe(true);
    expect(isSimpleRing(g([[bowtie]]))).toBe(false);
    expect(isSimpleRing(g([[rect(0, 0, 3, 3), rect(1, 1, 2, 2)]]))).toBe(false);
  });
});

describe("intersectSimplePolygons", () => {
  it("handles several parts and a hole wholly inside the other operand like the kernel", () => {
    const a = [[rect(0, 0, 2, 2)], [rect(3, 0, 5, 2)]];
    const b = [[rect(1, -1, 4, 3), rect(1.5, 0.5, 1.8, 0.8)]];
    const overlap = intersectSimplePolygons(g(a), g(b), grid);
    expect(overlap?.polygons).toHaveLength(2);
    expect(overlap?.polygons.some((piece) => piece.length === 2)).toBe(true);
    expect(overlap?.area).toBeCloseTo(area(kernel.intersection(a, b)), 3);
    expect(overlap?.area).toBe(area(overlap?.polygons ?? null));
  });

  it("leaves a hole crossing the other operand's boundary to the kernel", () => {
    const a = [[rect(0, 0, 2, 2)]];
    const b = [[rect(1, -1, 4, 3), rect(1.5, 0.5, 2.5, 0.8)]];
    expect(intersectSimplePolygons(g(a), g(b), grid)).toBeNull();
  });
});
