import { type FileHandle, open } from "node:fs/promises";
import type { Feature, FeatureCollection } from "geojson";
import { type GeometryReader, lazyCollection } from "../core/check/lazy-layer";
import type { PackedLayer } from "../core/check/shared-input";
import { type CrsChoice, reproject } from "../core/crs/index";
import { isPlainWgs84 } from "../core/proposal/layer-from-read";
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

/** Reads feature `index`'s geometry again, in WGS84 (through the CRS the first pass decided). */
export function geometryReader(layer: RecordLayer, choice: CrsChoice): GeometryReader {
  const plain = isPlainWgs84(choice);
  return (index) => {
    const geometry = layer.geometry(index);
    if (plain || !geometry) return geometry;
    const feature: Feature = { type: "Feature", geometry, properties: null };
    const [moved] = reproject({ type: "FeatureCollection", features: [feature] }, choice).features;
    return moved?.geometry ?? null;
  };
}

/**
 * How a file can be streamed, from its name and its first 8 bytes: FlatGeobuf, newline-delimited
 * GeoJSON, or null: any other format is read whole.
 */
export function streamFormat(file: string, head: Uint8Array): "fgb" | "ndjson" | null {
  if (looksLikeFlatGeobuf(head)) return "fgb";
  if ((NDJSON_EXTENSIONS as readonly string[]).includes(extensionOf(file))) return "ndjson";
  return null;
}

/** The records of a file that can be streamed, or null: any other format is read whole. */
export function recordsOf(
  file: string,
  source: ReturnType<typeof fileByteSource>,
): RecordLayer | null {
  const format = streamFormat(file, source.read(0, 8));
  if (format === "fgb") return fgbRecords(file, source);
  if (format === "ndjson") return ndjsonRecords(file, source, DEFAULT_READ_LIMITS);
  return null;
}

/** A streamed layer's ids and attributes, in file order: what its first pass keeps of it. */
export type StreamedRecords = PackedLayer["records"];

/**
 * What another thread needs to read a streamed layer as this one does: the file, the CRS the
 * first pass decided, the window, and how many records the first pass kept. The records travel
 * ahead, in batches ({@link RecordsBatch}), while the first pass reads on.
 */
export type StreamedShare = {
  /** The layer's id in the check's input: its records' batches are sent under it. */
  layer: string;
  path: string;
  /** The file as the user knows it. */
  file: string;
  choice: CrsChoice;
  window: number;
  /** Box of each feature's polygons (`writeBox`, shared memory); null: read to know them. */
  boxes: Float64Array | null;
  count: number;
};

/** Marks a {@link RecordsBatch} among a check worker's messages. */
export const RECORDS_TAG = "plan-layers-streamed-records";

/**
 * The next records of the streamed layer `layer` (its id in the check's input), sent to the check
 * workers as the first pass validates them: they take them in while the main thread reads on,
 * where the records of a 1 000 000-zone layer in one message kept a worker from starting for 6 s
 * after the read.
 */
export type RecordsBatch = { tag: typeof RECORDS_TAG; layer: string; records: StreamedRecords };

export function isRecordsBatch(message: unknown): message is RecordsBatch {
  return (
    typeof message === "object" && message !== null && (message as RecordsBatch).tag === RECORDS_TAG
  );
}

/** A batch of records read for the layer `layer`. */
export function recordsBatch(layer: string, records: StreamedRecords): RecordsBatch {
  return { tag: RECORDS_TAG, layer, records };
}

/** The batches of records a thread received, put together per layer. */
export class ReceivedRecords {
  private readonly batches = new Map<string, StreamedRecords[]>();

  add(batch: RecordsBatch): void {
    const list = this.batches.get(batch.layer) ?? [];
    list.push(batch.records);
    this.batches.set(batch.layer, list);
  }

  /**
   * The records of a shared streamed layer, every batch of it.
   *
   * @throws Error when they are not all there (a fault of the sender: the check would miss features)
   */
  of(share: StreamedShare): StreamedRecords {
    const records: StreamedRecords = [];
    for (const batch of this.batches.get(share.layer) ?? []) {
      for (const record of batch) records.push(record);
    }
    if (records.length !== share.count) {
      throw new Error(`${share.file}: ${records.length} records received of ${share.count}`);
    }
    return records;
  }
}

/** How the engine indexes a streamed layer without reading it: by the boxes of the first pass. */
export const streamedLayout = (boxes: Float64Array | null) => (boxes ? { boxes } : {});

type FileShare = Omit<StreamedShare, "count" | "layer">;

const shares = new WeakMap<FeatureCollection, FileShare>();

/** The lazy collection of a streamed layer, remembered so it can be shared ({@link streamedShare}). */
export function streamedCollection(
  layer: RecordLayer,
  records: StreamedRecords,
  share: FileShare,
): FeatureCollection {
  const reader = geometryReader(layer, share.choice);
  const collection = lazyCollection(records, reader, share.window, streamedLayout(share.boxes));
  shares.set(collection, share);
  return collection;
}

/**
 * How another thread reads `collection`, the layer `layer` of the check's input, again from its
 * file; undefined: not a streamed layer.
 */
export function streamedShare(
  collection: FeatureCollection,
  layer: string,
): StreamedShare | undefined {
  const share = shares.get(collection);
  if (!share) return undefined;
  return { ...share, layer, count: collection.features.length };
}

/** The files of streamed layers this thread holds open, read again while its check runs. */
const openFiles = new Set<FileHandle>();

/** Keeps `file`, a streamed layer's, open for this thread's check, until {@link closeStreamedFiles}. */
export function holdOpen(file: FileHandle): void {
  openFiles.add(file);
}

/** How many streamed layers' files this thread holds open (tests). */
export const streamedFilesOpen = (): number => openFiles.size;

/**
 * Closes the files of the streamed layers this thread holds open, once its check is done with
 * them. Left to the garbage collector, a file is closed when its layer is no longer referenced,
 * and Node prints a warning on the command's output ("Closing file descriptor … on garbage
 * collection").
 */
export async function closeStreamedFiles(): Promise<void> {
  const files = [...openFiles];
  openFiles.clear();
  await Promise.all(files.map((file) => file.close().catch(() => undefined)));
}

/**
 * Opens the file of a streamed layer again, in a thread other than the one that read it first
 * (`file`: as the user knows it), held open until {@link closeStreamedFiles}; its features are
 * found (a walk of the file), none is read.
 */
export async function reopenLayer(path: string, file: string): Promise<RecordLayer> {
  const handle = await open(path, "r");
  try {
    const layer = recordsOf(file, fileByteSource(handle));
    if (!layer) throw new Error(`${file} can no longer be streamed`);
    holdOpen(handle);
    return layer;
  } catch (error) {
    await handle.close().catch(() => undefined);
    throw error;
  }
}
