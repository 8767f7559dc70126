import type { Geometry, Position } from "geojson";
import {
  FLAT_DEPTH,
  type FlatCoordinates,
  flatCoordinatesOf,
  flatEndList,
  flatFirstList,
} from "../geo/flat-coordinates";
import { FloatSlab } from "../geo/float-slab";
import type { RingTables } from "../geo/ring-tables";
import {
  buildEdgeTree,
  collectEdges,
  type EdgeList,
  type EdgeTree,
  edgeList,
  pushEdge,
} from "./edge-tree";
import { ellipsoidalArea, flatEllipsoidalArea } from "./ellipsoidal-area";
import { ringLength } from "./kernel";
import type { Shape, SnappedRing } from "./ring-overlay";
import type { Polygons } from "./types";

/** From this many edges a geometry gets an edge tree for crossing and inside tests. */
const EDGE_INDEX_MIN = 64;

/**
 * A polygonal geometry prepared once for many pair tests: rings flattened into ring tables (open
 * rings, no closing vertex, consecutive duplicates dropped), the bounding box, and, on first use,
 * the edge tree, the ellipsoidal area and what ring-overlay.ts derives.
 */
export type PreparedGeometry = RingTables & {
  /** Parts → rings, closed, as given (for the clipping kernel and output). */
  polygons: Polygons;
  bbox: [number, number, number, number];
  area: number | undefined;
  /*
   * Computed on first use by the pair tests and kept on the geometry itself: they are read several
   * times per candidate pair, and WeakMap look-ups there cost a measurable share of the check.
   */
  /** Boxes over the edges (null: too small to need them). */
  edgeTree: EdgeTree | null | undefined;
  /** See `isSimpleRing`. */
  simpleRing: boolean | undefined;
  /** See `ccwRing` (ring-overlay). */
  snappedRing: SnappedRing | undefined;
  /** See `shapeOf` (ring-overlay). */
  shape: Shape | null | undefined;
};

/** Polygon parts of a geometry (lines and points have none). */
export function polygonsOf(geometry: Geometry | null): Polygons {
  if (!geometry) return [];
  switch (geometry.type) {
    case "Polygon":
      return [geometry.coordinates];
    case "MultiPolygon":
      return geometry.coordinates;
    case "GeometryCollection":
      return geometry.geometries.flatMap(polygonsOf);
    default:
      return [];
  }
}

/**
 * The box of the finite positions of a geometry's polygons, null when it has none: a box holding
 * its prepared geometry's (preparing only drops positions), read from the numbers when they are
 * held flat. Repairing it (`madeValid`) may widen that box by the rounding to the kernel's grid.
 */
export function polygonBox(geometry: Geometry | null): [number, number, number, number] | null {
  const box: [number, number, number, number] = [
    Number.POSITIVE_INFINITY,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
  ];
  const flat = flatCoordinatesOf(geometry);
  if (flat && geometry && flat.depth === FLAT_DEPTH[geometry.type]) {
    if (geometry.type !== "Polygon" && geometry.type !== "MultiPolygon") return null;
    const firstList = flatFirstList(flat);
    const endList = flatEndList(flat);
    const { values, lists, boxes } = flat.store;
    if (boxes) widenBoxByLists(box, boxes, firstList, endList);
    else widenBoxFlat(box, values, lists[firstList] as number, lists[endList] as number);
  } else {
    for (const part of polygonsOf(geometry)) {
      for (const ring of part) if (Array.isArray(ring)) widenBoxNested(box, ring);
    }
  }
  return box[0] <= box[2] ? box : null;
}

/*
 * Two loops, one per kind of list: one loop over both made every element read polymorphic, and
 * the boxes of 50 000 zones cost as much as preparing them.
 */

/** Widens `box` to the finite positions among `values[from…to)` (x, y, x, y, …). */
function widenBoxFlat(box: number[], values: Float64Array, from: number, to: number): void {
  for (let k = from; k < to; k += 2) {
    const x = values[k] as number;
    const y = values[k + 1] as number;
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (x < (box[0] as number)) box[0] = x;
    if (x > (box[2] as number)) box[2] = x;
    if (y < (box[1] as number)) box[1] = y;
    if (y > (box[3] as number)) box[3] = y;
  }
}

/** Widens `box` to the boxes of lists `[from, to)` a reader noted (`FlatStore.boxes`). */
function widenBoxByLists(box: number[], boxes: Float64Array, from: number, to: number): void {
  for (let j = from; j < to; j++) {
    const x0 = boxes[4 * j] as number;
    // NaN: no finite position
    if (!(x0 <= (boxes[4 * j + 2] as number))) continue;
    if (x0 < (box[0] as number)) box[0] = x0;
    if ((boxes[4 * j + 1] as number) < (box[1] as number)) box[1] = boxes[4 * j + 1] as number;
    if ((boxes[4 * j + 2] as number) > (box[2] as number)) box[2] = boxes[4 * j + 2] as number;
    if ((boxes[4 * j + 3] as number) > (box[3] as number)) box[3] = boxes[4 * j + 3] as number;
  }
}

/** Widens `box` to the finite positions of `ring` (anything else in it is passed over). */
function widenBoxNested(box: number[], ring: unknown[]): void {
  for (const p of ring) {
    if (!Array.isArray(p)) continue;
    const x = p[0];
    const y = p[1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    if (x < (box[0] as number)) box[0] = x;
    if (x > (box[2] as number)) box[2] = x;
    if (y < (box[1] as number)) box[1] = y;
    if (y > (box[3] as number)) box[3] = y;
  }
}

/*
 * The ring tables of one-ring geometries (nearly every zone), shared: typed arrays are costly to
 * allocate (~0.5 µs each, a backing store apiece), and three per zone took a quarter of preparing
 * 50 000 zones. Nothing writes to a prepared geometry's tables.
 */
const ONE_OUTER = Uint8Array.of(1);
const PART_ZERO = Int32Array.of(0);
const ringStarts = new Map<number, Int32Array>();
function oneRingStart(vertices: number): Int32Array {
  let table = ringStarts.get(vertices);
  if (!table) {
    table = Int32Array.of(0, vertices);
    ringStarts.set(vertices, table);
  }
  return table;
}

/* Coordinates of prepared geometries are cut from shared slabs (see `FloatSlab`). */
const slabs = new FloatSlab(1 << 16);

/*
 * One geometry being prepared, ring by ring, into the slab (module state: preparing never
 * re-enters itself). Ring tables only for geometries of several rings: most zones have one,
 * which shares them.
 */
let base = 0;
let rings = 0;
let firstOuter = 0;
let firstPart = 0;
let starts: number[] | null = null;
let outer: number[] | null = null;
let parts: number[] | null = null;
let minX = 0;
let minY = 0;
let maxX = 0;
let maxY = 0;

/** Starts a geometry of at most `positions` positions; returns where its first ring starts. */
function beginGeometry(positions: number): number {
  base = slabs.reserve(2 * positions);
  rings = 0;
  starts = null;
  outer = null;
  parts = null;
  minX = Number.POSITIVE_INFINITY;
  minY = Number.POSITIVE_INFINITY;
  maxX = Number.NEGATIVE_INFINITY;
  maxY = Number.NEGATIVE_INFINITY;
  return base;
}

/**
 * Ends ring k of part `partIndex`, written to the slab from `start` to `end` (its last position
 * px, py): drops a closing position that repeats the first, and the ring if fewer than three are
 * left; returns where the next ring starts.
 */
function endRing(
  start: number,
  end: number,
  px: number,
  py: number,
  k: number,
  partIndex: number,
): number {
  const xs = slabs.data;
  let w = end;
  if (w - start >= 4 && xs[start] === px && xs[start + 1] === py) w -= 2;
  if (w - start < 6) return start;
  for (let i = start; i < w; i += 2) {
    const x = xs[i] as number;
    const y = xs[i + 1] as number;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  if (rings === 0) {
    firstOuter = k === 0 ? 1 : 0;
    firstPart = partIndex;
  } else {
    starts ??= [0];
    outer ??= [firstOuter];
    parts ??= [firstPart];
    starts.push((start - base) / 2);
    outer.push(k === 0 ? 1 : 0);
    parts.push(partIndex);
  }
  rings++;
  return w;
}

/**
 * A prepared geometry. When it was prepared from coordinates held flat, its parts as GeoJSON
 * arrays (`polygons`) are built only if asked for: most zones never need them.
 */
class Prepared {
  area: number | undefined = undefined;
  edgeTree: EdgeTree | null | undefined = undefined;
  simpleRing: boolean | undefined = undefined;
  snappedRing: SnappedRing | undefined = undefined;
  shape: Shape | null | undefined = undefined;
  constructor(
    private given: Polygons | undefined,
    /** The geometry prepared from coordinates held flat (null: from `polygons`). */
    readonly source: Geometry | null,
    readonly coords: Float64Array,
    readonly ringStart: Int32Array,
    readonly ringIsOuter: Uint8Array,
    readonly ringPart: Int32Array,
    readonly bbox: [number, number, number, number],
  ) {}
  get polygons(): Polygons {
    if (this.given === undefined) this.given = polygonsOf(this.source);
    return this.given;
  }
}

/** Ends the geometry written from `base` to `w`: null when no ring is left. */
function endGeometry(
  w: number,
  polygons: Polygons | undefined,
  source: Geometry | null,
): PreparedGeometry | null {
  if (rings === 0) return null;
  const vertices = (w - base) / 2;
  if (!starts && (firstOuter !== 1 || firstPart !== 0)) {
    // one ring, but a hole or in a later part: not what the shared tables say
    starts = [0];
    outer = [firstOuter];
    parts = [firstPart];
  }
  return new Prepared(
    polygons,
    source,
    slabs.cut(base, w),
    starts ? Int32Array.from([...starts, vertices]) : oneRingStart(vertices),
    outer ? Uint8Array.from(outer) : ONE_OUTER,
    parts ? Int32Array.from(parts) : PART_ZERO,
    [minX, minY, maxX, maxY],
  );
}

/** Prepares polygons; returns null when nothing polygonal with area is left. */
export function preparePolygons(polygons: Polygons): PreparedGeometry | null {
  // written in place into a slab reserved for every position (growing a plain array cost more)
  let capacity = 0;
  for (const part of polygons) for (const ring of part) capacity += ring.length;
  let w = beginGeometry(capacity);
  const xs = slabs.data;
  for (let partIndex = 0; partIndex < polygons.length; partIndex++) {
    const part = polygons[partIndex] as Polygons[number];
    for (let k = 0; k < part.length; k++) {
      const ring = part[k] as Position[];
      const start = w;
      const n = ringLength(ring);
      let px = Number.NaN;
      let py = Number.NaN;
      for (let i = 0; i < n; i++) {
        const p = ring[i];
        if (p === undefined || p === null) continue;
        const x = p[0] as number;
        const y = p[1] as number;
        // non-finite positions are dropped (valid-geometry reports them); so are repeats
        if (!Number.isFinite(x) || !Number.isFinite(y) || (x === px && y === py)) continue;
        xs[w++] = x;
        xs[w++] = y;
        px = x;
        py = y;
      }
      w = endRing(start, w, px, py, k, partIndex);
    }
  }
  return endGeometry(w, polygons, null);
}

/**
 * A one-ring geometry held flat whose ring needs no cleaning (closed, finite, no position
 * repeating the one before it, at least three positions): prepared as a view of the reader's
 * numbers, nothing copied. Most zones are such; copying them into the slab was most of preparing
 * them, its memory new to the process. Null when the ring needs what `preparePolygons` does.
 */
function oneCleanRing(
  geometry: Geometry,
  values: Float64Array,
  from: number,
  to: number,
): PreparedGeometry | null {
  const end = to - 2; // without the closing position
  if (end - from < 6 || values[from] !== values[end] || values[from + 1] !== values[end + 1]) {
    return null;
  }
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  let px = Number.NaN;
  let py = Number.NaN;
  for (let i = from; i < end; i += 2) {
    const x = values[i] as number;
    const y = values[i + 1] as number;
    if (!Number.isFinite(x) || !Number.isFinite(y) || (x === px && y === py)) return null;
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
    px = x;
    py = y;
  }
  // the last open position repeating the first: preparing drops it (see endRing)
  if (px === values[from] && py === values[from + 1]) return null;
  return new Prepared(
    undefined,
    geometry,
    values.subarray(from, end),
    oneRingStart((end - from) / 2),
    ONE_OUTER,
    PART_ZERO,
    [minX, minY, maxX, maxY],
  );
}

/**
 * Prepares a polygon or multipolygon whose coordinates are held flat (`flat-coordinates.ts`),
 * position for position as {@link preparePolygons} prepares their arrays, without building them.
 */
function prepareFlat(geometry: Geometry, flat: FlatCoordinates): PreparedGeometry | null {
  const { values, lists, groups } = flat.store;
  const multi = flat.depth === 4;
  const firstList = flatFirstList(flat);
  const endList = flatEndList(flat);
  if (endList === firstList + 1) {
    const whole = oneCleanRing(
      geometry,
      values,
      lists[firstList] as number,
      lists[endList] as number,
    );
    if (whole) return whole;
  }
  let w = beginGeometry(((lists[endList] as number) - (lists[firstList] as number)) / 2);
  const xs = slabs.data;
  let partIndex = 0;
  let k = 0;
  for (let j = firstList; j < endList; j++) {
    if (multi && j === groups[flat.first + partIndex + 1]) {
      partIndex++;
      k = 0;
    }
    const from = lists[j] as number;
    let to = lists[j + 1] as number;
    // a closing position that repeats the first is not read, as ringLength leaves it out
    if (to - from >= 4 && values[from] === values[to - 2] && values[from + 1] === values[to - 1]) {
      to -= 2;
    }
    const start = w;
    let px = Number.NaN;
    let py = Number.NaN;
    for (let i = from; i < to; i += 2) {
      const x = values[i] as number;
      const y = values[i + 1] as number;
      if (!Number.isFinite(x) || !Number.isFinite(y) || (x === px && y === py)) continue;
      xs[w++] = x;
      xs[w++] = y;
      px = x;
      py = y;
    }
    w = endRing(start, w, px, py, k, partIndex);
    k++;
  }
  return endGeometry(w, undefined, geometry);
}

/** Prepares the polygonal part of a GeoJSON geometry. */
export function prepareGeometry(geometry: Geometry | null): PreparedGeometry | null {
  const flat = flatCoordinatesOf(geometry);
  if (
    flat &&
    (geometry?.type === "Polygon" || geometry?.type === "MultiPolygon") &&
    flat.depth === FLAT_DEPTH[geometry.type]
  ) {
    return prepareFlat(geometry, flat);
  }
  return preparePolygons(polygonsOf(geometry));
}

/**
 * The polygons of g as prepared (rings without repeated or non-finite positions, too-short rings
 * dropped), parts → rings, each ring closed.
 */
export function preparedPolygons(g: PreparedGeometry): Polygons {
  const parts = new Map<number, Position[][]>();
  const rings = g.ringStart.length - 1;
  for (let r = 0; r < rings; r++) {
    const from = (g.ringStart[r] as number) * 2;
    const to = (g.ringStart[r + 1] as number) * 2;
    const ring: Position[] = [];
    for (let i = from; i < to; i += 2)
      ring.push([g.coords[i] as number, g.coords[i + 1] as number]);
    ring.push(ring[0] as Position);
    const part = g.ringPart[r] as number;
    const list = parts.get(part);
    if (list) list.push(ring);
    else parts.set(part, [ring]);
  }
  return [...parts.values()];
}

/** Area on the WGS84 ellipsoid (m², see `ellipsoidalArea`), computed once. */
export function areaOf(g: PreparedGeometry): number {
  if (g.area === undefined) {
    // from the coordinates as given (not the prepared ones: repeats dropped would change the sum)
    const flat = g instanceof Prepared ? flatCoordinatesOf(g.source) : undefined;
    g.area = flat ? flatEllipsoidalArea(flat) : ellipsoidalArea(g.polygons);
  }
  return g.area;
}

/** Number of rings kept. */
export function ringCount(g: PreparedGeometry): number {
  return g.ringStart.length - 1;
}

/** Number of parts kept: rings that are a part's outer ring (a part whose shell was dropped is none). */
export function partCount(g: PreparedGeometry): number {
  let n = 0;
  for (let r = 0; r < ringCount(g); r++) n += g.ringIsOuter[r] as number;
  return n;
}

/** Number of vertices kept (rings open). */
export function vertexCount(g: PreparedGeometry): number {
  return g.ringStart[g.ringStart.length - 1] as number;
}

/** Edge k of the flattened vertex list ends at ends[k] (the ring start for a ring's last edge). */
function edgeEnds(g: PreparedGeometry): Int32Array {
  const ends = new Int32Array(vertexCount(g));
  const rings = ringCount(g);
  for (let r = 0; r < rings; r++) {
    const s = g.ringStart[r] as number;
    const e = g.ringStart[r + 1] as number;
    for (let i = s; i < e; i++) ends[i] = i + 1 < e ? i + 1 : s;
  }
  return ends;
}

/** The edge tree of a large geometry, built on first use (null for small ones: a scan is cheaper). */
function edgeTreeOf(g: PreparedGeometry): EdgeTree | null {
  const known = g.edgeTree;
  if (known !== undefined) return known;
  const tree = vertexCount(g) < EDGE_INDEX_MIN ? null : buildEdgeTree(g.coords, edgeEnds(g));
  g.edgeTree = tree;
  return tree;
}

/**
 * Fills `list` with the edges of g whose bounding box meets [minX, minY, maxX, maxY] (touching
 * counts): from the edge tree for large geometries, by a plain scan for small ones.
 */
export function gatherEdges(
  g: PreparedGeometry,
  minX: number,
  minY: number,
  maxX: number,
  maxY: number,
  list: EdgeList,
): void {
  list.count = 0;
  const tree = edgeTreeOf(g);
  if (tree) {
    collectEdges(tree, g.coords, minX, minY, maxX, maxY, list);
    return;
  }
  const c = g.coords;
  const starts = g.ringStart;
  const rings = starts.length - 1;
  for (let r = 0; r < rings; r++) {
    const s = starts[r] as number;
    const e = starts[r + 1] as number;
    for (let i = s; i < e; i++) {
      const j = i + 1 < e ? i + 1 : s;
      // the box test written out, not called: this loop runs for every edge of every candidate
      // pair, and the CLI's small inlining budget (src/cli/compile-budget.ts) kept such calls
      const x1 = c[2 * i] as number;
      const x2 = c[2 * j] as number;
      if (Math.max(x1, x2) < minX || Math.min(x1, x2) > maxX) continue;
      const y1 = c[2 * i + 1] as number;
      const y2 = c[2 * j + 1] as number;
      if (Math.max(y1, y2) < minY || Math.min(y1, y2) > maxY) continue;
      pushEdge(list, i, j);
    }
  }
}

/* Scratch list of `containsPoint` (not re-entered: it calls nothing that gathers). */
const rayEdges = edgeList();

/**
 * Whether (x, y) lies inside g (even-odd over all rings, so holes and parts count right). Only called
 * for points known not to lie on g's boundary, so the crossing-number test needs no boundary case.
 */
export function containsPoint(g: PreparedGeometry, x: number, y: number): boolean {
  gatherEdges(g, Number.NEGATIVE_INFINITY, y, Number.POSITIVE_INFINITY, y, rayEdges);
  const c = g.coords;
  const list = rayEdges.edges;
  let inside = false;
  for (let p = 0; p < rayEdges.count; p++) {
    const i = list[2 * p] as number;
    const j = list[2 * p + 1] as number;
    if (rayCrosses(c, i, j, x, y)) inside = !inside;
  }
  return inside;
}

/**
 * Whether the ray from (x, y) towards +x crosses the edge from vertex i to vertex j of c (the
 * crossing-number test: an edge counts when it spans y, its lower end included).
 */
export function rayCrosses(c: Float64Array, i: number, j: number, x: number, y: number): boolean {
  const x1 = c[2 * i] as number;
  const y1 = c[2 * i + 1] as number;
  const x2 = c[2 * j] as number;
  const y2 = c[2 * j + 1] as number;
  return y1 > y !== y2 > y && x < ((x2 - x1) * (y - y1)) / (y2 - y1) + x1;
}

/** Whether the bounding boxes of a and b meet (touching counts). */
export function bboxesMeet(a: PreparedGeometry, b: PreparedGeometry): boolean {
  return !(
    a.bbox[2] < b.bbox[0] ||
    b.bbox[2] < a.bbox[0] ||
    a.bbox[3] < b.bbox[1] ||
    b.bbox[3] < a.bbox[1]
  );
}
