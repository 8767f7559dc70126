import type { Geometry, Position } from "geojson";
import { describe, expect, it } from "vitest";
import { jaggedRing } from "../../../scripts/jagged-polygon.mjs";
import { ellipsoidalArea } from "../../../src/core/check/ellipsoidal-area";
import { geodesicBuffer } from "../../../src/core/check/geodesic-buffer";
import { createClipperKernel } from "../../../src/core/check/kernel";
import { expectWithinMillimetre, HANG_GUARD, HOLED, L_SHAPE, MM } from "./buffer-distance";

/*
 * Buffers wide against the geometry's detail are built coarse and bottom-up, and their round joins
 * drawn exactly only where they can be on the outline (buffer-cascade.ts, buffer-exact-arcs.ts).
 * The same promise holds: the boundary within 1 mm of d from the geometry, along the ellipsoid.
 */

/** Always the bottom-up way, whatever the number of points of round joins. */
const BOTTOM_UP = { oneSweepArcPoints: 0 };
/** Always one exact sweep. */
const ONE_SWEEP = { oneSweepArcPoints: Number.POSITIVE_INFINITY };

/** A line that turns back along itself: its offsets cross each other's round joins. */
const zigzag: Geometry = {
  type: "LineString",
  coordinates: [
    [105.8, 21.0],
    [105.83, 21.0],
    [105.801, 21.003],
    [105.832, 21.006],
    [105.8, 21.009],
  ],
};
/** A small jagged ring (300 spikes about 550 m long): wide at 150 m, bottom-up by itself. */
const jagged: Geometry = { type: "Polygon", coordinates: [jaggedRing(300, 0.005)] };
/** A cluster of points, their circles overlapping. */
const cluster: Geometry = {
  type: "MultiPoint",
  coordinates: Array.from(
    { length: 12 },
    (_, k): Position => [105.8 + 0.003 * Math.cos(k * 2.4), 21.0 + 0.002 * Math.sin(k * 3.7)],
  ),
};

/** A line 95 km long, and a rectangle 60 × 40 km: the plane reaches 60 km from its centre. */
const long: Geometry = {
  type: "LineString",
  coordinates: [
    [105.3, 20.6],
    [105.9, 21.3],
  ],
};
const wide: Geometry = {
  type: "Polygon",
  coordinates: [
    [
      [105.5, 20.8],
      [106.08, 20.8],
      [106.08, 21.16],
      [105.5, 21.16],
      [105.5, 20.8],
    ],
  ],
};

const cases: [string, Geometry, number, { oneSweepArcPoints?: number }][] = [
  ["an L-shaped polygon", L_SHAPE, 300, BOTTOM_UP],
  ["a polygon with a hole, the hole not filled", HOLED, 200, BOTTOM_UP],
  ["a polygon with a hole, the hole filled", HOLED, 700, BOTTOM_UP],
  ["a line turning back along itself", zigzag, 400, BOTTOM_UP],
  ["a cluster of points", cluster, 250, BOTTOM_UP],
  ["a jagged ring of 300 vertices", jagged, 150, {}],
  // the plane's image of a geodesic circle is off centre: d times the scale missed by 32 mm here
  ["a 95 km line", long, 10_000, {}],
  ["a 95 km line, bottom-up", long, 10_000, BOTTOM_UP],
  ["a 60 × 40 km rectangle", wide, 10_000, {}],
];

describe(
  "geodesicBuffer bottom-up: the boundary lies d from the geometry on the ellipsoid",
  HANG_GUARD,
  () => {
    for (const [name, geometry, d, tuning] of cases) {
      it(`${name}, d = ${d} m: within 1 mm (GeographicLib)`, () => {
        expectWithinMillimetre(geodesicBuffer(geometry, d, tuning), geometry, d, 300);
      });
    }

    it("fills a hole narrower than 2 d and keeps one wider", () => {
      expect(geodesicBuffer(HOLED, 200, BOTTOM_UP)[0]).toHaveLength(2);
      expect(geodesicBuffer(HOLED, 700, BOTTOM_UP)[0]).toHaveLength(1);
    });

    it("agrees with one exact sweep within 1 mm along the boundary", () => {
      const kernel = createClipperKernel({ origin: [105, 21] });
      for (const [, geometry, d] of cases) {
        const bottomUp = geodesicBuffer(geometry, d, BOTTOM_UP);
        const oneSweep = geodesicBuffer(geometry, d, ONE_SWEEP);
        // the boundary's length, over-estimated by the zone's vertices' spacing
        let length = 0;
        for (const ring of bottomUp.flat()) {
          for (let i = 0; i + 1 < ring.length; i++) {
            const [x0, y0] = ring[i] as [number, number];
            const [x1, y1] = ring[i + 1] as [number, number];
            length += Math.hypot((x1 - x0) * 104_000, (y1 - y0) * 111_000);
          }
        }
        const apart =
          ellipsoidalArea(kernel.difference(bottomUp, [oneSweep])) +
          ellipsoidalArea(kernel.difference(oneSweep, [bottomUp]));
        expect(apart).toBeLessThan(length * MM);
      }
    });
  },
);
