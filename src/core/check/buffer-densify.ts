import { bbox } from "@turf/turf";
import Flatbush from "flatbush";
import type { Position } from "geojson";
import { metersPerDegree, pointSegment as planeDistance } from "./local-metric";

/** A line to buffer: open, or a ring without its repeated closing position; or a point. */
export type BufferPath = { points: Position[]; closed: boolean };

/** The smallest radius of curvature of WGS84 (meridional, at the equator), for bounds. */
const MIN_RADIUS = 6_335_439;
/** Slack (m) on the distances that decide where to add vertices (local scales, rounding). */
const MARGIN = 1;
const DEG = 180 / Math.PI;

type Segment = {
  path: number;
  index: number;
  a: Position;
  b: Position;
  /** Length (m); 0 for a point. */
  length: number;
  /** Curvature (1/m) of the segment in the buffering plane. */
  bend: number;
  /** Vertex spacing (m) where the whole segment needs vertices, longest piece (m) elsewhere. */
  step: number;
  longest: number;
  /** The whole segment needs vertices. */
  full: boolean;
  /** Where (m from its start) the segment needs vertices, besides. */
  extra: number[];
};

type XY = [number, number];

/** Positions in metres east/north of `o`, at the local scales there. */
function local(o: Position, ...ps: Position[]): XY[] {
  const k = metersPerDegree(o[1] as number);
  return ps.map((p) => [
    ((p[0] as number) - (o[0] as number)) * k.x,
    ((p[1] as number) - (o[1] as number)) * k.y,
  ]);
}

function pointSegment(p: XY, a: XY, b: XY): number {
  return planeDistance(p[0], p[1], a[0], a[1], b[0], b[1]);
}

function side(a: XY, b: XY, p: XY): number {
  return Math.sign((b[0] - a[0]) * (p[1] - a[1]) - (b[1] - a[1]) * (p[0] - a[0]));
}

/** Distance (m) between two segments, 0 when they cross. */
function segmentDistance(s: Segment, t: Segment): number {
  const [p, q, r, u] = local(s.a, s.a, s.b, t.a, t.b) as [XY, XY, XY, XY];
  if (side(p, q, r) * side(p, q, u) < 0 && side(r, u, p) * side(r, u, q) < 0) return 0;
  return Math.min(
    pointSegment(p, r, u),
    pointSegment(q, r, u),
    pointSegment(r, p, q),
    pointSegment(u, p, q),
  );
}

/**
 * Curvature (1/m) of a segment in a conformal plane reaching `radius` from its centre. The segment
 * is straight in lon/lat (as the clipping kernel reads it), so in the plane it bends with the
 * geodesic curvature of a straight lon/lat line, |tan φ| · u · (1 + v²) / R for a direction with
 * east and north parts u and v (most for an east–west segment: a parallel), plus the plane's own
 * bending of geodesics (below r / R² at distance r from its centre).
 */
function bendOf(a: Position, b: Position, length: number, radius: number): number {
  const [, q] = local(a, a, b) as [XY, XY];
  const u = Math.abs(q[0]) / length;
  const v = q[1] / length;
  const lat = Math.max(Math.abs(a[1] as number), Math.abs(b[1] as number));
  // 10 % over: the sphere's formula, and the ellipsoid's radii a little smaller than R in places
  const parallel = (Math.tan(lat / DEG) * u * (1 + v * v)) / MIN_RADIUS;
  return 1.1 * parallel + radius / (MIN_RADIUS * MIN_RADIUS);
}

/**
 * Longest segment whose true offset at d is straight in lon/lat within `sideError`: the offset's
 * lon/lat step from the segment changes along it with the local scales, bending it by about
 * d · (1 + 2 tan² φ) · (L / R)² / 8.
 */
function longest(a: Position, b: Position, d: number, sideError: number): number {
  const lat = Math.max(Math.abs(a[1] as number), Math.abs(b[1] as number));
  const tan = Math.tan(Math.min(lat, 89) / DEG);
  return MIN_RADIUS * Math.sqrt((8 * sideError) / (d * (1 + 2 * tan * tan)));
}

/** Half the diagonal (m) of the paths' box: how far from its centre the buffering plane reaches. */
function planeRadius(paths: BufferPath[]): number {
  const lines = paths.map((path) => path.points);
  const [minX, minY, maxX, maxY] = bbox({ type: "MultiLineString", coordinates: lines });
  if (minX > maxX) return 0;
  const kx = metersPerDegree(
    minY <= 0 && maxY >= 0 ? 0 : Math.min(Math.abs(minY), Math.abs(maxY)),
  ).x;
  return Math.hypot((maxX - minX) * kx, (maxY - minY) * metersPerDegree(90).y) / 2;
}

/**
 * Adds vertices to the paths where offsetting them in a conformal plane can make offsets cross, so
 * that the crossings come out within `chordError` of the true ones; elsewhere it only cuts segments
 * longer than their true offset stays straight in lon/lat (`sideError`). Returns the paths and
 * whether offsets of parts of them away from each other may cross (see `markCloseSegments`).
 *
 * Why only there: an offset vertex (a vertex moved by d along a chord's normal, or on a round join)
 * lies at d from the line however long the chords, and between two such vertices the true offset of
 * a straight lon/lat segment is itself straight in lon/lat, which is how the output is read. Only a
 * crossing of two offsets is computed from the chords, bent segments as they are in the plane.
 */
export function densifyForBuffer(
  paths: BufferPath[],
  d: number,
  errors: { chordError: number; sideError: number },
): { lines: Position[][]; crossing: boolean } {
  const radius = planeRadius(paths) + d;
  const segments: Segment[] = [];
  // path p's segments are firstOf[p] up to firstOf[p + 1]
  const firstOf: number[] = [];
  paths.forEach((path, p) => {
    firstOf.push(segments.length);
    const n = path.points.length;
    // a point is a segment of length 0, so that the offsets around it count as parts of the whole
    const count = path.closed && n > 2 ? n : Math.max(1, n - 1);
    for (let i = 0; i < count; i++) {
      const a = path.points[i] as Position;
      const b = path.points[(i + 1) % n] as Position;
      const [, q] = local(a, a, b) as [XY, XY];
      const length = Math.hypot(q[0], q[1]);
      const bend = length > 0 ? bendOf(a, b, length, radius) : 0;
      const most = longest(a, b, d, errors.sideError);
      const step = bend > 0 ? Math.min(Math.sqrt((8 * errors.chordError) / bend), most) : most;
      segments.push({
        path: p,
        index: i,
        a,
        b,
        length,
        bend,
        step,
        longest: most,
        full: false,
        extra: [],
      });
    }
  });
  firstOf.push(segments.length);
  const crossing = markCloseSegments(segments, paths, 2 * d + MARGIN);
  markBends(segments, paths, firstOf, d, errors.chordError);
  const lines = paths.map((path, p) => {
    if (path.points.length === 1) return path.points;
    const out: Position[] = [];
    const first = firstOf[p] as number;
    const last = firstOf[p + 1] as number;
    for (let k = first; k < last; k++) addSegment(segments[k] as Segment, out);
    if (!(path.closed && path.points.length > 2))
      out.push(path.points[path.points.length - 1] as Position);
    return out;
  });
  return { lines, crossing };
}

/**
 * Marks dense both segments of every pair whose offsets may cross away from a shared vertex: pairs
 * within `near` (2 d and a margin) of each other, unless they are consecutive, when only their far
 * ends count (their inner offsets' crossing by the shared vertex is `markBends`' business). Returns
 * whether any pair did: their round joins may then be crossed too.
 *
 * A segment needs one such partner to be marked, so each looks for the nearest one first and stops
 * there: at 10 km around a detailed boundary every pair is close, and visiting every pair (all
 * segments within the box of each) made this quadratic, minutes at 20 000 vertices.
 */
function markCloseSegments(segments: Segment[], paths: BufferPath[], near: number): boolean {
  let any = false;
  if (segments.length < 2) return any;
  const index = new Flatbush(segments.length);
  const my = near / metersPerDegree(0).y;
  for (const s of segments) {
    const lat = Math.max(Math.abs(s.a[1] as number), Math.abs(s.b[1] as number));
    const mx = near / metersPerDegree(Math.min(89, lat)).x;
    index.add(
      Math.min(s.a[0] as number, s.b[0] as number) - mx,
      Math.min(s.a[1] as number, s.b[1] as number) - my,
      Math.max(s.a[0] as number, s.b[0] as number) + mx,
      Math.max(s.a[1] as number, s.b[1] as number) + my,
    );
  }
  index.finish();
  segments.forEach((s, i) => {
    if (s.full) return;
    const minX = Math.min(s.a[0] as number, s.b[0] as number);
    const minY = Math.min(s.a[1] as number, s.b[1] as number);
    const maxX = Math.max(s.a[0] as number, s.b[0] as number);
    const maxY = Math.max(s.a[1] as number, s.b[1] as number);
    // every box meeting s's own lies within half its diagonal of its centre
    const reach = Math.hypot(maxX - minX, maxY - minY) / 2;
    const close = (j: number) => {
      if (j === i) return false;
      // in path order, as the distances are computed in a frame at the first one's start
      const first = segments[Math.min(i, j)] as Segment;
      const second = segments[Math.max(i, j)] as Segment;
      const shared = sharedEnd(first, second, paths);
      return shared
        ? farEndsClose(first, second, shared, near)
        : segmentDistance(first, second) < near;
    };
    const [j] = index.neighbors((minX + maxX) / 2, (minY + maxY) / 2, 1, reach, close);
    if (j === undefined) return;
    s.full = true;
    (segments[j] as Segment).full = true;
    any = true;
  });
  return any;
}

/**
 * For consecutive segments s (first in the path) and t, which vertex they share: s's end (t follows
 * s) or s's start (a ring closing with t); null when they are not consecutive.
 */
function sharedEnd(s: Segment, t: Segment, paths: BufferPath[]): "end" | "start" | null {
  if (s.path !== t.path || s.length === 0 || t.length === 0) return null;
  if (t.index === s.index + 1) return "end";
  const path = paths[s.path] as BufferPath;
  const closing = path.closed && s.index === 0 && t.index === path.points.length - 1;
  return closing ? "start" : null;
}

/** Whether either of two consecutive segments has its far end within `near` of the other. */
function farEndsClose(s: Segment, t: Segment, shared: "end" | "start", near: number): boolean {
  const sFar = shared === "end" ? s.a : s.b;
  const tFar = shared === "end" ? t.b : t.a;
  const [p, q, r, u, x, y] = local(s.a, s.a, s.b, t.a, t.b, sFar, tFar) as [XY, XY, XY, XY, XY, XY];
  return pointSegment(y, p, q) < near || pointSegment(x, r, u) < near;
}

/**
 * Where consecutive segments turn by θ, their inner offsets cross T = d · tan(θ / 2) from the shared
 * vertex. Computed from a chord of length L instead of a segment bending by κ, the crossing is off
 * by κ · T · (L − T) / 2; where that exceeds `chordError`, vertices T ± δ from the shared one, with
 * κ δ² / 2 = chordError, bring it back within (and leave room for T being estimated).
 */
function markBends(
  segments: Segment[],
  paths: BufferPath[],
  firstOf: number[],
  d: number,
  chordError: number,
) {
  paths.forEach((path, p) => {
    const first = firstOf[p] as number;
    const last = firstOf[p + 1] as number;
    const count = last - first;
    const closed = path.closed && path.points.length > 2;
    for (let k = closed ? 0 : 1; k < count; k++) {
      const before = segments[first + ((k - 1 + count) % count)] as Segment;
      const after = segments[first + k] as Segment;
      if (before.length === 0 || after.length === 0) continue;
      const [a, v, b] = local(before.b, before.a, before.b, after.b) as [XY, XY, XY];
      const cos =
        ((v[0] - a[0]) * (b[0] - v[0]) + (v[1] - a[1]) * (b[1] - v[1])) /
        (before.length * after.length);
      const turn = Math.acos(Math.max(-1, Math.min(1, cos)));
      const crossing = d * Math.tan(Math.min(turn, 3.1) / 2);
      for (const t of around(before, crossing, chordError)) before.extra.push(before.length - t);
      for (const t of around(after, crossing, chordError)) after.extra.push(t);
    }
  });
}

/** Distances from the bend at which a segment needs vertices for a crossing of offsets there. */
function around(s: Segment, crossing: number, chordError: number): number[] {
  if (s.bend * crossing * Math.max(0, s.length - crossing) <= 2 * chordError) return [];
  const delta = Math.sqrt((2 * chordError) / s.bend);
  return [crossing - delta, crossing + delta].filter((t) => t > 0 && t < s.length);
}

/** Pushes the segment's start and the vertices added along it (not its end). */
function addSegment(s: Segment, out: Position[]): void {
  out.push(s.a);
  if (s.length === 0) return;
  const ts: number[] = [];
  const n = Math.ceil(s.length / (s.full ? s.step : s.longest));
  for (let j = 1; j < n; j++) ts.push(j / n);
  if (!s.full) {
    for (const t of s.extra) ts.push(t / s.length);
    ts.sort((x, y) => x - y);
  }
  const ax = s.a[0] as number;
  const ay = s.a[1] as number;
  const dx = (s.b[0] as number) - ax;
  const dy = (s.b[1] as number) - ay;
  let previous = 0;
  for (const t of ts) {
    if (t - previous < 1e-9 || t > 1 - 1e-9) continue;
    out.push([ax + dx * t, ay + dy * t]);
    previous = t;
  }
}
