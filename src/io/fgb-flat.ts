import type { Geometry as FgbGeometry } from "flatgeobuf/lib/mjs/flat-geobuf/geometry.js";
import { GeometryType } from "flatgeobuf/lib/mjs/flat-geobuf/geometry-type.js";
import type { Geometry } from "geojson";
import {
  attachFlatCoordinates,
  FLAT_DEPTH,
  type FlatCoordinates,
  type FlatStore,
} from "../core/geo/flat-coordinates";

/*
 * A FlatGeobuf geometry is flat already: its positions one array of x, y pairs, its rings ends
 * into it. flatgeobuf's `fromGeometry` builds GeoJSON arrays of them, which the check then
 * flattened again (at 200 000 zones, decoding and preparing them and collecting the garbage were
 * a third of a streamed check). Here the numbers are copied once into flat coordinates
 * (core/geo/flat-coordinates.ts): the geometry reads as GeoJSON, its arrays built only if read.
 */

/** The type a feature's geometry is read as (the header's, or the geometry's own when Unknown). */
const NAMES: Partial<Record<GeometryType, Geometry["type"]>> = {
  [GeometryType.LineString]: "LineString",
  [GeometryType.MultiPoint]: "MultiPoint",
  [GeometryType.Polygon]: "Polygon",
  [GeometryType.MultiLineString]: "MultiLineString",
  [GeometryType.MultiPolygon]: "MultiPolygon",
};

/*
 * Flat coordinates of FlatGeobuf features are cut from shared slabs, as prepared geometries are
 * (core/check/prepared-geometry.ts): three typed arrays of its own per feature cost more than
 * copying its numbers (a backing store apiece above 64 bytes), hundreds of thousands of times in
 * a streamed check. A slab lives while any geometry cut from it does.
 */
const SLAB_VALUES = 1 << 16;
const SLAB_LISTS = 1 << 13;
/** The slab being cut (made on first use: not at start-up of every command that can read FlatGeobuf). */
let store: FlatStore | null = null;
let valuesUsed = 0;
let listsUsed = 0;
let groupsUsed = 0;

function newStore(values: number, lists: number): FlatStore {
  return {
    values: new Float64Array(values),
    lists: new Int32Array(lists),
    groups: new Int32Array(lists),
  };
}

/** Room for a geometry of `values` numbers in `lists` lists: the store to write it into. */
function reserve(values: number, lists: number): FlatStore {
  // a list and a group boundary more than the lists: where the first starts
  if (
    !store ||
    valuesUsed + values > store.values.length ||
    listsUsed + lists + 1 > store.lists.length ||
    groupsUsed + lists + 1 > store.groups.length
  ) {
    store = newStore(Math.max(SLAB_VALUES, values), Math.max(SLAB_LISTS, lists + 1));
    valuesUsed = 0;
    listsUsed = 0;
    groupsUsed = 0;
  }
  return store;
}

/**
 * The ends of one part's lists (rings, lines), in positions; null when there are none (the part
 * is one list), or false when they do not tile its positions strictly increasing.
 */
function partEnds(part: FgbGeometry, xy: Float64Array): Uint32Array | null | false {
  const ends = part.endsArray();
  if (!ends || ends.length === 0) return xy.length > 0 ? null : false;
  let previous = 0;
  for (const end of ends) {
    if (end <= previous) return false;
    previous = end;
  }
  return 2 * previous === xy.length ? ends : false;
}

/**
 * The geometry `fromGeometry` makes of `geometry` (type from the header, or its own), with its
 * coordinates held flat; null when that is not a plain two-number case (a point, heights or
 * measures, a collection, an empty part, ends that do not tile the positions): `fromGeometry`
 * reads those as ever.
 */
export function flatFgbGeometry(geometry: FgbGeometry, headerType: GeometryType): Geometry | null {
  const code = headerType === GeometryType.Unknown ? geometry.type() : headerType;
  const type = NAMES[code];
  if (!type) return null;
  const depth = FLAT_DEPTH[type] as 2 | 3 | 4;
  const parts: FgbGeometry[] = [];
  if (depth === 4) {
    const count = geometry.partsLength();
    for (let i = 0; i < count; i++) {
      const part = geometry.parts(i);
      if (!part) return null;
      parts.push(part);
    }
    if (parts.length === 0) return null;
  } else parts.push(geometry);
  const xys: Float64Array[] = [];
  const ends: (Uint32Array | null)[] = [];
  let values = 0;
  let lists = 0;
  for (const part of parts) {
    const xy = part.xyArray();
    if (!xy || xy.length % 2 !== 0 || part.zArray() || part.mArray()) return null;
    const partEnd = partEnds(part, xy);
    if (partEnd === false) return null;
    xys.push(xy);
    ends.push(partEnd);
    values += xy.length;
    lists += partEnd ? partEnd.length : 1;
  }
  // a line or a set of points is one list: ends would make it several
  if (depth === 2 && lists !== 1) return null;
  // copied: the file's bytes under the views may be reused for the next chunk
  const into = reserve(values, lists);
  const firstList = listsUsed;
  const firstGroup = groupsUsed;
  into.lists[listsUsed] = valuesUsed;
  into.groups[groupsUsed] = listsUsed;
  for (let p = 0; p < xys.length; p++) {
    const xy = xys[p] as Float64Array;
    const partEnd = ends[p];
    const base = valuesUsed;
    into.values.set(xy, base);
    if (partEnd) for (const end of partEnd) into.lists[++listsUsed] = base + 2 * end;
    else into.lists[++listsUsed] = base + xy.length;
    valuesUsed += xy.length;
    into.groups[++groupsUsed] = listsUsed;
  }
  // the next geometry starts its lists and groups after these
  listsUsed++;
  groupsUsed++;
  const flat: FlatCoordinates = {
    store: into,
    depth,
    first: depth === 4 ? firstGroup : firstList,
    count: depth === 4 ? parts.length : lists,
  };
  const out = { type } as Geometry;
  attachFlatCoordinates(out, flat);
  return out;
}
