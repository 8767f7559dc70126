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
   * A box holding feature i's prepared box (null: no polygon to prepare), so the constraint
   * index needs no geometry read; it may be larger, as the engine narrows what it finds.
   */
  box?: (index: number) => [number, number, number, number] | null;
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
 * The `capacity` most recently used values by index: what a streamed layer keeps of its prepared
 * geometries. Map order is insertion order, so a hit moves to the end and the oldest is first.
 */
export class RecentCache<T> {
  private readonly values = new Map<number, T>();
  constructor(private readonly capacity: number) {}
  get(index: number): T | undefined {
    const value = this.values.get(index);
    if (value !== undefined) {
      this.values.delete(index);
      this.values.set(index, value);
    }
    return value;
  }
  set(index: number, value: T): void {
    if (this.values.size >= this.capacity) {
      this.values.delete(this.values.keys().next().value as number);
    }
    this.values.set(index, value);
  }
}
