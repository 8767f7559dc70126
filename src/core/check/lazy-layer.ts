import type { Feature, FeatureCollection, GeoJsonProperties, Geometry } from "geojson";

/** Reads feature `index`'s geometry (WGS84, as the whole-file reader gives it) again. */
export type GeometryReader = (index: number) => Geometry | null;

/**
 * A feature whose attributes are held and whose geometry is read when asked for (each time: the
 * engine keeps the prepared geometries it uses, a window of them). Rule code reads it as any
 * feature; only its `geometry` costs a read.
 */
class LazyFeature {
  readonly type = "Feature";
  readonly id?: string | number;
  constructor(
    readonly properties: GeoJsonProperties,
    id: string | number | undefined,
    private readonly index: number,
    private readonly reader: GeometryReader,
  ) {
    if (id !== undefined) this.id = id;
  }
  get geometry(): Geometry {
    return this.reader(this.index) as Geometry;
  }
}

/**
 * What the engine knows of a lazily read layer besides its features: how many prepared geometries
 * to keep, and, when the reader knows them without reading geometry, each feature's box and its
 * position in a spatial order (a layer shared between threads: `geometry-pack.ts`).
 */
export type LazyLayout = {
  /** Prepared geometries kept (the most recently used); at least the layer's size: all. */
  window: number;
  /**
   * Boxes as `boxAt` reads them: box i holds feature i's prepared box (NaN: no polygon to
   * prepare), so the constraint index needs no geometry read; it may be larger, as the engine
   * narrows what it finds.
   */
  boxes?: Float64Array;
  /** Feature i's position in a spatial order: threads check windows of consecutive ranks. */
  rank?: ArrayLike<number>;
};

const layouts = new WeakMap<FeatureCollection, LazyLayout>();

/**
 * A layer too large to hold decoded: its features' ids and attributes (`records`, file order),
 * each geometry read through `reader` when the check needs it. The engine keeps at most `window`
 * prepared geometries of such a layer (the most recently used), so its memory grows with the
 * window and the pairs being checked, not with the layer; a check that walks the layer in file
 * order (a FlatGeobuf in Hilbert order: neighbours together) reads each geometry about once.
 */
export function lazyCollection(
  records: readonly { id?: string | number; properties: GeoJsonProperties }[],
  reader: GeometryReader,
  window: number,
  layout: Omit<LazyLayout, "window"> = {},
): FeatureCollection {
  const features = records.map(
    (r, i) => new LazyFeature(r.properties, r.id, i, reader) as unknown as Feature,
  );
  const collection: FeatureCollection = { type: "FeatureCollection", features };
  layouts.set(collection, { ...layout, window: Math.max(1, Math.floor(window)) });
  return collection;
}

/**
 * The same features (held, not read lazily) with the layout of the same layer shared with other
 * threads, so this thread indexes it and cuts it into windows as they do (see `LazyLayout`).
 */
export function arrangedCollection(
  collection: FeatureCollection,
  layout: Omit<LazyLayout, "window">,
): FeatureCollection {
  const arranged: FeatureCollection = { type: "FeatureCollection", features: collection.features };
  layouts.set(arranged, { ...layout, window: collection.features.length });
  return arranged;
}

/** The layout of a collection made by {@link lazyCollection}; undefined for a plain one. */
export const lazyLayout = (collection: FeatureCollection): LazyLayout | undefined =>
  layouts.get(collection);

/**
 * The `capacity` most recently used values by index (0 ≤ index < `size`; a value is never
 * undefined, which marks an index not held): what a streamed layer keeps of its prepared
 * geometries. The indexes held form a list, least recently used first, linked through two arrays
 * by index, so a hit, an insertion and an eviction each cost a few array writes. (A Map kept in use order, evicting its first key, cost 2.7 s of a
 * 1 000 000-zone check: every eviction's iterator stepped over the deleted entries at the front.)
 */
export class RecentCache<T> {
  /** undefined: not held. */
  private readonly values: (T | undefined)[];
  private readonly prev: Int32Array;
  private readonly next: Int32Array;
  /** Least recently used index, -1 when empty. */
  private oldest = -1;
  /** Most recently used index, -1 when empty. */
  private newest = -1;
  private count = 0;

  constructor(
    private readonly capacity: number,
    size: number,
  ) {
    this.values = new Array<T | undefined>(size);
    this.prev = new Int32Array(size);
    this.next = new Int32Array(size);
  }

  get(index: number): T | undefined {
    const value = this.values[index];
    if (value === undefined) return undefined;
    this.unlink(index);
    this.append(index);
    return value;
  }

  set(index: number, value: Exclude<T, undefined>): void {
    if (this.values[index] !== undefined) this.unlink(index);
    else {
      if (this.count >= this.capacity) this.evict();
      this.count++;
    }
    this.values[index] = value;
    this.append(index);
  }

  /** Drops the least recently used value. */
  private evict(): void {
    const index = this.oldest;
    this.unlink(index);
    this.values[index] = undefined;
    this.count--;
  }

  private unlink(index: number): void {
    const before = this.prev[index] as number;
    const after = this.next[index] as number;
    if (before >= 0) this.next[before] = after;
    else this.oldest = after;
    if (after >= 0) this.prev[after] = before;
    else this.newest = before;
  }

  private append(index: number): void {
    this.prev[index] = this.newest;
    this.next[index] = -1;
    if (this.newest >= 0) this.next[this.newest] = index;
    else this.oldest = index;
    this.newest = index;
  }
}
