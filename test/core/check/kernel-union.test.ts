import type { Position } from "geojson";
import { describe, expect, it } from "vitest";
import { ellipsoidalArea } from "../../../src/core/check/ellipsoidal-area";
import { createClipperKernel, type Polygons } from "../../../src/core/check/index";

/** A lon/lat box near Hà Nội as one polygon, counter-clockwise. */
const box = (
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  holes: Position[][] = [],
): Polygons => [
  [
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ],
    ...holes,
  ],
];

const near = (a: number, b: number) => expect(Math.abs(a - b) / b).toBeLessThan(1e-6);

describe("ClipKernel.union", () => {
  const kernel = createClipperKernel({ origin: [105, 21] });

  it("counts an overlap once: two overlapping boxes are the box that spans both", () => {
    const union = kernel.union([box(105.8, 21, 105.81, 21.01), box(105.805, 21, 105.815, 21.01)]);
    near(ellipsoidalArea(union), ellipsoidalArea(box(105.8, 21, 105.815, 21.01)));
  });

  it("keeps parts apart as they are, and a thousand stacked copies as one", () => {
    const apart = [box(105.8, 21, 105.81, 21.01), box(105.9, 21.1, 105.91, 21.11)];
    near(ellipsoidalArea(kernel.union(apart)), ellipsoidalArea(apart.flat()));
    const stacked = Array.from({ length: 1000 }, () => box(105.8, 21, 105.81, 21.01));
    const union = kernel.union(stacked);
    expect(union).toHaveLength(1);
    near(ellipsoidalArea(union), ellipsoidalArea(stacked[0] as Polygons));
  });

  it("unites a chain whose ends do not meet (a overlaps b, b overlaps c), and returns a lone part as given", () => {
    const chain = [
      box(105.8, 21, 105.81, 21.01),
      box(105.808, 21, 105.818, 21.01),
      box(105.816, 21, 105.826, 21.01),
    ];
    const lone = box(105.9, 21.2, 105.91, 21.21);
    const union = kernel.union([
      chain[2] as Polygons,
      lone,
      chain[0] as Polygons,
      chain[1] as Polygons,
    ]);
    near(
      ellipsoidalArea(union),
      ellipsoidalArea(box(105.8, 21, 105.826, 21.01)) + ellipsoidalArea(lone),
    );
    expect(union).toContain(lone[0]);
  });

  it("keeps a hole no other part fills", () => {
    const hole = [
      [105.802, 21.002],
      [105.802, 21.008],
      [105.808, 21.008],
      [105.808, 21.002],
      [105.802, 21.002],
    ];
    const ring = box(105.8, 21, 105.81, 21.01, [hole]);
    const other = box(105.83, 21, 105.84, 21.01);
    near(
      ellipsoidalArea(kernel.union([ring, other])),
      ellipsoidalArea(ring) + ellipsoidalArea(other),
    );
    expect(kernel.union([])).toEqual([]);
  });
});
