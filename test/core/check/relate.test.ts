import type { Position } from "geojson";
import { describe, expect, it } from "vitest";
import { preparePolygons } from "../../../src/core/check/prepared-geometry";
import { polylineMeets, relate } from "../../../src/core/check/relate";
import type { Polygons } from "../../../src/core/check/types";

const rect = (x0: number, y0: number, x1: number, y1: number): Position[] => [
  [105.8 + x0, 21 + y0],
  [105.8 + x1, 21 + y0],
  [105.8 + x1, 21 + y1],
  [105.8 + x0, 21 + y1],
  [105.8 + x0, 21 + y0],
];
const g = (...parts: Position[][][]) => {
  const prepared = preparePolygons(parts as Polygons);
  if (!prepared) throw new Error("empty");
  return prepared;
};

describe("relate", () => {
  it("calls far apart and bounding-box-overlapping but separate shapes disjoint", () => {
    expect(relate(g([rect(0, 0, 1, 1)]), g([rect(2, 2, 3, 3)]))).toEqual({ kind: "disjoint" });
    const ring = g([rect(0, 0, 3, 3), rect(1, 1, 2, 2)]);
    expect(relate(ring, g([rect(1.2, 1.2, 1.8, 1.8)]))).toEqual({ kind: "disjoint" });
  });

  it("sends touching edges and corners to the kernel rather than guessing", () => {
    expect(relate(g([rect(0, 0, 1, 1)]), g([rect(1, 0, 2, 1)])).kind).toBe("contact");
    expect(relate(g([rect(0, 0, 1, 1)]), g([rect(1, 1, 2, 2)])).kind).toBe("contact");
    expect(relate(g([rect(0, 0, 1, 1)]), g([rect(0.5, 0.5, 2, 2)])).kind).toBe("contact");
  });

  it("recognises nesting either way, part by part", () => {
    expect(relate(g([rect(0.4, 0.4, 0.6, 0.6)]), g([rect(0, 0, 1, 1)]))).toEqual({
      kind: "subset",
      of: "a",
      parts: [0],
      whole: true,
    });
    expect(relate(g([rect(0, 0, 1, 1)]), g([rect(0.4, 0.4, 0.6, 0.6)]))).toMatchObject({
      kind: "subset",
      of: "b",
      whole: true,
    });
    const twoParts = g([rect(0.4, 0.4, 0.6, 0.6)], [rect(5, 5, 6, 6)]);
    expect(relate(twoParts, g([rect(0, 0, 1, 1)]))).toEqual({
      kind: "subset",
      of: "a",
      parts: [0],
      whole: false,
    });
  });

  it("needs the kernel when a hole of the other shape lies inside", () => {
    const holed = g([rect(0, 0, 3, 3), rect(1, 1, 2, 2)]);
    expect(relate(g([rect(0.5, 0.5, 2.5, 2.5)]), holed).kind).toBe("contact");
  });
});

describe("polylineMeets", () => {
  const square = g([rect(0, 0, 1, 1)]);
  it("is true for a line across, inside or touching, false for one outside", () => {
    expect(
      polylineMeets(square, [
        [105.3, 21.5],
        [106.3, 21.5],
      ]),
    ).toBe(true);
    expect(
      polylineMeets(square, [
        [106.2, 21.2],
        [106.3, 21.3],
      ]),
    ).toBe(true);
    expect(
      polylineMeets(square, [
        [106.8, 21.5],
        [107, 21.5],
      ]),
    ).toBe(true);
    expect(
      polylineMeets(square, [
        [107, 21.5],
        [108, 21.5],
      ]),
    ).toBe(false);
  });
});
