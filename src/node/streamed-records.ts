import { open } from "node:fs/promises";
import type { Feature, FeatureCollection, GeoJsonProperties } from "geojson";
import { boxAt } from "../core/check/geometry-pack";
import { type GeometryReader, lazyCollection } from "../core/check/lazy-layer";
import { featureRecords } from "../core/check/shared-input";
import { type CrsChoice, reproject } from "../core/crs/index";
import { isPlainWgs84 } from "../core/proposal/layer-from-read";
import type { ValidationIssue } from "../core/validate/validation-issue";
import { FeatureSink } from "../io/feature-sink";
import { NDJSON_EXTENSIONS } from "../io/geojson/extensions";
import { DEFAULT_READ_LIMITS } from "../io/read-limits";
import { looksLikeFlatGeobuf } from "../io/sniff";
import { extensionOf } from "../io/source-files";
import { fgbRecords } from "../io/stream/fgb-records";
import { ndjsonRecords } from "../io/stream/ndjson-records";
import type { RecordLayer } from "../io/stream/record-layer";
import { fileByteSource } from "./file-byte-source";

/*
 * The part of reading a streamed layer that runs again wherever its geometries are read: in the
 * main thread after the first pass (streamed-layer.ts), and in each check worker, which reopens
 * the file and reads only the features of the regions it checks (no first pass: the main thread's
 * records travel instead). A worker loads it from a bundle of its own (check-stream-reader.ts)
 * only when a layer is streamed: with proj4 it would double the worker's start-up.
 */

/**
 * Feature `index` of a streamed layer, read as the whole-file reader reads it (normalised), with
 * the problems found reading it (numbered as in the file); null when it could not be read.
 */
export function readRecord(
  layer: RecordLayer,
  index: number,
): { feature: Feature | null; problems: ValidationIssue[] } {
  const sink = new FeatureSink(layer.file);
  layer.read(index, sink);
  const read = sink.finish({ format: layer.format, crs: layer.crs }, layer.count);
  return { feature: read.collection.features[0] ?? null, problems: read.problems };
}

const readOne = (layer: RecordLayer, index: number) => readRecord(layer, index).feature;

/** Reads feature `index`'s geometry again, in WGS84 (through the CRS the first pass decided). */
export function geometryReader(layer: RecordLayer, choice: CrsChoice): GeometryReader {
  const plain = isPlainWgs84(choice);
  return (index) => {
    const feature = readOne(layer, index);
    if (!feature) return null;
    if (plain) return feature.geometry ?? null;
    const [moved] = reproject({ type: "FeatureCollection", features: [feature] }, choice).features;
    return moved?.geometry ?? null;
  };
}

/** The records of a file that can be streamed, or null: any other format is read whole. */
export function recordsOf(
  file: string,
  source: ReturnType<typeof fileByteSource>,
): RecordLayer | null {
  if (looksLikeFlatGeobuf(source.read(0, 8))) return fgbRecords(file, source);
  if ((NDJSON_EXTENSIONS as readonly string[]).includes(extensionOf(file))) {
    return ndjsonRecords(file, source, DEFAULT_READ_LIMITS);
  }
  return null;
}

/**
 * What another thread needs to read a streamed layer as this one does: the file, the CRS the
 * first pass decided, the window, and the ids and attributes the first pass kept (plain data).
 */
export type StreamedShare = {
  path: string;
  /** The file as the user knows it. */
  file: string;
  choice: CrsChoice;
  window: number;
  /** Box of each feature's polygons (`writeBox`, shared memory); null: read to know them. */
  boxes: Float64Array | null;
  records: { id?: string | number; properties: GeoJsonProperties }[];
};

/** How the engine indexes a streamed layer without reading it: by the boxes of the first pass. */
export const streamedLayout = (boxes: Float64Array | null) =>
  boxes ? { box: (i: number) => boxAt(boxes, i) } : {};

const shares = new WeakMap<FeatureCollection, Omit<StreamedShare, "records">>();

/** The lazy collection of a streamed layer, remembered so it can be shared ({@link streamedShare}). */
export function streamedCollection(
  layer: RecordLayer,
  records: StreamedShare["records"],
  share: Omit<StreamedShare, "records">,
): FeatureCollection {
  const reader = geometryReader(layer, share.choice);
  const collection = lazyCollection(records, reader, share.window, streamedLayout(share.boxes));
  shares.set(collection, share);
  return collection;
}

/** How another thread reads `collection` again from its file; undefined: not a streamed layer. */
export function streamedShare(collection: FeatureCollection): StreamedShare | undefined {
  const share = shares.get(collection);
  if (!share) return undefined;
  return { ...share, records: featureRecords(collection.features) };
}

/**
 * The geometry reader of a streamed layer shared by another thread, its file opened again here.
 * The file stays open for the rest of the thread.
 */
export async function reopenReader(share: Omit<StreamedShare, "records">): Promise<GeometryReader> {
  const handle = await open(share.path, "r");
  const layer = recordsOf(share.file, fileByteSource(handle));
  if (!layer) throw new Error(`${share.file} can no longer be streamed`);
  return geometryReader(layer, share.choice);
}
