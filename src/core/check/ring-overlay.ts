import type { Position } from "geojson";
import { FloatSlab } from "../geo/float-slab";
import { GrowingNumbers } from "../geo/growing-numbers";
import { edgeList } from "./edge-tree";
import { ellipsoidalArea, flatRingsArea, ringEllipsoidalArea } from "./ellipsoidal-area";
import type { Grid } from "./kernel";
import {
  containsPoint,
  gatherEdges,
  type PreparedGeometry,
  preparePolygons,
  ringCount,
  vertexCount,
} from "./prepared-geometry";
import { gatherNearCommonBox, relate, segmentsMeet, TOUCH_DEGREES } from "./relate";
import type { Polygons } from "./types";

/**
 * Crossings closer than this (as a fraction of either edge) to a vertex count as degenerate: the pair
 * goes to the clipping kernel, which handles vertices on edges and shared edges exactly.
 */
const PARAM_EPS = 1e-9;

/** Rings with fewer vertices compare every pair of edges rather than querying an edge index. */
const SMALL_RING = 64;

/**
 * Whether g is one ring (no holes, one part) whose edges meet only their neighbours at their shared
 * vertex, within the touch tolerance of `segmentsMeet` (so near-touches count as not simple).
 * Computed once per geometry.
 */
export function isSimpleRing(g: PreparedGeometry): boolean {
  const known = g.simpleRing;
  if (known !== undefined) return known;
  const n = vertexCount(g);
  const simple =
    ringCount(g) === 1 &&
    (starShaped(g.coords, 0, n) ||
      (!spiked(g.coords, 0, n) && (n < SMALL_RING ? !edgesMeet(g.coords, 0, n) : !selfMeets(g))));
  g.simpleRing = simple;
  return simple;
}

/**
 * Whether ring r of g, of fewer than {@link SMALL_RING} vertices, is simple as
 * {@link isSimpleRing} says; false (not known) for a larger ring.
 */
export function isSmallSimpleRing(g: PreparedGeometry, r: number): boolean {
  const from = g.ringStart[r] as number;
  const n = (g.ringStart[r + 1] as number) - from;
  if (n >= SMALL_RING) return false;
  const c = g.coords;
  return starShaped(c, from, n) || (!spiked(c, from, n) && !edgesMeet(c, from, n));
}

/**
 * Whether the ring of the n vertices of c from vertex `from` turns once around its vertex centroid
 * with every edge strictly turning the same way: the edges then lie in disjoint wedges around that
 * point, so the ring is simple. O(n), and it holds for most zones (Voronoi-like cells), sparing them
 * the pairwise edge test.
 */
function starShaped(c: Float64Array, from: number, n: number): boolean {
  let cx = 0;
  let cy = 0;
  for (let i = from; i < from + n; i++) {
    cx += c[2 * i] as number;
    cy += c[2 * i + 1] as number;
  }
  cx /= n;
  cy /= n;
  let positive = 0;
  let negative = 0;
  let upward = 0;
  let downward = 0;
  const last = from + n - 1;
  for (let i = from; i <= last; i++) {
    const i2 = i < last ? i + 1 : from;
    const x1 = (c[2 * i] as number) - cx;
    const y1 = (c[2 * i + 1] as number) - cy;
    const x2 = (c[2 * i2] as number) - cx;
    const y2 = (c[2 * i2 + 1] as number) - cy;
    const cross = x1 * y2 - y1 * x2;
    if (cross > 0) positive++;
    else if (cross < 0) negative++;
    else return false;
    // crossings of the horizontal through the centroid: once each way for a single turn
    if (y1 < 0 && y2 >= 0) upward++;
    else if (y1 >= 0 && y2 < 0) downward++;
  }
  return (positive === n || negative === n) && upward === 1 && downward === 1;
}

/**
 * Whether an edge of the ring of the n vertices of c from vertex `from` folds straight back along
 * the previous one.
 */
function spiked(c: Float64Array, from: number, n: number): boolean {
  const last = from + n - 1;
  for (let i = from; i <= last; i++) {
    const i2 = i < last ? i + 1 : from;
    const i3 = i2 < last ? i2 + 1 : from;
    const ux = (c[2 * i2] as number) - (c[2 * i] as number);
    const uy = (c[2 * i2 + 1] as number) - (c[2 * i + 1] as number);
    const vx = (c[2 * i3] as number) - (c[2 * i2] as number);
    const vy = (c[2 * i3 + 1] as number) - (c[2 * i2 + 1] as number);
    if (ux * vy - uy * vx === 0 && ux * vx + uy * vy < 0) return true;
  }
  return false;
}

/**
 * Whether two edges of g's first ring that are not neighbours meet, found through g's edge index
 * (a large ring: see {@link edgesMeet} for small ones).
 */
function selfMeets(g: PreparedGeometry): boolean {
  const n = vertexCount(g);
  const c = g.coords;
  for (let i = 0; i < n; i++) {
    const i2 = i + 1 < n ? i + 1 : 0;
    const x1 = c[2 * i] as number;
    const y1 = c[2 * i + 1] as number;
    const x2 = c[2 * i2] as number;
    const y2 = c[2 * i2 + 1] as number;
    gatherEdges(g, Math.min(x1, x2), Math.min(y1, y2), Math.max(x1, x2), Math.max(y1, y2), near);
    const list = near.edges;
    for (let q = 0; q < near.count; q++) {
      const j = list[2 * q] as number;
      const j2 = list[2 * q + 1] as number;
      if (j > i && j !== i2 && j2 !== i && segmentsMeet(c, i, i2, c, j, j2)) return true;
    }
  }
  return false;
}

/**
 * Whether two edges that are not neighbours of the ring of n vertices of c from `from` meet,
 * comparing every pair: for small rings (most zones) this costs less than querying an edge index.
 */
function edgesMeet(c: Float64Array, from: number, n: number): boolean {
  // box slack of the pairwise scan: `segmentsMeet`'s touch distance
  const t = TOUCH_DEGREES;
  const last = from + n - 1;
  for (let i = from; i <= last; i++) {
    const i2 = i < last ? i + 1 : from;
    const ax0 = Math.min(c[2 * i] as number, c[2 * i2] as number);
    const ax1 = Math.max(c[2 * i] as number, c[2 * i2] as number);
    const ay0 = Math.min(c[2 * i + 1] as number, c[2 * i2 + 1] as number);
    const ay1 = Math.max(c[2 * i + 1] as number, c[2 * i2 + 1] as number);
    // neighbours share a vertex: skip edge i + 1, and the last edge when i is the first
    const end = i === from ? last : last + 1;
    for (let j = i + 2; j < end; j++) {
      const j2 = j < last ? j + 1 : from;
      const bx0 = Math.min(c[2 * j] as number, c[2 * j2] as number);
      const bx1 = Math.max(c[2 * j] as number, c[2 * j2] as number);
      if (bx1 < ax0 - t || bx0 > ax1 + t) continue;
      const by0 = Math.min(c[2 * j + 1] as number, c[2 * j2 + 1] as number);
      const by1 = Math.max(c[2 * j + 1] as number, c[2 * j2 + 1] as number);
      if (by1 < ay0 - t || by0 > ay1 + t) continue;
      if (segmentsMeet(c, i, i2, c, j, j2)) return true;
    }
  }
  return false;
}

/**
 * Signed shoelace sum (twice the signed area) of the single ring of g: positive when
 * counter-clockwise.
 */
export function ringOrientation(g: PreparedGeometry): number {
  const c = g.coords;
  const n = vertexCount(g);
  let sum = 0;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    sum +=
      ((c[2 * j] as number) - (c[2 * i] as number)) *
      ((c[2 * j + 1] as number) + (c[2 * i + 1] as number));
  }
  return sum;
}

/** The ring's vertices counter-clockwise as x0, y0, x1, y1, …, snapped to the kernel's grid. */
export type SnappedRing = { xy: Float64Array; n: number; reversed: boolean };

/* The snapped rings, cut from shared slabs (see `FloatSlab`). */
const snapped = new FloatSlab(1 << 15);

/**
 * The ring counter-clockwise with every vertex rounded to the kernel's grid, as the kernel itself
 * rounds it: a pair's answer then differs from the kernel's only in where crossings round to.
 */
function ccwRing(g: PreparedGeometry, grid: Grid): SnappedRing {
  const known = g.snappedRing;
  if (known) return known;
  const n = vertexCount(g);
  const reversed = ringOrientation(g) < 0;
  const at = snapped.reserve(2 * n);
  const out = snapped.data;
  const c = g.coords;
  for (let i = 0; i < n; i++) {
    const v = reversed ? n - 1 - i : i;
    out[at + 2 * i] =
      Math.round(((c[2 * v] as number) - grid.x0) * grid.scale) / grid.scale + grid.x0;
    out[at + 2 * i + 1] =
      Math.round(((c[2 * v + 1] as number) - grid.y0) * grid.scale) / grid.scale + grid.y0;
  }
  const ring = { xy: snapped.cut(at, at + 2 * n), n, reversed };
  g.snappedRing = ring;
  return ring;
}

/** `larger` with `old` copied into its start. */
function grown<T extends Float64Array | Int32Array | Uint8Array>(old: T, larger: T): T {
  larger.set(old);
  return larger;
}

/**
 * The crossings of one pair, kept in reusable typed arrays (one object per crossing, and sorting
 * them with comparator closures, were a good share of the check's garbage and compile time).
 * Crossing k: point (x[k], y[k]); on a's edge ea[k] at parameter ta[k] and b's edge eb[k] at tb[k]
 * (counter-clockwise order); entering[k] = 1 when a enters b there; nextA/nextB[k] = the next
 * crossing along a / b; visited[k] while walking.
 */
class Crossings {
  count = 0;
  x = new Float64Array(64);
  y = new Float64Array(64);
  ta = new Float64Array(64);
  tb = new Float64Array(64);
  ea = new Int32Array(64);
  eb = new Int32Array(64);
  nextA = new Int32Array(64);
  nextB = new Int32Array(64);
  orderA = new Int32Array(64);
  orderB = new Int32Array(64);
  entering = new Uint8Array(64);
  visited = new Uint8Array(64);

  add(x: number, y: number, ea: number, ta: number, eb: number, tb: number, entering: boolean) {
    const k = this.count;
    if (k === this.x.length) this.grow();
    this.x[k] = x;
    this.y[k] = y;
    this.ea[k] = ea;
    this.ta[k] = ta;
    this.eb[k] = eb;
    this.tb[k] = tb;
    this.entering[k] = entering ? 1 : 0;
    this.visited[k] = 0;
    this.count = k + 1;
  }

  private grow() {
    const size = 2 * this.x.length;
    this.x = grown(this.x, new Float64Array(size));
    this.y = grown(this.y, new Float64Array(size));
    this.ta = grown(this.ta, new Float64Array(size));
    this.tb = grown(this.tb, new Float64Array(size));
    this.ea = grown(this.ea, new Int32Array(size));
    this.eb = grown(this.eb, new Int32Array(size));
    this.nextA = grown(this.nextA, new Int32Array(size));
    this.nextB = grown(this.nextB, new Int32Array(size));
    this.orderA = grown(this.orderA, new Int32Array(size));
    this.orderB = grown(this.orderB, new Int32Array(size));
    this.entering = grown(this.entering, new Uint8Array(size));
    this.visited = grown(this.visited, new Uint8Array(size));
  }
}

/**
 * Sorts `order` (the points 0 … m − 1) by edge, then parameter along it. Insertion sort: the
 * crossings come nearly in order along a (its edges are scanned in order) and are few on b; the
 * points where two touching zones meet (`touchOnly`) are a handful.
 */
export function sortAlong(
  order: Int32Array,
  m: number,
  edge: ArrayLike<number>,
  t: ArrayLike<number>,
): void {
  for (let k = 0; k < m; k++) order[k] = k;
  for (let k = 1; k < m; k++) {
    const c = order[k] as number;
    const e = edge[c] as number;
    const p = t[c] as number;
    let l = k;
    for (; l > 0; l--) {
      const d = order[l - 1] as number;
      const de = edge[d] as number;
      if (de < e || (de === e && (t[d] as number) <= p)) break;
      order[l] = d;
    }
    order[l] = c;
  }
}

const crossings = new Crossings();
/* Edges of a and of b near the common part of their boxes (`findCrossings`). */
const nearA = edgeList();
const nearB = edgeList();
/* Edges near an edge of the ring tested by `selfMeets`. */
const near = edgeList();

/**
 * Parts of an intersection, each one ring (closed, counter-clockwise, no holes), measured as the
 * walk wrote them and kept as plain numbers: ring k in `values[ends[k − 1], ends[k])` (the first
 * from 0). The rings are built as arrays only when read (a finding without geometry never reads
 * them); typed arrays here, two per finding, cost the garbage collector more than they saved.
 */
export class FlatPieces {
  private built: Polygons | undefined;
  constructor(
    /** Ellipsoidal area, the same to the last bit as `ellipsoidalArea(this.polygons)`. */
    readonly area: number,
    private readonly values: number[],
    private readonly ends: number[],
  ) {}
  /** Each ring as a polygon of its own. */
  get polygons(): Polygons {
    if (this.built) return this.built;
    const parts: Polygons = [];
    let from = 0;
    for (const to of this.ends) {
      const ring: Position[] = [];
      for (let i = from; i < to; i += 2) {
        ring.push([this.values[i] as number, this.values[i + 1] as number]);
      }
      parts.push([ring]);
      from = to;
    }
    this.built = parts;
    return parts;
  }
}

/**
 * a ∩ b for two simple rings (see `isSimpleRing`) whose boundaries properly cross, by walking both
 * boundaries from crossing to crossing (Greiner–Hormann). Returns the parts (closed, counter-clockwise,
 * no holes: in the plane, the intersection of two simply connected regions has none), or null when
 * the pair is degenerate (a vertex on or next to the other's boundary, overlapping edges, no proper
 * crossing) — the caller then uses the clipping kernel. Vertices are first rounded to the kernel's
 * grid; crossings are not (the kernel rounds them), which is all the two answers differ by.
 */
export function intersectSimpleRings(
  a: PreparedGeometry,
  b: PreparedGeometry,
  grid: Grid,
): FlatPieces | null {
  const ra = ccwRing(a, grid);
  const rb = ccwRing(b, grid);
  if (!findCrossings(ra, rb, a, b)) return null;
  const m = crossings.count;
  if (m === 0 || m % 2 === 1 || !linkCrossings(m)) return null;
  return walkCrossings(ra, rb, m);
}

/*
 * The three steps below are separate functions so that each is optimised on its own: as one
 * function, V8's optimising compiler took 50–90 ms over it at the start of every CLI run, time the
 * check phase spent in slower code waiting.
 */

/**
 * Fills `crossings` with the proper crossings of a's and b's edges; false when the pair is
 * degenerate (a vertex on or next to the other's boundary, or collinear overlapping edges).
 *
 * Only edges near the common part of the two boxes can meet, so both rings are cut to it first
 * (`gatherEdges`, with twice the touch distance: the rings are snapped to the grid, their tables
 * not) and the edges left compared pair by pair, with the same box test and in the same order
 * (a's edges counter-clockwise, b's in its own order) as a search of b per edge of a: the same
 * crossings in the same order. A zone overlapping a corridor's edge keeps a few edges of each.
 */
function findCrossings(
  ra: SnappedRing,
  rb: SnappedRing,
  a: PreparedGeometry,
  b: PreparedGeometry,
): boolean {
  const pa = ra.xy;
  const pb = rb.xy;
  const cr = crossings;
  cr.count = 0;
  // box slack and collinearity tolerance: `segmentsMeet`'s touch distance
  const t = TOUCH_DEGREES;
  if (!gatherNearCommonBox(a, b, 2 * t, nearA, nearB)) return true;
  const na = nearA.count;
  const nb = nearB.count;
  const la = nearA.edges;
  const lb = nearB.edges;
  const n = ra.n;
  // a reversed: its counter-clockwise edge i is its own edge n − 2 − i (mod n), so counter-
  // clockwise order visits its own edges n − 2 down to 0, then n − 1
  const wraps = ra.reversed && la[2 * (na - 1)] === n - 1;
  for (let p = 0; p < na; p++) {
    let q = p;
    if (ra.reversed) q = wraps ? (p < na - 1 ? na - 2 - p : na - 1) : na - 1 - p;
    const k = la[2 * q] as number;
    const i = ra.reversed ? (2 * n - 2 - k) % n : k;
    const i2 = i + 1 < n ? i + 1 : 0;
    const ax1 = pa[2 * i] as number;
    const ay1 = pa[2 * i + 1] as number;
    const ax2 = pa[2 * i2] as number;
    const ay2 = pa[2 * i2 + 1] as number;
    const adx = ax2 - ax1;
    const ady = ay2 - ay1;
    const minX = Math.min(ax1, ax2) - t;
    const minY = Math.min(ay1, ay2) - t;
    const maxX = Math.max(ax1, ax2) + t;
    const maxY = Math.max(ay1, ay2) + t;
    for (let e = 0; e < nb; e++) {
      const j0 = lb[2 * e] as number;
      const j20 = lb[2 * e + 1] as number;
      // b's edge box against a's edge box and slack, as `gatherEdges` tests it
      const bc = b.coords;
      const x1 = bc[2 * j0] as number;
      const x2 = bc[2 * j20] as number;
      if (Math.max(x1, x2) < minX || Math.min(x1, x2) > maxX) continue;
      const y1 = bc[2 * j0 + 1] as number;
      const y2 = bc[2 * j20 + 1] as number;
      if (Math.max(y1, y2) < minY || Math.min(y1, y2) > maxY) continue;
      // edges of b in its own order: map to the counter-clockwise order
      const j = rb.reversed ? rb.n - 1 - j20 : j0;
      const j2 = rb.reversed ? rb.n - 1 - j0 : j20;
      const bx1 = pb[2 * j] as number;
      const by1 = pb[2 * j + 1] as number;
      const bdx = (pb[2 * j2] as number) - bx1;
      const bdy = (pb[2 * j2 + 1] as number) - by1;
      const d = adx * bdy - ady * bdx;
      const ex = bx1 - ax1;
      const ey = by1 - ay1;
      if (d === 0) {
        // parallel: degenerate if collinear and overlapping (the box test says they are near)
        if (Math.abs(ex * ady - ey * adx) <= t * (Math.abs(adx) + Math.abs(ady))) return false;
        continue;
      }
      const ta = (ex * bdy - ey * bdx) / d;
      const tb = (ex * ady - ey * adx) / d;
      if (ta < -PARAM_EPS || ta > 1 + PARAM_EPS || tb < -PARAM_EPS || tb > 1 + PARAM_EPS) continue;
      if (ta < PARAM_EPS || ta > 1 - PARAM_EPS || tb < PARAM_EPS || tb > 1 - PARAM_EPS)
        return false;
      // b's interior is on the left of its edges: a enters it when crossing right to left
      cr.add(ax1 + ta * adx, ay1 + ta * ady, i, ta, j, tb, d < 0);
    }
  }
  return true;
}

/** Orders the crossings along a and along b and links each to the next; false if they do not alternate. */
function linkCrossings(m: number): boolean {
  const { orderA, orderB, ea, eb, ta, tb, entering, nextA, nextB } = crossings;
  sortAlong(orderA, m, ea, ta);
  sortAlong(orderB, m, eb, tb);
  for (let k = 0; k < m; k++) {
    const here = orderA[k] as number;
    const next = orderA[(k + 1) % m] as number;
    // entering and leaving alternate along a simple boundary; anything else is a rounding artefact
    if (entering[here] === entering[next]) return false;
    if (ea[here] === ea[next] && ta[here] === ta[next]) return false;
    nextA[here] = next;
    const hereB = orderB[k] as number;
    const nextOnB = orderB[(k + 1) % m] as number;
    if (entering[hereB] === entering[nextOnB]) return false;
    if (eb[hereB] === eb[nextOnB] && tb[hereB] === tb[nextOnB]) return false;
    nextB[hereB] = nextOnB;
  }
  return true;
}

/* The walk's parts, written here and copied out once whole (see `FlatPieces`). */
const walkValues = new GrowingNumbers((n) => new Float64Array(n), 1024);
const walkEnds = new GrowingNumbers((n) => new Int32Array(n), 64);

/** Walks the linked crossings into the parts of a ∩ b; null when the walk does not close. */
function walkCrossings(ra: SnappedRing, rb: SnappedRing, m: number): FlatPieces | null {
  const pa = ra.xy;
  const pb = rb.xy;
  const cr = crossings;
  const { ea, eb, ta, tb, entering, nextA, nextB, visited } = cr;
  walkValues.length = 0;
  walkEnds.length = 0;
  let walked = 0;
  for (let start = 0; start < m; start++) {
    if (visited[start] === 1 || entering[start] === 0) continue;
    const ringFrom = walkValues.length;
    let k = start;
    for (let guard = 0; guard <= m; guard++) {
      if (visited[k] === 1) break;
      visited[k] = 1;
      walked++;
      walkValues.push(cr.x[k] as number);
      walkValues.push(cr.y[k] as number);
      // inside b after entering it: follow a; after leaving it (entering a): follow b
      const onA = entering[k] === 1;
      const next = (onA ? nextA[k] : nextB[k]) as number;
      const xy = onA ? pa : pb;
      const n = onA ? ra.n : rb.n;
      const from = (onA ? ea[k] : eb[k]) as number;
      const to = (onA ? ea[next] : eb[next]) as number;
      let steps = (to - from + n) % n;
      const behind = onA
        ? (ta[next] as number) < (ta[k] as number)
        : (tb[next] as number) < (tb[k] as number);
      if (steps === 0 && behind) steps = n;
      for (let s = 1; s <= steps; s++) {
        const v = (from + s) % n;
        walkValues.push(xy[2 * v] as number);
        walkValues.push(xy[2 * v + 1] as number);
      }
      k = next;
    }
    if (k !== start || walkValues.length - ringFrom < 6) return null;
    // closed: the first position again
    walkValues.push(walkValues.data[ringFrom] as number);
    walkValues.push(walkValues.data[ringFrom + 1] as number);
    walkEnds.push(walkValues.length);
  }
  if (walked !== m) return null;
  const count = walkEnds.length;
  const area = flatRingsArea(walkValues.data, walkEnds.data, count);
  const values: number[] = [];
  for (let i = 0; i < walkValues.length; i++) values.push(walkValues.data[i] as number);
  const ends: number[] = [];
  for (let k = 0; k < count; k++) ends.push(walkEnds.data[k] as number);
  return new FlatPieces(area, values, ends);
}

/** A polygon as simple one-ring geometries: the outer rings of its parts, and its holes. */
export type Shape = { parts: PreparedGeometry[]; holes: PreparedGeometry[] };

/** g split into simple one-ring geometries, or null when a ring is not simple. */
function shapeOf(g: PreparedGeometry): Shape | null {
  const known = g.shape;
  if (known !== undefined) return known;
  let shape: Shape | null = { parts: [], holes: [] };
  if (ringCount(g) === 1) shape = isSimpleRing(g) ? { parts: [g], holes: [] } : null;
  else {
    for (const part of g.polygons) {
      for (let k = 0; k < part.length && shape; k++) {
        const ring = preparePolygons([[part[k] as Position[]]]);
        if (!ring) continue;
        if (!isSimpleRing(ring)) shape = null;
        else (k === 0 ? shape.parts : shape.holes).push(ring);
      }
    }
  }
  g.shape = shape;
  return shape;
}

/** Outer parts of a ∩ b, for one-ring parts; null when a pair of parts is degenerate. */
function intersectParts(pa: PreparedGeometry[], pb: PreparedGeometry[], grid: Grid) {
  if (pa.length === 1 && pb.length === 1) {
    return intersectSimpleRings(pa[0] as PreparedGeometry, pb[0] as PreparedGeometry, grid)
      ?.polygons;
  }
  const out: Polygons = [];
  for (const x of pa) {
    for (const y of pb) {
      const relation = relate(x, y);
      if (relation.kind === "disjoint") continue;
      if (relation.kind === "subset") {
        for (const part of (relation.of === "a" ? x : y).polygons) out.push([...part]);
        continue;
      }
      const pieces = intersectSimpleRings(x, y, grid);
      if (!pieces) return null;
      for (const piece of pieces.polygons) out.push(piece); // not push(...): unbounded piece count
    }
  }
  return out;
}

/**
 * Cuts holes of one operand into the pieces of the outer rings' intersection. A hole clear of the
 * other operand changes nothing; one wholly inside it becomes a hole of the piece around it; any
 * other hole (crossing the other's boundary) needs the kernel: null.
 */
function cutHoles(pieces: Polygons, holes: PreparedGeometry[], other: PreparedGeometry[]) {
  for (const hole of holes) {
    for (const y of other) {
      const relation = relate(hole, y);
      if (relation.kind === "disjoint") continue;
      if (relation.kind !== "subset" || relation.of !== "a") return false;
      const x = hole.coords[0] as number;
      const yy = hole.coords[1] as number;
      const around = pieces.find((piece) => {
        const g = preparePolygons([[piece[0] as Position[]]]);
        return g !== null && containsPoint(g, x, yy);
      });
      if (!around) return false;
      const ring = (hole.polygons[0] as Position[][])[0] as Position[];
      // RFC 7946: holes clockwise
      around.push(ringEllipsoidalArea(ring) > 0 ? [...ring].reverse() : ring);
    }
  }
  return true;
}

/**
 * a ∩ b for polygons made of simple rings (most zones and corridors), with its ellipsoidal area:
 * the outer rings part by part with `intersectSimpleRings` (parts of one geometry do not overlap,
 * so neither do the pieces), then the holes of one operand when they lie clear of or wholly inside
 * the other. Null when both have holes, a hole crosses the other's boundary, a ring is not simple
 * or a pair of parts is degenerate: the caller then uses the kernel. Two single rings (nearly every
 * pair) keep their pieces flat (`FlatPieces`).
 */
export function intersectSimplePolygons(
  a: PreparedGeometry,
  b: PreparedGeometry,
  grid: Grid,
): { readonly polygons: Polygons; area: number } | null {
  const sa = shapeOf(a);
  const sb = shapeOf(b);
  if (!sa || !sb || (sa.holes.length > 0 && sb.holes.length > 0)) return null;
  const holes = sa.holes.length + sb.holes.length;
  if (sa.parts.length === 1 && sb.parts.length === 1 && holes === 0) {
    const flat = intersectSimpleRings(
      sa.parts[0] as PreparedGeometry,
      sb.parts[0] as PreparedGeometry,
      grid,
    );
    if (!flat) return null;
    return flat;
  }
  const pieces = intersectParts(sa.parts, sb.parts, grid);
  if (!pieces) return null;
  if (sa.holes.length > 0 && !cutHoles(pieces, sa.holes, sb.parts)) return null;
  if (sb.holes.length > 0 && !cutHoles(pieces, sb.holes, sa.parts)) return null;
  return { polygons: pieces, area: ellipsoidalArea(pieces) };
}
