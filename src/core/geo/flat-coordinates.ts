/**
 * A geometry's coordinates held flat, as a reader parsed them, until someone reads them as GeoJSON.
 *
 * Parsed as nested arrays, a 30 MB plan of 50 000 zones is ~2 million small arrays: half the time
 * of reading it went to allocating them and to the garbage collector copying them, all alive. The
 * GeoJSON reader (`src/io/geojson/flat-read.ts`) parses the numbers into one `Float64Array` per
 * file instead and gives each geometry an own, enumerable `coordinates` accessor that builds the
 * nested arrays on first read, then stays a plain data property: JSON.stringify, structured
 * clone, spreads and every rule see GeoJSON as ever. Code on the hot path (validation, the check's
 * preparing) asks {@link flatCoordinatesOf} first and reads the numbers without building them.
 */

/**
 * Lists of positions, all of two numbers, flat: positions `values[2k]`, `values[2k + 1]`; list j
 * holds the values `[lists[j], lists[j + 1])`; group g holds the lists `[groups[g], groups[g + 1])`.
 * Shared by every geometry of a file.
 */
export type FlatStore = {
  readonly values: Float64Array;
  readonly lists: Int32Array;
  readonly groups: Int32Array;
  /**
   * Where a reader noted them as it parsed: box j (minX, minY, maxX, maxY at `4j`) of the finite
   * positions of list j, NaN when it has none.
   */
  readonly boxes?: Float64Array;
};

/**
 * One geometry's coordinates in a {@link FlatStore}. `depth` is how many arrays nest down to a
 * number, as written: 2 for a list of positions (LineString, MultiPoint), 3 for lists of them
 * (Polygon, MultiLineString), 4 for groups of those (MultiPolygon). Its lists (depth 2 and 3) or
 * groups (depth 4) are `[first, first + count)`; none is empty. Its lists follow each other in
 * `values` (list j + 1 starts where list j ends), so its numbers are one range of them.
 */
export type FlatCoordinates = {
  readonly store: FlatStore;
  readonly depth: 2 | 3 | 4;
  readonly first: number;
  readonly count: number;
};

/** Depth of `coordinates` arrays down to a number, per type (a Point's is 1: not held flat). */
export const FLAT_DEPTH: Readonly<Record<string, 2 | 3 | 4>> = {
  MultiPoint: 2,
  LineString: 2,
  MultiLineString: 3,
  Polygon: 3,
  MultiPolygon: 4,
};

/*
 * Where the accessor finds a geometry's flat coordinates: a symbol, not a WeakMap (a look-up per
 * geometry on the hot path) nor a string key (it would show in Object.keys and JSON). Cleared
 * when the coordinates are built or replaced, so it is never stale.
 */
const FLAT = Symbol("flat coordinates");

type Holder = { [FLAT]?: FlatCoordinates | undefined; coordinates?: unknown };

/** The positions of list j: `[x, y]` arrays. */
function listPositions(store: FlatStore, j: number): number[][] {
  const { values, lists } = store;
  const end = lists[j + 1] as number;
  const out: number[][] = [];
  for (let i = lists[j] as number; i < end; i += 2)
    out.push([values[i] as number, values[i + 1] as number]);
  return out;
}

/** The nested arrays JSON.parse would have made of the same text. */
export function nestedCoordinates(flat: FlatCoordinates): unknown[] {
  const { store, depth, first, count } = flat;
  if (depth === 2) return listPositions(store, first);
  if (depth === 3) {
    const out: unknown[] = [];
    for (let j = first; j < first + count; j++) out.push(listPositions(store, j));
    return out;
  }
  const out: unknown[] = [];
  for (let g = first; g < first + count; g++) {
    const part: unknown[] = [];
    const end = store.groups[g + 1] as number;
    for (let j = store.groups[g] as number; j < end; j++) part.push(listPositions(store, j));
    out.push(part);
  }
  return out;
}

/** Makes `coordinates` a plain data property holding `value`, and forgets the flat numbers. */
function settle(holder: Holder, value: unknown): void {
  Object.defineProperty(holder, "coordinates", {
    value,
    writable: true,
    enumerable: true,
    configurable: true,
  });
  holder[FLAT] = undefined;
}

/*
 * One accessor pair for every geometry: objects that gain the same pair keep sharing a shape
 * (a closure per geometry cost ~2 µs each and turned them into slow dictionaries).
 */
const ACCESSOR: PropertyDescriptor = {
  get(this: Holder) {
    const flat = this[FLAT] as FlatCoordinates;
    const value = nestedCoordinates(flat);
    settle(this, value);
    return value;
  },
  set(this: Holder, value: unknown) {
    settle(this, value);
  },
  enumerable: true,
  configurable: true,
};

/**
 * Gives `geometry` (which has no `coordinates` property yet) coordinates read from `flat` when
 * first asked for.
 */
export function attachFlatCoordinates(geometry: object, flat: FlatCoordinates): void {
  // not enumerable: a spread or a deep equality never sees it
  Object.defineProperty(geometry, FLAT, { value: flat, writable: true, configurable: true });
  Object.defineProperty(geometry, "coordinates", ACCESSOR);
}

/**
 * A geometry's coordinates as still held flat, or undefined once they were read (or set) as
 * arrays — or never were flat. Reading them this way builds nothing.
 */
export function flatCoordinatesOf(geometry: unknown): FlatCoordinates | undefined {
  if (typeof geometry !== "object" || geometry === null) return undefined;
  return (geometry as Holder)[FLAT];
}

/**
 * The first of the lists of `flat` in its store (a multipolygon's, over all its groups); its
 * lists are `[flatFirstList(flat), flatEndList(flat))`. Two numbers, not a pair: the check asks
 * for them per zone, and a pair per call was garbage while its code was still unoptimised.
 */
export function flatFirstList(flat: FlatCoordinates): number {
  return flat.depth === 4 ? (flat.store.groups[flat.first] as number) : flat.first;
}

/** The end of the lists of `flat` (see {@link flatFirstList}). */
export function flatEndList(flat: FlatCoordinates): number {
  return flat.depth === 4
    ? (flat.store.groups[flat.first + flat.count] as number)
    : flat.first + flat.count;
}
