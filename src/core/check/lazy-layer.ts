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

/** Prepared geometries a streamed layer keeps: how many (see {@link lazyCollection}). */
const windows = new WeakMap<FeatureCollection, number>();

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
): FeatureCollection {
  const features = records.map(
    (r, i) => new LazyFeature(r.properties, r.id, i, reader) as unknown as Feature,
  );
  const collection: FeatureCollection = { type: "FeatureCollection", features };
  windows.set(collection, Math.max(1, Math.floor(window)));
  return collection;
}

/** The window of a collection made by {@link lazyCollection}; undefined for a plain one. */
export const geometryWindow = (collection: FeatureCollection): number | undefined =>
  windows.get(collection);

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
