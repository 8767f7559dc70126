import type { FeatureCollection, GeoJsonProperties } from "geojson";
import {
  type Allocate,
  type GeometryPack,
  packedBox,
  packGeometries,
  readPackedGeometry,
} from "./geometry-pack";
import { arrangedCollection, type LazyLayout, lazyCollection } from "./lazy-layer";
import type { CheckInput } from "./types";

/** A layer as threads share it: ids and attributes (copied), geometries packed (shared). */
export type SharedLayer = {
  records: { id?: string | number; properties: GeoJsonProperties }[];
  pack: GeometryPack;
};

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

function shareLayer(collection: FeatureCollection, allocate: Allocate): SharedLayer {
  const records = collection.features.map((f) => {
    const record: SharedLayer["records"][number] = { properties: f.properties };
    if (f.id !== undefined) record.id = f.id;
    return record;
  });
  return { records, pack: packGeometries(collection.features, allocate) };
}

/**
 * Packs an input for other threads, the geometry buffers from `allocate` (a
 * `SharedArrayBuffer` in Node). Pure: no I/O.
 */
export function shareInput(input: CheckInput, allocate: Allocate): SharedInput {
  return {
    layers: Object.entries(input.layers).map(([id, c]) => [id, shareLayer(c, allocate)]),
    districts: input.districts ? shareLayer(input.districts, allocate) : null,
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
  layer: SharedLayer,
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
  box: (i) => packedBox(pack, i),
  rank: pack.rank,
});

/**
 * The input the thread that shared it checks: its own features (no need to decode them again),
 * indexed and cut into windows as the other threads' {@link sharedCheckInput} is.
 */
export function arrangedCheckInput(input: CheckInput, share: SharedInput): CheckInput {
  const layers: Record<string, FeatureCollection> = Object.create(null);
  for (const [id, layer] of share.layers) {
    layers[id] = arrangedCollection(input.layers[id] as FeatureCollection, packLayout(layer.pack));
  }
  const arranged: CheckInput = { ...input, layers };
  if (input.districts && share.districts) {
    arranged.districts = arrangedCollection(input.districts, packLayout(share.districts.pack));
  }
  return arranged;
}

/** The input a thread checks from a shared one (the same in every thread). */
export function sharedCheckInput(
  share: SharedInput,
  /** Called with each feature decoded, and its layer (tests count what a thread reads). */
  onRead?: (layer: string, index: number) => void,
): CheckInput {
  const layers: Record<string, FeatureCollection> = Object.create(null);
  for (const [id, layer] of share.layers) {
    layers[id] = sharedCollection(layer, onRead && ((index) => onRead(id, index)));
  }
  const input: CheckInput = {
    layers,
    rules: share.rules,
    catalog: share.catalog,
    findingGeometry: share.findingGeometry,
  };
  if (share.districts) input.districts = sharedCollection(share.districts);
  return input;
}
