import geographiclib from "geographiclib-geodesic";
import type { Geometry, Position } from "geojson";
import { expect } from "vitest";
import { metersPerDegree } from "../../../src/core/check/local-metric";
import type { Polygons } from "../../../src/core/check/types";

/*
 * The buffer's promise checked against GeographicLib: how far the zone's boundary lies from the
 * geometry along the WGS84 ellipsoid's geodesics. Shared by the buffer's tests.
 */
const { Geodesic } = geographiclib;
const WGS84 = Geodesic.WGS84;
/** What the buffer promises: its boundary within 1 mm of d from the geometry. */
export const MM = 1e-3;
/**
 * For the tests measuring zones against GeographicLib: a second or two each alone, many times that
 * on a shared, loaded machine (the default 5 s timed out there). A hang guard, not a speed test.
 */
export const HANG_GUARD = { timeout: 60_000 };

const geodesic = (p: Position, q: Position) =>
  WGS84.Inverse(p[1] as number, p[0] as number, q[1] as number, q[0] as number, Geodesic.DISTANCE)
    .s12 as number;

/**
 * Geodesic distance (GeographicLib) from p to a segment straight in lon/lat, as the clipping kernel
 * reads edges: the least over the segment's points, found by golden-section search (the distance
 * is unimodal along a segment this short against the Earth).
 */
function segmentDistance(p: Position, a: Position, b: Position): number {
  const at = (t: number): Position => [
    (a[0] as number) + ((b[0] as number) - (a[0] as number)) * t,
    (a[1] as number) + ((b[1] as number) - (a[1] as number)) * t,
  ];
  const g = (Math.sqrt(5) - 1) / 2;
  let lo = 0;
  let hi = 1;
  let x1 = hi - g * (hi - lo);
  let x2 = lo + g * (hi - lo);
  let f1 = geodesic(p, at(x1));
  let f2 = geodesic(p, at(x2));
  // 0.618^45 of a few kilometres is below a micrometre, and the minimum is flat there
  for (let i = 0; i < 45; i++) {
    if (f1 < f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - g * (hi - lo);
      f1 = geodesic(p, at(x1));
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + g * (hi - lo);
      f2 = geodesic(p, at(x2));
    }
  }
  return Math.min(f1, f2, geodesic(p, a), geodesic(p, b));
}

/** Distance from p to the nearest of the lines (rings as closed lines, points as one-point lines). */
function distanceTo(p: Position, lines: Position[][]): number {
  const k = metersPerDegree(p[1] as number);
  const rough = (q: Position) =>
    Math.hypot(
      ((q[0] as number) - (p[0] as number)) * k.x,
      ((q[1] as number) - (p[1] as number)) * k.y,
    );
  const roughLength = (a: Position, b: Position) =>
    Math.hypot(
      ((b[0] as number) - (a[0] as number)) * k.x,
      ((b[1] as number) - (a[1] as number)) * k.y,
    );
  let best = Number.POSITIVE_INFINITY;
  for (const line of lines) {
    if (line.length === 1) best = Math.min(best, geodesic(p, line[0] as Position));
    for (let i = 0; i + 1 < line.length; i++) {
      const a = line[i] as Position;
      const b = line[i + 1] as Position;
      // every point of the segment is at least (|pa| + |pb| − |ab|) / 2 away (local scales: < 1 %)
      if ((rough(a) + rough(b) - roughLength(a, b)) / 2 > best * 1.01 + 1) continue;
      best = Math.min(best, segmentDistance(p, a, b));
    }
  }
  return best;
}

export function boundaryOf(geometry: Geometry): Position[][] {
  switch (geometry.type) {
    case "LineString":
      return [geometry.coordinates];
    case "Polygon":
      return geometry.coordinates;
    case "MultiPoint":
      return geometry.coordinates.map((p) => [p]);
    default:
      throw new Error(`no boundary for ${geometry.type}`);
  }
}

/** Even-odd point-in-polygon test in lon/lat (rings straight in lon/lat). */
export function inside(p: Position, rings: Position[][]): boolean {
  let odd = false;
  const x = p[0] as number;
  const y = p[1] as number;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const [xi, yi] = ring[i] as [number, number];
      const [xj, yj] = ring[j] as [number, number];
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
    }
  }
  return odd;
}

/**
 * Signed error (m) of the zone's boundary: for up to `samples` vertices and as many edge midpoints,
 * spread over every ring, the geodesic distance to the geometry minus d (negative inside a polygon).
 */
export function boundaryErrors(
  zone: Polygons,
  geometry: Geometry,
  d: number,
  samples: number,
): number[] {
  const lines = boundaryOf(geometry);
  const rings = geometry.type === "Polygon" ? geometry.coordinates : [];
  const all: Position[] = [];
  for (const part of zone) {
    for (const ring of part) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const p = ring[i] as Position;
        const q = ring[i + 1] as Position;
        all.push(p, [
          ((p[0] as number) + (q[0] as number)) / 2,
          ((p[1] as number) + (q[1] as number)) / 2,
        ]);
      }
    }
  }
  const stride = Math.max(1, Math.floor(all.length / (2 * samples)));
  const errors: number[] = [];
  for (let i = 0; i < all.length; i += stride) {
    const p = all[i] as Position;
    const distance = distanceTo(p, lines);
    errors.push((inside(p, rings) ? -distance : distance) - d);
  }
  return errors;
}

/**
 * Expects the buffer's promise of a zone: its boundary within 1 mm of d from the geometry, checked
 * at two thirds at least of the 2 × `samples` points asked of `boundaryErrors`, and the
 * geometry's own vertices inside it.
 */
export function expectWithinMillimetre(
  zone: Polygons,
  geometry: Geometry,
  d: number,
  samples: number,
): void {
  const errors = boundaryErrors(zone, geometry, d, samples);
  expect(errors.length).toBeGreaterThan((4 * samples) / 3);
  expect(Math.max(...errors.map(Math.abs))).toBeLessThan(MM);
  for (const line of boundaryOf(geometry)) {
    for (const p of line) expect(zone.some((part) => inside(p, part))).toBe(true);
  }
}

/** An L-shaped polygon near 21° N. */
export const L_SHAPE: Geometry = {
  type: "Polygon",
  coordinates: [
    [
      [105.8, 21.0],
      [105.82, 21.0],
      [105.82, 21.004],
      [105.804, 21.004],
      [105.804, 21.02],
      [105.8, 21.02],
      [105.8, 21.0],
    ],
  ],
};

/** A square polygon near 21° N with a square hole. */
export const HOLED: Geometry = {
  type: "Polygon",
  coordinates: [
    [
      [105.8, 21.0],
      [105.82, 21.0],
      [105.82, 21.02],
      [105.8, 21.02],
      [105.8, 21.0],
    ],
    [
      [105.805, 21.005],
      [105.805, 21.015],
      [105.815, 21.015],
      [105.815, 21.005],
      [105.805, 21.005],
    ],
  ],
};

/** Geometries the buffer is checked on, by name. */
export const BUFFER_CASES: [string, Geometry][] = [
  [
    "a bent line near 21° N",
    {
      type: "LineString",
      coordinates: [
        [105.8, 21.0],
        [105.82, 21.01],
        [105.83, 20.99],
        [105.85, 21.02],
        [105.851, 21.0],
      ],
    },
  ],
  ["an L-shaped polygon near 21° N", L_SHAPE],
  ["a polygon with a hole near 21° N", HOLED],
  [
    "a bent line near 60° N",
    {
      type: "LineString",
      coordinates: [
        [24.9, 60.1],
        [24.95, 60.12],
        [24.97, 60.15],
        [25.0, 60.13],
      ],
    },
  ],
];
