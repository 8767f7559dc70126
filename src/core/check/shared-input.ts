import type { Feature, FeatureCollection, GeoJsonProperties } from "geojson";
import {
  type Allocate,
  type GeometryPack,
  packGeometries,
  readPackedGeometry,
} from "./geometry-pack";
import { arrangedCollection, type LazyLayout, lazyCollection } from "./lazy-layer";
import type { CheckInput } from "./types";

/** A layer as threads share it: ids and attributes (copied), geometries packed (shared). */
export type PackedLayer = {
  records: { id?: string | number; properties: GeoJsonProperties }[];
  pack: GeometryPack;
};

/**
 * A shared layer: packed, or read again by each thread from where the sharing thread reads it
 * (`elsewhere`: what the caller of {@link shareInput} said, a streamed file for the CLI).
 */
export type SharedLayer = PackedLayer | { elsewhere: unknown };

/**
 * A check's input read once and shared between threads (plain data for `postMessage`): every
 * thread checks the same layers, read lazily from the packs, so a worker decodes only the
 * features of the regions it checks instead of reading and parsing the files again.
 */
export type SharedInput = {
  /** [layer id, layer]: ids come from the catalogue, so never object keys here. */
  layers: [string, SharedLayer][];
  districts: SharedLayer | null;
  rules: CheckInput["rules"];
  catalog: CheckInput["catalog"];
  findingGeometry: boolean;
};

/** The ids and attributes of features, as plain data (a lazily read feature is no plain object). */
export function featureRecords(features: readonly Feature[]): PackedLayer["records"] {
  return features.map((f) => {
    const record: PackedLayer["records"][number] = { properties: f.properties };
    if (f.id !== undefined) record.id = f.id;
    return record;
  });
}

function packLayer(collection: FeatureCollection, allocate: Allocate): PackedLayer {
  const records = featureRecords(collection.features);
  return { records, pack: packGeometries(collection.features, allocate) };
}

/**
 * Packs an input for other threads, the geometry buffers from `allocate` (a
 * `SharedArrayBuffer` in Node); a layer for which `elsewhere` says how other threads read it
 * themselves (a layer streamed from a file, too large to pack) is shared as that. Pure: no I/O.
 */
export function shareInput(
  input: CheckInput,
  allocate: Allocate,
  elsewhere: (collection: FeatureCollection) => unknown = () => undefined,
): SharedInput {
  const share = (collection: FeatureCollection): SharedLayer => {
    const there = elsewhere(collection);
    return there === undefined ? packLayer(collection, allocate) : { elsewhere: there };
  };
  return {
    layers: Object.entries(input.layers).map(([id, c]) => [id, share(c)]),
    districts: input.districts ? share(input.districts) : null,
    rules: input.rules,
    catalog: input.catalog,
    findingGeometry: input.findingGeometry ?? true,
  };
}

/**
 * A shared layer as the engine reads it: a lazy collection whose geometries are decoded from the
 * pack when the check needs them (all kept once prepared: the pack is in memory already), whose
 * boxes index it without decoding and whose spatial order the threads' windows follow.
 */
export function sharedCollection(
  layer: PackedLayer,
  /** Called with each feature decoded (tests count what a thread reads). */
  onRead?: (index: number) => void,
): FeatureCollection {
  const { pack } = layer;
  const read = (i: number) => {
    onRead?.(i);
    return readPackedGeometry(pack, i);
  };
  return lazyCollection(layer.records, read, pack.count, packLayout(pack));
}

/** What the engine reads of a pack without decoding geometry: boxes and the spatial order. */
const packLayout = (pack: GeometryPack): Omit<LazyLayout, "window"> => ({
  boxes: pack.boxes,
  rank: pack.rank,
});

/**
 * The input the thread that shared it checks: its own features (no need to decode them again),
 * indexed and cut into windows as the other threads' {@link sharedCheckInput} is.
 */
export function arrangedCheckInput(input: CheckInput, share: SharedInput): CheckInput {
  const arrange = (collection: FeatureCollection, layer: SharedLayer) =>
    "pack" in layer ? arrangedCollection(collection, packLayout(layer.pack)) : collection;
  const layers: Record<string, FeatureCollection> = Object.create(null);
  for (const [id, layer] of share.layers) {
    layers[id] = arrange(input.layers[id] as FeatureCollection, layer);
  }
  const arranged: CheckInput = { ...input, layers };
  if (input.districts && share.districts) {
    arranged.districts = arrange(input.districts, share.districts);
  }
  return arranged;
}

/** The input a thread checks from a shared one (the same in every thread). */
export function sharedCheckInput(
  share: SharedInput,
  options: {
    /** Each layer shared `elsewhere`, as this thread read it (opened in the same order). */
    opened?: readonly FeatureCollection[];
    /** Called with each feature decoded, and its layer (tests count what a thread reads). */
    onRead?: (layer: string, index: number) => void;
  } = {},
): CheckInput {
  const { onRead } = options;
  const opened = [...(options.opened ?? [])];
  const collection = (id: string, layer: SharedLayer): FeatureCollection => {
    if ("pack" in layer) return sharedCollection(layer, onRead && ((index) => onRead(id, index)));
    const there = opened.shift();
    if (!there) throw new Error(`shared layer "${id}" was not opened`);
    return there;
  };
  const layers: Record<string, FeatureCollection> = Object.create(null);
  for (const [id, layer] of share.layers) layers[id] = collection(id, layer);
  const input: CheckInput = {
    layers,
    rules: share.rules,
    catalog: share.catalog,
    findingGeometry: share.findingGeometry,
  };
  if (share.districts) input.districts = collection("districts", share.districts);
  return input;
}

/** The layers of a shared input to be read `elsewhere`, in the order {@link sharedCheckInput} takes them. */
export function sharedElsewhere(share: SharedInput): unknown[] {
  const layers = [...share.layers.map(([, layer]) => layer), share.districts];
  return layers.flatMap((layer) => (layer && "elsewhere" in layer ? [layer.elsewhere] : []));
}
