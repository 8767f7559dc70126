import { EndType } from "clipper2-ts";
import type { Geometry, Position } from "geojson";
import { type BufferPath, densifyForBuffer } from "./buffer-densify";
import { type Group, offsetInPlane } from "./buffer-plane";
import type { Polygons } from "./types";

/*
 * Error budget (metres). Each part of the boundary has its own sources. With the two grids' rounding (plane 0.1 mm, kernel 1e-9°:
 * about 0.07 mm each), sides stay within 0.3 mm, crossings of offsets within 0.9 mm (the chord
 * error too) and round joins within 0.7 mm (the arc error instead).
 */
/** Largest gap between a side as drawn (straight in lon/lat) and the true offset. */
const SIDE_ERROR = 1e-4;
/** Largest gap between a chord and its (bent) segment in the plane, where offsets cross. */
const CHORD_ERROR = 6e-4;
/** Largest gap either side between round joins as drawn and the true circle. */
const ARC_ERROR = 5e-4;
/**
 * Angle between round-join vertices as Clipper draws them where nothing can cross them: they are
 * redrawn exactly afterwards, so Clipper's union (most of the cost) sees few vertices.
 */
const COARSE_STEP = Math.PI / 8;

/** The positions of a line or ring, checked, without consecutive repeats. */
function cleaned(line: Position[], ring: boolean, where: string): BufferPath {
  const points: Position[] = [];
  for (const [i, p] of line.entries()) {
    const x = p[0];
    const y = p[1];
    // the poles themselves are left out: the plane's formulas divide by cos φ
    const valid =
      typeof x === "number" && typeof y === "number" && Number.isFinite(x) && Math.abs(y) < 90;
    if (!valid) {
      const shown = JSON.stringify(p).slice(0, 60);
      throw new Error(
        `buffer: position ${i + 1} of a ${where}, ${shown}, is not a longitude/latitude`,
      );
    }
    const last = points[points.length - 1];
    if (!last || last[0] !== x || last[1] !== y) points.push([x, y]);
  }
  const first = points[0];
  const last = points[points.length - 1];
  if (ring && points.length > 1 && first?.[0] === last?.[0] && first?.[1] === last?.[1]) {
    points.pop();
  }
  return { points, closed: ring && points.length > 2 };
}

/** The geometry's lines (points are one-position lines) and polygons (indices of their rings). */
type Parts = { paths: BufferPath[]; polygons: number[][] };

function partsOf(geometry: Geometry, parts: Parts): void {
  const where = geometry.type;
  const add = (line: Position[], ring: boolean) => {
    const path = cleaned(line, ring, where);
    if (path.points.length === 0) return -1;
    parts.paths.push(path);
    return parts.paths.length - 1;
  };
  const polygon = (rings: Position[][]) => {
    const indices = rings.map((ring) => add(ring, true)).filter((i) => i >= 0);
    if (indices.length > 0) parts.polygons.push(indices);
  };
  switch (geometry.type) {
    case "Point":
      add([geometry.coordinates], false);
      return;
    case "MultiPoint":
      for (const p of geometry.coordinates) add([p], false);
      return;
    case "LineString":
      add(geometry.coordinates, false);
      return;
    case "MultiLineString":
      for (const line of geometry.coordinates) add(line, false);
      return;
    case "Polygon":
      polygon(geometry.coordinates);
      return;
    case "MultiPolygon":
      for (const rings of geometry.coordinates) polygon(rings);
      return;
    case "GeometryCollection":
      for (const g of geometry.geometries) partsOf(g, parts);
      return;
  }
}

/**
 * The points within `distanceMeters` (> 0) of a geometry, measured along geodesics of the WGS84
 * ellipsoid: within 1 mm for distances up to 10 km (the rules' bound) and features up to a hundred
 * kilometres across (0.6 mm at most against GeographicLib, around a district and along a 95 km line
 * at 10 km). Edges are straight in lon/lat, in the input as the clipping kernel reads them,
 * and in the output, whose vertices are placed so that this holds. Outer rings counter-clockwise
 * (RFC 7946). Throws on positions that are not longitude/latitude pairs (or lie on a pole); not for
 * features across the antimeridian. `tuning` is for tests: which way round joins are drawn.
 */
export function geodesicBuffer(
  geometry: Geometry,
  distanceMeters: number,
  tuning: { oneSweepArcPoints?: number } = {},
): Polygons {
  const d = distanceMeters;
  if (!(d > 0) || !Number.isFinite(d)) {
    throw new RangeError(`buffer: the distance must be a positive number of metres, not ${d}`);
  }
  const parts: Parts = { paths: [], polygons: [] };
  partsOf(geometry, parts);
  const { lines, crossing } = densifyForBuffer(parts.paths, d, {
    chordError: CHORD_ERROR,
    sideError: SIDE_ERROR,
  });
  const groups: Group[] = [];
  const inPolygon = new Set<number>();
  for (const indices of parts.polygons) {
    // a ring of fewer than three positions has no inside: it is buffered as the line it is
    const rings = indices.filter((i) => parts.paths[i]?.closed);
    if (rings[0] !== indices[0]) continue;
    for (const i of rings) inPolygon.add(i);
    groups.push({ paths: rings.map((i) => lines[i] as Position[]), end: EndType.Polygon });
  }
  const open = lines.filter((_, i) => !inPolygon.has(i));
  if (open.length > 0) groups.push({ paths: open, end: EndType.Round });
  // where offsets may cross round joins Clipper draws them exactly, else coarsely to be redrawn
  return offsetInPlane(groups, d, {
    ...tuning,
    arcError: ARC_ERROR,
    exactArcs: crossing || d * (1 - Math.cos(COARSE_STEP / 2)) <= ARC_ERROR,
    coarseStep: COARSE_STEP,
  });
}
