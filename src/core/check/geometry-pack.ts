import type { Feature, Geometry, Position } from "geojson";
import {
  FLAT_DEPTH,
  type FlatCoordinates,
  flatCoordinatesOf,
  flatEndList,
  flatFirstList,
} from "../geo/flat-coordinates";
import { GrowingNumbers } from "../geo/growing-numbers";
import { polygonBox } from "./prepared-geometry";

/**
 * A layer's geometries as a few flat arrays, for threads to share: written once by the thread that
 * read the layer, into buffers the caller allocates (a `SharedArrayBuffer` crosses `postMessage`
 * as a handle, never copied), and read one feature at a time by every thread (`readPackedGeometry`),
 * so a check worker decodes only the features its spatial window touches instead of parsing the
 * layer again. Plain data, structured-cloneable.
 */
export type GeometryPack = {
  count: number;
  /** Feature i's structure (see the T_ codes) is `meta[metaStart[i], metaStart[i + 1])`. */
  metaStart: Uint32Array;
  meta: Int32Array;
  /** Feature i's numbers start at `coords[coordStart[i]]`. */
  coordStart: Float64Array;
  coords: Float64Array;
  /**
   * Box of feature i's polygonal positions, `boxes[4i…4i+3]` = min x, min y, max x, max y, over
   * its finite positions, NaN when it has none. It holds the box of the prepared geometry (which
   * drops some positions and rings: see `preparePolygons`), so it may only narrow a search.
   */
  boxes: Float64Array;
  /**
   * Feature i's position in a spatial (Hilbert) order of the layer: threads that take the features
   * in windows of consecutive ranks read neighbours together.
   */
  rank: Int32Array;
  /** Geometries the flat layout does not hold (collections, foreign members, uneven positions). */
  others: Geometry[];
};

/** Allocates the buffer of a pack's array: `SharedArrayBuffer` to share between threads. */
export type Allocate = (bytes: number) => ArrayBufferLike;

const T_NULL = 0;
const T_POINT = 1;
const T_MULTI_POINT = 2;
const T_LINE = 3;
const T_MULTI_LINE = 4;
const T_POLYGON = 5;
const T_MULTI_POLYGON = 6;
const T_OTHER = 7;

/** Where a pack is being written, and the box of the polygon positions of the feature. */
type Writer = {
  meta: GrowingNumbers<Int32Array>;
  coords: GrowingNumbers<Float64Array>;
  /** Box of the finite positions written since `clearBox`, when `boxing`. */
  boxing: boolean;
  box: [number, number, number, number];
};

function clearBox(w: Writer, boxing: boolean): void {
  w.boxing = boxing;
  w.box[0] = Number.POSITIVE_INFINITY;
  w.box[1] = Number.POSITIVE_INFINITY;
  w.box[2] = Number.NEGATIVE_INFINITY;
  w.box[3] = Number.NEGATIVE_INFINITY;
}

/**
 * Writes a list of positions of `dim` numbers each (its count into `meta`); false, with nothing
 * kept, when it is not one (a position of another length, or not numbers).
 */
function writePositionList(value: unknown, dim: number, w: Writer): boolean {
  if (!Array.isArray(value)) return false;
  const n = value.length;
  const out = w.coords.reserve(n * dim);
  let at = w.coords.length;
  const box = w.box;
  for (let k = 0; k < n; k++) {
    const p = value[k];
    if (!Array.isArray(p) || p.length !== dim) return false;
    for (let d = 0; d < dim; d++) {
      const x = p[d];
      if (typeof x !== "number") return false;
      out[at++] = x;
    }
    if (w.boxing) {
      const x = p[0] as number;
      const y = p[1] as number;
      // the finite positions, as `writeBox` takes them
      if (Number.isFinite(x) && Number.isFinite(y)) {
        if (x < box[0]) box[0] = x;
        if (x > box[2]) box[2] = x;
        if (y < box[1]) box[1] = y;
        if (y > box[3]) box[3] = y;
      }
    }
  }
  w.coords.length = at;
  w.meta.push(n);
  return true;
}

/** Writes a list of `depth`-deep lists of positions; false when one is not even (see above). */
function writeLists(value: unknown, depth: number, dim: number, w: Writer): boolean {
  if (depth === 0) return writePositionList(value, dim, w);
  if (!Array.isArray(value)) return false;
  w.meta.push(value.length);
  for (const item of value) if (!writeLists(item, depth - 1, dim, w)) return false;
  return true;
}

/** Dimension of the first position of nested lists (2 when there is none). */
function firstDimension(value: unknown, depth: number): number {
  let v = value;
  for (let d = 0; d < depth; d++) {
    if (!Array.isArray(v) || v.length === 0) return 2;
    v = v[0];
  }
  return Array.isArray(v) ? v.length : 0;
}

/** Type code and depth of lists around the position lists of the geometry types held flat. */
const FLAT: Partial<Record<Geometry["type"], [number, number]>> = {
  Point: [T_POINT, -1],
  MultiPoint: [T_MULTI_POINT, 0],
  LineString: [T_LINE, 0],
  MultiLineString: [T_MULTI_LINE, 1],
  Polygon: [T_POLYGON, 1],
  MultiPolygon: [T_MULTI_POLYGON, 2],
};

/** Whether a geometry has members besides its type and coordinates (held whole, then). */
function hasForeignMembers(geometry: Geometry): boolean {
  for (const key in geometry) if (key !== "type" && key !== "coordinates") return true;
  return false;
}

/**
 * Writes coordinates the reader holds flat (two numbers a position, as deep as the type says):
 * the same meta and numbers as {@link writeLists} writes of their arrays, copied in one go. Their
 * box is `writeBox`'s (from the boxes the reader noted, where it did).
 */
function writeHeld(held: FlatCoordinates, code: number, w: Writer): void {
  const { values, lists, groups } = held.store;
  w.meta.push(code);
  w.meta.push(2);
  const firstList = flatFirstList(held);
  const endList = flatEndList(held);
  // lists of lists (3 deep) and of parts (4 deep) start with their count, as writeLists writes
  if (held.depth > 2) w.meta.push(held.count);
  let group = held.first;
  for (let j = firstList; j < endList; j++) {
    if (held.depth === 4 && j === groups[group]) {
      w.meta.push((groups[group + 1] as number) - j);
      group++;
    }
    w.meta.push(((lists[j + 1] as number) - (lists[j] as number)) / 2);
  }
  const from = lists[firstList] as number;
  const to = lists[endList] as number;
  w.coords.reserve(to - from).set(values.subarray(from, to), w.coords.length);
  w.coords.length += to - from;
}

/**
 * Writes a geometry held flat, and its box into `boxes[4i…]` (see `writeBox`); false (nothing
 * kept) when it cannot be.
 */
function writeFlat(geometry: Geometry, w: Writer, boxes: Float64Array, i: number): boolean {
  const flat = FLAT[geometry.type];
  if (!flat || hasForeignMembers(geometry)) return false;
  const held = flatCoordinatesOf(geometry);
  if (held && held.depth === FLAT_DEPTH[geometry.type]) {
    writeHeld(held, flat[0], w);
    writeBox(geometry, boxes, i);
    return true;
  }
  const coordinates = (geometry as { coordinates?: unknown }).coordinates;
  const [code, depth] = flat;
  const dim = depth < 0 ? firstDimension([coordinates], 1) : firstDimension(coordinates, depth + 1);
  if (dim === 0) return false;
  const metaAt = w.meta.length;
  const coordsAt = w.coords.length;
  w.meta.push(code);
  w.meta.push(dim);
  clearBox(w, code === T_POLYGON || code === T_MULTI_POLYGON);
  const ok =
    depth < 0 ? writePositionList([coordinates], dim, w) : writeLists(coordinates, depth, dim, w);
  if (!ok) {
    w.meta.length = metaAt;
    w.coords.length = coordsAt;
    return false;
  }
  const box = w.box;
  if (w.boxing && box[0] <= box[2]) {
    boxes[4 * i] = box[0];
    boxes[4 * i + 1] = box[1];
    boxes[4 * i + 2] = box[2];
    boxes[4 * i + 3] = box[3];
  }
  return true;
}

/**
 * Packs the features' geometries into buffers from `allocate`. Each geometry read back is equal
 * to the one packed (same nesting, same numbers, -0 and NaN included).
 */
export function packGeometries(features: readonly Feature[], allocate: Allocate): GeometryPack {
  const count = features.length;
  const w: Writer = {
    meta: new GrowingNumbers((n) => new Int32Array(allocate(4 * n)), 8 * count),
    coords: new GrowingNumbers((n) => new Float64Array(allocate(8 * n)), 64 * count),
    boxing: false,
    box: [0, 0, 0, 0],
  };
  const metaStart = new Uint32Array(allocate(4 * (count + 1)));
  const coordStart = new Float64Array(allocate(8 * (count + 1)));
  const boxes = new Float64Array(allocate(Math.max(1, 4 * count) * 8)).fill(Number.NaN);
  const others: Geometry[] = [];
  for (let i = 0; i < count; i++) {
    metaStart[i] = w.meta.length;
    coordStart[i] = w.coords.length;
    const geometry = (features[i] as Feature).geometry ?? null;
    if (!geometry) {
      w.meta.push(T_NULL);
    } else if (!writeFlat(geometry, w, boxes, i)) {
      w.meta.push(T_OTHER);
      w.meta.push(others.length);
      others.push(geometry);
      writeBox(geometry, boxes, i);
    }
  }
  metaStart[count] = w.meta.length;
  coordStart[count] = w.coords.length;
  const rank = new Int32Array(allocate(Math.max(1, count) * 4));
  rank.set(hilbertRank(boxes, count));
  return {
    count,
    metaStart,
    meta: w.meta.view(),
    coordStart,
    coords: w.coords.view(),
    boxes,
    rank,
    others,
  };
}

/**
 * The box of the finite positions of `geometry`'s polygons into `boxes[4i…4i+3]` (left as it is,
 * NaN, when there is none): a box holding its prepared geometry's (see `GeometryPack.boxes`).
 */
export function writeBox(geometry: Geometry | null, boxes: Float64Array, i: number): void {
  const box = polygonBox(geometry);
  if (box) boxes.set(box, 4 * i);
}

/** Box i of boxes written by {@link writeBox}, or null when there is none. */
export function boxAt(b: Float64Array, i: number): [number, number, number, number] | null {
  const minX = b[4 * i] as number;
  if (Number.isNaN(minX)) return null;
  return [minX, b[4 * i + 1] as number, b[4 * i + 2] as number, b[4 * i + 3] as number];
}

/** Feature `index`'s geometry, read from the pack (a new object on every call). */
export function readPackedGeometry(pack: GeometryPack, index: number): Geometry | null {
  const meta = pack.meta;
  let m = pack.metaStart[index] as number;
  const type = meta[m++] as number;
  if (type === T_NULL) return null;
  if (type === T_OTHER) return structuredClone(pack.others[meta[m] as number] as Geometry);
  const dim = meta[m++] as number;
  const coords = pack.coords;
  let c = pack.coordStart[index] as number;
  const position = (): Position => {
    const p = new Array<number>(dim);
    for (let k = 0; k < dim; k++) p[k] = coords[c++] as number;
    return p;
  };
  const positions = (): Position[] => {
    const n = meta[m++] as number;
    const out = new Array<Position>(n);
    for (let k = 0; k < n; k++) out[k] = position();
    return out;
  };
  const lists = (): Position[][] => {
    const n = meta[m++] as number;
    const out = new Array<Position[]>(n);
    for (let k = 0; k < n; k++) out[k] = positions();
    return out;
  };
  switch (type) {
    case T_POINT:
      // written as a list of one position
      return { type: "Point", coordinates: positions()[0] as Position };
    case T_MULTI_POINT:
      return { type: "MultiPoint", coordinates: positions() };
    case T_LINE:
      return { type: "LineString", coordinates: positions() };
    case T_MULTI_LINE:
      return { type: "MultiLineString", coordinates: lists() };
    case T_POLYGON:
      return { type: "Polygon", coordinates: lists() };
    default: {
      const n = meta[m++] as number;
      const parts = new Array<Position[][]>(n);
      for (let k = 0; k < n; k++) parts[k] = lists();
      return { type: "MultiPolygon", coordinates: parts };
    }
  }
}

/** Bits per axis of the Hilbert curve the ranks follow. */
const HILBERT_BITS = 16;
/** Key of a feature without a box: after every distance along the curve. */
const NO_BOX = 2 ** (2 * HILBERT_BITS);
/** Layers up to this many features are ranked by one numeric sort (key × span + index < 2^53). */
const INDEX_SPAN = 2 ** 20;

/**
 * Each feature's position in the Hilbert order of its box's centre over the layer's extent (ties
 * and features without a box in file order, the latter last).
 */
function hilbertRank(boxes: Float64Array, count: number): Int32Array {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < count; i++) {
    const x = boxes[4 * i] as number;
    if (Number.isNaN(x)) continue;
    minX = Math.min(minX, x);
    minY = Math.min(minY, boxes[4 * i + 1] as number);
    maxX = Math.max(maxX, boxes[4 * i + 2] as number);
    maxY = Math.max(maxY, boxes[4 * i + 3] as number);
  }
  const side = (1 << HILBERT_BITS) - 1;
  const width = maxX - minX || 1;
  const height = maxY - minY || 1;
  const keys = new Float64Array(count);
  for (let i = 0; i < count; i++) {
    const x0 = boxes[4 * i] as number;
    if (Number.isNaN(x0)) {
      keys[i] = NO_BOX;
      continue;
    }
    const cx = ((x0 + (boxes[4 * i + 2] as number)) / 2 - minX) / width;
    const cy = ((boxes[4 * i + 1] as number) + (boxes[4 * i + 3] as number)) / 2 - minY;
    keys[i] = hilbert(Math.floor(cx * side), Math.floor((cy / height) * side));
  }
  const rank = new Int32Array(count);
  if (count <= INDEX_SPAN) {
    // key and index in one number (both exact below 2^53), sorted as numbers: no comparator calls
    const packed = new Float64Array(count);
    for (let i = 0; i < count; i++) packed[i] = (keys[i] as number) * INDEX_SPAN + i;
    packed.sort();
    for (let position = 0; position < count; position++) {
      rank[(packed[position] as number) % INDEX_SPAN] = position;
    }
    return rank;
  }
  const order = Array.from({ length: count }, (_, i) => i);
  order.sort((a, b) => (keys[a] as number) - (keys[b] as number) || a - b);
  order.forEach((feature, position) => {
    rank[feature] = position;
  });
  return rank;
}

/** Distance of cell (x, y) along the Hilbert curve over a 2^HILBERT_BITS square. */
function hilbert(x: number, y: number): number {
  let d = 0;
  let px = x;
  let py = y;
  const last = (1 << HILBERT_BITS) - 1;
  for (let s = 1 << (HILBERT_BITS - 1); s > 0; s >>= 1) {
    const rx = (px & s) > 0 ? 1 : 0;
    const ry = (py & s) > 0 ? 1 : 0;
    d += s * s * ((3 * rx) ^ ry);
    if (ry === 0) {
      if (rx === 1) {
        px = last - px;
        py = last - py;
      }
      const t = px;
      px = py;
      py = t;
    }
  }
  return d;
}
