import { type EdgeList, edgeList } from "./edge-tree";
import {
  bboxesMeet,
  containsPoint,
  gatherEdges,
  type PreparedGeometry,
  partCount,
  ringCount,
} from "./prepared-geometry";

/**
 * Distance in degrees (≈ 0.1 mm) under which two boundaries count as touching. Touching pairs go to
 * the clipping kernel, so this only has to err towards "touching".
 */
export const TOUCH_DEGREES = 1e-9;

/**
 * How two polygonal geometries relate, as far as decided without clipping:
 * - "disjoint": the interiors do not meet;
 * - "subset": the boundaries do not meet and a ∩ b is made of whole parts of one of them (`of`),
 *   listed in `parts` (`whole` when that is all of it);
 * - "contact": the boundaries touch or cross (or nest in a way that needs clipping).
 */
export type Relation =
  | { kind: "disjoint" }
  | { kind: "subset"; of: "a" | "b"; parts: number[]; whole: boolean }
  | { kind: "contact" };

/** Whether segment i1–i2 of c and segment j1–j2 of d come within TOUCH_DEGREES of each other. */
export function segmentsMeet(
  c: Float64Array,
  i1: number,
  i2: number,
  d: Float64Array,
  j1: number,
  j2: number,
): boolean {
  const px = c[2 * i1] as number;
  const py = c[2 * i1 + 1] as number;
  const qx = c[2 * i2] as number;
  const qy = c[2 * i2 + 1] as number;
  const rx = d[2 * j1] as number;
  const ry = d[2 * j1 + 1] as number;
  const sx = d[2 * j2] as number;
  const sy = d[2 * j2 + 1] as number;
  const t = TOUCH_DEGREES;
  if (Math.max(px, qx) + t < Math.min(rx, sx) || Math.max(rx, sx) + t < Math.min(px, qx))
    return false;
  if (Math.max(py, qy) + t < Math.min(ry, sy) || Math.max(ry, sy) + t < Math.min(py, qy))
    return false;
  const ux = sx - rx;
  const uy = sy - ry;
  const tolU = t * (Math.abs(ux) + Math.abs(uy));
  const d1 = ux * (py - ry) - uy * (px - rx);
  const d2 = ux * (qy - ry) - uy * (qx - rx);
  if ((d1 > tolU && d2 > tolU) || (d1 < -tolU && d2 < -tolU)) return false;
  const vx = qx - px;
  const vy = qy - py;
  const tolV = t * (Math.abs(vx) + Math.abs(vy));
  const d3 = vx * (ry - py) - vy * (rx - px);
  const d4 = vx * (sy - py) - vy * (sx - px);
  if ((d3 > tolV && d4 > tolV) || (d3 < -tolV && d4 < -tolV)) return false;
  return true;
}

/* Scratch edge lists, reused from pair to pair (allocating per pair showed up as GC). */
const edgesOfA = edgeList();
const edgesOfB = edgeList();
const edgesNear = edgeList();

/**
 * Fills `nearA` and `nearB` with the edges of a and of b (each in its own order) whose boxes meet
 * the common part of the two geometries' boxes, widened by `margin`; false (nearB left as it was)
 * when a has none there.
 */
export function gatherNearCommonBox(
  a: PreparedGeometry,
  b: PreparedGeometry,
  margin: number,
  nearA: EdgeList,
  nearB: EdgeList,
): boolean {
  const minX = Math.max(a.bbox[0], b.bbox[0]) - margin;
  const minY = Math.max(a.bbox[1], b.bbox[1]) - margin;
  const maxX = Math.min(a.bbox[2], b.bbox[2]) + margin;
  const maxY = Math.min(a.bbox[3], b.bbox[3]) + margin;
  gatherEdges(a, minX, minY, maxX, maxY, nearA);
  if (nearA.count === 0) return false;
  gatherEdges(b, minX, minY, maxX, maxY, nearB);
  return true;
}

/**
 * Whether any edge of a comes within TOUCH_DEGREES of an edge of b. Only edges near the common part
 * of the bounding boxes can (an edge within TOUCH_DEGREES of the other geometry's edge lies in its own
 * box and near the other's), so both are cut to it first and the few left compared pairwise.
 */
function boundariesMeet(a: PreparedGeometry, b: PreparedGeometry): boolean {
  if (!gatherNearCommonBox(a, b, TOUCH_DEGREES, edgesOfA, edgesOfB)) return false;
  const na = edgesOfA.count;
  const nb = edgesOfB.count;
  const la = edgesOfA.edges;
  const lb = edgesOfB.edges;
  const ca = a.coords;
  const cb = b.coords;
  for (let p = 0; p < na; p++) {
    const i1 = la[2 * p] as number;
    const i2 = la[2 * p + 1] as number;
    for (let q = 0; q < nb; q++) {
      if (segmentsMeet(ca, i1, i2, cb, lb[2 * q] as number, lb[2 * q + 1] as number)) return true;
    }
  }
  return false;
}

/** Rings of g whose first vertex lies inside other; with no boundary contact, the whole ring does. */
function ringsInside(g: PreparedGeometry, other: PreparedGeometry): boolean[] {
  const out: boolean[] = [];
  for (let r = 0; r < ringCount(g); r++) out.push(ringStartInside(g, r, other));
  return out;
}

/** Whether the first vertex of ring r of g lies inside other. */
function ringStartInside(g: PreparedGeometry, r: number, other: PreparedGeometry): boolean {
  const v = g.ringStart[r] as number;
  const x = g.coords[2 * v] as number;
  const y = g.coords[2 * v + 1] as number;
  const [ox0, oy0, ox1, oy1] = other.bbox;
  return x >= ox0 && x <= ox1 && y >= oy0 && y <= oy1 && containsPoint(other, x, y);
}

/** Outer rings of g marked inside → the part indices, in order. */
function partsOf(g: PreparedGeometry, inside: boolean[]): number[] {
  const parts: number[] = [];
  inside.forEach((isIn, r) => {
    if (isIn && g.ringIsOuter[r] === 1) parts.push(g.ringPart[r] as number);
  });
  return parts;
}

/**
 * Relates a and b with bounding boxes, an edge-crossing scan and one point-in-polygon test per ring:
 * cheap enough to run on every candidate pair, so clipping runs only where boundaries meet.
 */
export function relate(a: PreparedGeometry, b: PreparedGeometry): Relation {
  if (!bboxesMeet(a, b)) return { kind: "disjoint" };
  if (boundariesMeet(a, b)) return { kind: "contact" };
  if (ringCount(a) === 1 && ringCount(b) === 1) return relateRings(a, b);
  const aIn = ringsInside(a, b);
  const bIn = ringsInside(b, a);
  const anyA = aIn.includes(true);
  const anyB = bIn.includes(true);
  if (!anyA && !anyB) return { kind: "disjoint" };
  if (!anyB) {
    const parts = partsOf(a, aIn);
    return { kind: "subset", of: "a", parts, whole: parts.length === partCount(a) };
  }
  if (!anyA) {
    const parts = partsOf(b, bIn);
    return { kind: "subset", of: "b", parts, whole: parts.length === partCount(b) };
  }
  return { kind: "contact" };
}

/** `relate` of two one-ring geometries whose boundaries do not meet, without the ring lists. */
function relateRings(a: PreparedGeometry, b: PreparedGeometry): Relation {
  const aIn = ringStartInside(a, 0, b);
  const bIn = ringStartInside(b, 0, a);
  if (aIn === bIn) return aIn ? { kind: "contact" } : { kind: "disjoint" };
  // its one ring is its one part, as `partsOf` reads it (a lone hole is no part)
  const g = aIn ? a : b;
  const parts = g.ringIsOuter[0] === 1 ? [g.ringPart[0] as number] : [];
  return { kind: "subset", of: aIn ? "a" : "b", parts, whole: true };
}

/**
 * Whether a polyline (lon/lat positions) touches or enters g: a vertex inside g, or a segment meeting
 * g's boundary. Used for line constraints, whose distance to a zone is 0 when this holds.
 */
export function polylineMeets(g: PreparedGeometry, line: readonly (readonly number[])[]): boolean {
  const t = TOUCH_DEGREES;
  const flat = new Float64Array(line.length * 2);
  line.forEach((p, k) => {
    flat[2 * k] = p[0] as number;
    flat[2 * k + 1] = p[1] as number;
  });
  const [x0, y0, x1, y1] = g.bbox;
  for (let k = 0; k < line.length; k++) {
    const x = flat[2 * k] as number;
    const y = flat[2 * k + 1] as number;
    if (x >= x0 && x <= x1 && y >= y0 && y <= y1 && containsPoint(g, x, y)) return true;
    if (k + 1 >= line.length) break;
    const x2 = flat[2 * k + 2] as number;
    const y2 = flat[2 * k + 3] as number;
    gatherEdges(
      g,
      Math.min(x, x2) - t,
      Math.min(y, y2) - t,
      Math.max(x, x2) + t,
      Math.max(y, y2) + t,
      edgesNear,
    );
    const near = edgesNear.edges;
    for (let q = 0; q < edgesNear.count; q++) {
      const j1 = near[2 * q] as number;
      const j2 = near[2 * q + 1] as number;
      if (segmentsMeet(flat, k, k + 1, g.coords, j1, j2)) return true;
    }
  }
  return false;
}
