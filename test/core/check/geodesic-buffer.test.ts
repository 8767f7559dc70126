import geographiclib from "geographiclib-geodesic";
import type { Geometry, Position } from "geojson";
import { describe, expect, it } from "vitest";
import { geodesicBuffer } from "../../../src/core/check/geodesic-buffer";
import { metersPerDegree } from "../../../src/core/check/local-metric";
import type { Polygons } from "../../../src/core/check/types";
import { geodesicArea } from "../../../src/core/geo/geodesic-area";

const { Geodesic } = geographiclib;
const WGS84 = Geodesic.WGS84;
/** What the buffer promises: its boundary within 1 mm of d from the geometry. */
const MM = 1e-3;

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

function boundaryOf(geometry: Geometry): Position[][] {
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
function inside(p: Position, rings: Position[][]): boolean {
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
function boundaryErrors(zone: Polygons, geometry: Geometry, d: number, samples: number): number[] {
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

const cases: [string, Geometry][] = [
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
  [
    "an L-shaped polygon near 21° N",
    {
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
    },
  ],
  [
    "a polygon with a hole near 21° N",
    {
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
    },
  ],
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

describe("geodesicBuffer: the boundary lies d from the geometry on the ellipsoid", () => {
  for (const [name, geometry] of cases) {
    for (const d of [25, 300]) {
      it(`${name}, d = ${d} m: within 1 mm (GeographicLib)`, () => {
        const zone = geodesicBuffer(geometry, d);
        const errors = boundaryErrors(zone, geometry, d, 150);
        expect(errors.length).toBeGreaterThan(200);
        expect(Math.max(...errors.map(Math.abs))).toBeLessThan(MM);
        // and the geometry itself is inside the zone
        for (const line of boundaryOf(geometry)) {
          for (const p of line) expect(zone.some((part) => inside(p, part))).toBe(true);
        }
      });
    }
  }

  it("draws round joins exactly where the line comes back within 2 d of itself", () => {
    // arms about 33 m apart: their 25 m offsets cross each other
    const u: Geometry = {
      type: "LineString",
      coordinates: [
        [105.8, 21.0],
        [105.83, 21.0],
        [105.83, 21.0003],
        [105.8, 21.0003],
      ],
    };
    const zone = geodesicBuffer(u, 25);
    expect(zone).toHaveLength(1);
    expect(zone[0]).toHaveLength(1);
    const errors = boundaryErrors(zone, u, 25, 200);
    expect(Math.max(...errors.map(Math.abs))).toBeLessThan(MM);
  });

  it("buffers points into geodesic circles, overlapping ones united", () => {
    const points: Geometry = {
      type: "MultiPoint",
      coordinates: [
        [105.8, 21.0],
        [105.8003, 21.0001],
        [105.81, 21.0],
      ],
    };
    const zone = geodesicBuffer(points, 25);
    expect(zone).toHaveLength(2);
    const errors = boundaryErrors(zone, points, 25, 150);
    expect(Math.max(...errors.map(Math.abs))).toBeLessThan(MM);
  });

  it("buffers a ring collapsed to one position as that point: a geodesic circle", () => {
    const p = [105.8, 21.0];
    const zone = geodesicBuffer({ type: "Polygon", coordinates: [[p, p, p, p]] }, 25);
    expect(zone).toHaveLength(1);
    // within 1 mm all round: the area within 1 mm × the circumference of π d²
    const area = geodesicArea({ type: "Polygon", coordinates: zone[0] as Position[][] });
    expect(Math.abs(area - Math.PI * 25 * 25)).toBeLessThan(2 * Math.PI * 25 * MM);
  });

  it("rejects a distance that is not positive and positions that are not lon/lat", () => {
    const line: Geometry = {
      type: "LineString",
      coordinates: [
        [105.8, 21.0],
        [105.81, 21.0],
      ],
    };
    expect(() => geodesicBuffer(line, 0)).toThrow(RangeError);
    expect(() => geodesicBuffer(line, Number.NaN)).toThrow(RangeError);
    const bad: Geometry = {
      type: "LineString",
      coordinates: [
        [105.8, 21.0],
        [105.81, 91],
      ],
    };
    expect(() => geodesicBuffer(bad, 25)).toThrow(
      "buffer: position 2 of a LineString, [105.81,91], is not a longitude/latitude",
    );
  });
});
