import type { Feature, FeatureCollection } from "geojson";
import { featureId } from "../core/check/feature-id";
import { medianSpan } from "./feature-span";
import { packedJsonAt, utf8Buffer } from "./packed-json";

/**
 * A FeatureCollection kept as its GeoJSON text, in a Blob: what a large layer is while it crosses
 * between threads. A Blob crosses `postMessage` as a handle, never copied (a structured clone of
 * 100 000 feature objects costs the sending and the receiving thread a second or more each, a
 * copy of 26 MB of bytes a few hundred milliseconds); a worker reads and parses it in one go,
 * MapLibre's worker fetches it from a blob URL. What the check and compare workers get.
 */
export type PackedLayer = {
  kind: "packed";
  /** `{"type":"FeatureCollection","features":[…]}` as UTF-8 (application/geo+json). */
  blob: Blob;
  count: number;
  /**
   * The features' median extent as a fraction of the world's width (see `medianSpan`): the map
   * draws a large layer of small features as pictures below the zoom where they grow legible.
   */
  span: number;
};

/**
 * A packed layer as the page holds it: also the same bytes (transferred to the page, not
 * copied) with each feature's byte range, so the page reads one feature alone (a click, a
 * finding's zone) without parsing the rest, and the features' ids. Made in the import worker; the
 * page never holds the features as objects.
 */
export type PackedCollection = PackedLayer & {
  bytes: Uint8Array;
  /** Feature i is `bytes[ranges[2i], ranges[2i + 1])`. */
  ranges: Uint32Array;
  /**
   * Each feature's id as the check names it (`featureId`: GeoJSON id, properties.id, index), as a
   * JSON array: one string crosses to the page as one copy, 100 000 strings one by one.
   */
  idsJson: string;
};

/** A layer's features: parsed objects (catalogue layers), or packed (a large proposal). */
export type LayerData = FeatureCollection | PackedLayer;

const HEAD = '{"type":"FeatureCollection","features":[';
const TAIL = "]}";

/** True when `data` is packed bytes rather than feature objects. */
export const isPacked = (data: LayerData): data is PackedLayer =>
  (data as PackedLayer).kind === "packed";

/** True when the page can read `data`'s features one by one (parsed, or packed with its bytes). */
const hasBytes = (data: PackedLayer): data is PackedCollection =>
  (data as PackedCollection).bytes !== undefined;

/**
 * Packs `collection`: each feature written by `JSON.stringify` straight into one growing buffer
 * (no second copy of the whole text as a string). JSON keeps what GeoJSON can hold: a feature
 * unpacked is equal to the one packed.
 */
export function packCollection(collection: FeatureCollection): PackedCollection {
  const count = collection.features.length;
  const ranges = new Uint32Array(2 * count);
  const ids: string[] = new Array(count);
  const buffer = utf8Buffer();
  buffer.write(HEAD);
  collection.features.forEach((feature, i) => {
    if (i > 0) buffer.write(",");
    const [start, end] = buffer.write(JSON.stringify(feature));
    ranges[2 * i] = start;
    ranges[2 * i + 1] = end;
    ids[i] = featureId(feature, i);
  });
  buffer.write(TAIL);
  const used = buffer.bytes();
  const blob = new Blob([used], { type: "application/geo+json" });
  return {
    kind: "packed",
    blob,
    count,
    span: medianSpan(collection.features),
    bytes: used,
    ranges,
    idsJson: JSON.stringify(ids),
  };
}

/**
 * Several packed layers as one, their features in order, without reading their bytes: each
 * layer's features are the part of its Blob between {@link packCollection}'s head and tail (ASCII:
 * as many bytes as characters), and a Blob made of Blob slices refers to them, nothing copied.
 * How the check workers' findings, packed each by its worker, reach the map as one layer. Its
 * span is the parts' spans averaged in log scale, weighted by their counts: the parts' medians
 * stand for the whole one, not knowing their features.
 */
export function joinPacked(layers: readonly PackedLayer[]): PackedLayer {
  const parts: BlobPart[] = [HEAD];
  let count = 0;
  let logSum = 0;
  let sized = 0;
  for (const layer of layers) {
    if (layer.count === 0) continue;
    if (count > 0) parts.push(",");
    parts.push(layer.blob.slice(HEAD.length, layer.blob.size - TAIL.length));
    count += layer.count;
    if (layer.span > 0) {
      logSum += layer.count * Math.log(layer.span);
      sized += layer.count;
    }
  }
  parts.push(TAIL);
  const span = sized > 0 ? Math.exp(logSum / sized) : 0;
  return { kind: "packed", blob: new Blob(parts, { type: "application/geo+json" }), count, span };
}

/** The collection again, parsed in one go (in a worker: the page reads features one by one). */
export async function unpackCollection(packed: PackedLayer): Promise<FeatureCollection> {
  return JSON.parse(await packed.blob.text()) as FeatureCollection;
}

/** What a worker needs of a layer: packed layers without the page's bytes and ids. */
export const forWorker = (data: LayerData): LayerData =>
  isPacked(data) ? { kind: "packed", blob: data.blob, count: data.count, span: data.span } : data;

const ids = new WeakMap<PackedLayer, string[]>();

/** The features' ids of a packed layer (parsed once), or null when the page lacks them. */
export function packedIds(packed: PackedLayer): string[] | null {
  if (!hasBytes(packed)) return null;
  let known = ids.get(packed);
  if (!known) {
    known = JSON.parse(packed.idsJson) as string[];
    ids.set(packed, known);
  }
  return known;
}

/** Feature `index` alone, parsed from its bytes; null when out of range. */
export function packedFeature(packed: PackedLayer, index: number): Feature | null {
  if (!hasBytes(packed) || !Number.isInteger(index) || index < 0 || index >= packed.count)
    return null;
  return packedJsonAt(packed, index) as Feature;
}

/** How many features a layer has. */
export const featureCount = (data: LayerData): number =>
  isPacked(data) ? data.count : data.features.length;

/** Feature `index` of a layer, or null. */
export const featureAt = (data: LayerData, index: number): Feature | null =>
  isPacked(data) ? packedFeature(data, index) : (data.features[index] ?? null);

/** A FeatureCollection of a layer, parsing packed bytes (for workers, never the page). */
export const layerCollection = async (data: LayerData): Promise<FeatureCollection> =>
  isPacked(data) ? unpackCollection(data) : data;
