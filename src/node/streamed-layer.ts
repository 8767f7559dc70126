import { constants } from "node:fs";
import { type FileHandle, open } from "node:fs/promises";
import type { Feature } from "geojson";
import { writeBox } from "../core/check/geometry-pack";
import { featureRecords } from "../core/check/shared-input";
import type { CrsChoice } from "../core/crs/index";
import { isPlainWgs84, layerFromRead } from "../core/proposal/layer-from-read";
import type { GeometryKind } from "../core/validate/validate-layer";
import { validateLayer } from "../core/validate/validate-layer";
import type { Bilingual, ValidationIssue } from "../core/validate/validation-issue";
import { FeatureSink } from "../io/feature-sink";
import { FgbFormatError } from "../io/fgb-error";
import type { RecordLayer } from "../io/stream/record-layer";
import { inputError, problemsError, shownPath } from "./check-error";
import { fileByteSource } from "./file-byte-source";
import { openInputFile } from "./read-input-file";
import { crsLine, type ReadLayer, refusedLines, warningLines } from "./read-layer";
import {
  holdOpen,
  recordsOf,
  type StreamedRecords,
  streamedCollection,
  streamFormat,
} from "./streamed-records";

/** NaN boxes (none yet) for `count` features, in memory other threads can read. */
const emptyBoxes = (count: number) =>
  new Float64Array(new SharedArrayBuffer(Math.max(1, 4 * count) * 8)).fill(Number.NaN);

/**
 * Layer files from this size on are streamed when they can be (FlatGeobuf, newline-delimited
 * GeoJSON): decoded whole, a layer takes 4 to 6 times its file in heap, and a GeoJSON text over
 * 512 MiB cannot be held at all.
 */
export const STREAM_FROM_BYTES = 64 * 2 ** 20;

/** Whether a layer file of `size` bytes is streamed, when its format can be ({@link readStreamedLayer}). */
export const streamsAt = (size: number, window: number | null) =>
  window !== null || size >= STREAM_FROM_BYTES;

/**
 * Whether {@link readStreamedLayer} will stream the file at `path`, told from its size and first
 * bytes before it is read; false for a file that cannot be opened (reading it will say why).
 */
export async function willStream(path: string, window: number | null): Promise<boolean> {
  let handle: FileHandle | null = null;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const info = await handle.stat();
    if (!info.isFile() || !streamsAt(info.size, window)) return false;
    const head = new Uint8Array(8);
    await handle.read(head, 0, 8, 0);
    return streamFormat(path, head) !== null;
  } catch {
    return false;
  } finally {
    await handle?.close();
  }
}

/** Prepared geometries a streamed layer keeps by default (`--window`). */
export const DEFAULT_WINDOW = 20_000;

/**
 * Features read and validated at a time on the first pass, after the first batch. Small, so a
 * batch's decoded geometries die young: at 200 000 zones, batches of 256 instead of 4 096 took the
 * read from 4.6 to 3.3 s (less of each batch alive at each minor garbage collection).
 */
const BATCH = 256;

/** Features of the first batch, the one the coordinate system is decided on (sampled from). */
const FIRST_BATCH = 4096;

/** No size limit: a streamed file is never held whole. */
const NO_LIMIT = {
  bytes: Number.MAX_SAFE_INTEGER,
  advice: { vi: "", en: "" },
} satisfies { bytes: number; advice: Bilingual };

/**
 * The first pass over a streamed layer: every feature read, reprojected and validated as the
 * whole-file path does it (`layerFromRead`, a batch at a time: the CRS is decided on the first
 * batch and kept), only its id and attributes kept, and the box of its polygons (in shared memory:
 * every check thread indexes the layer by them without reading it again; null when the layer is
 * reprojected, whose positions are only final once read again). Ids are checked to be unique over
 * the whole layer at the end, as `validateLayer` does for a layer read whole.
 */
async function firstPass(
  layer: RecordLayer,
  kind: GeometryKind,
  validated?: (features: readonly Feature[], records: StreamedRecords) => Promise<void>,
) {
  const issues: ValidationIssue[] = [];
  const records: StreamedRecords = [];
  let crs: { choice: CrsChoice; reason: Bilingual } | null = null;
  let boxes: Float64Array | null = emptyBoxes(layer.count);
  // one sink for the whole pass: what it says of the file as a whole (heights dropped, say) is
  // said once, counted over the file, as when the file is read whole
  const sink = new FeatureSink(layer.file);
  const about = { format: layer.format, crs: layer.crs };
  const batchEnd = (from: number) =>
    Math.min(layer.count, from + (from === 0 ? FIRST_BATCH : BATCH));
  for (let from = 0, first = true; first || from < layer.count; from = batchEnd(from)) {
    first = false;
    const to = batchEnd(from);
    for (let index = from; index < to; index++) layer.read(index, sink);
    const read = sink.takeBatch(about, layer.count);
    // the CRS is decided on the first batch; later ones are not sampled again
    const outcome = layerFromRead(read, kind, crs ? { decided: crs } : undefined);
    crs ??= outcome.crs;
    // the positions the check reads: as read, when not reprojected (and every feature was read)
    const plain = crs && isPlainWgs84(crs.choice) && read.collection.features.length === to - from;
    if (!plain) boxes = null;
    read.collection.features.forEach((feature, k) => {
      if (boxes) writeBox(feature.geometry ?? null, boxes, from + k);
    });
    // ids are unique within a batch; over the whole layer is told below
    for (const issue of outcome.issues) if (issue.code !== "duplicate-id") issues.push(issue);
    if (!outcome.collection) {
      if (!outcome.crs) break; // the file itself failed (no CRS): nothing more to read
      continue;
    }
    const batch = featureRecords(outcome.collection.features);
    for (const record of batch) records.push(record);
    // handed on while still decoded, so they need not be read again; after an error, nothing
    // more is (the layer will be refused)
    if (validated && !issues.some((issue) => issue.severity === "error")) {
      await validated(outcome.collection.features, batch);
    }
  }
  issues.unshift(...sink.finish(about, layer.count).problems);
  if (issues.every((issue) => issue.severity !== "error")) {
    const unique = validateLayer(
      {
        type: "FeatureCollection",
        features: records.map((r) => ({ type: "Feature", ...r, geometry: null })),
      },
      { file: layer.file, kind },
    );
    for (const issue of unique.issues) if (issue.code === "duplicate-id") issues.push(issue);
  }
  return {
    issues,
    records,
    crs,
    boxes: boxes && boxes.length === 4 * records.length ? boxes : null,
  };
}

/**
 * Reads a layer file without holding it when it is FlatGeobuf or newline-delimited GeoJSON and
 * either `window` is given or the file is at least {@link STREAM_FROM_BYTES}: a first pass
 * validates every feature (as `readLayerFile` does) and keeps only ids and attributes, handing
 * each batch of valid features to `validated` (the PostGIS engine copies them then, and reads the
 * file no more); the in-process check reads each geometry again when it needs it, keeping
 * `window` prepared geometries (`lazyCollection`). The findings are the same as with the layer read whole. Null: read it whole.
 * The file stays open for the check to read from, until `closeStreamedFiles`.
 *
 * @throws CheckInputError naming the file (and each bad feature), as `readLayerFile`
 */
export async function readStreamedLayer(
  path: string,
  kind: GeometryKind,
  options: {
    window: number | null;
    hint?: string;
    /** Given each batch of valid features (decoded, in WGS84) during the pass, in file order. */
    validated?: (features: readonly Feature[], records: StreamedRecords) => Promise<void>;
  },
): Promise<ReadLayer | null> {
  const file = shownPath(path);
  const opened = await openInputFile(path, {
    limit: NO_LIMIT,
    ...(options.hint ? { hint: options.hint } : {}),
  });
  let layer: RecordLayer | null = null;
  let pass: Awaited<ReturnType<typeof firstPass>>;
  try {
    if (streamsAt(opened.size, options.window)) {
      layer = recordsOf(file, fileByteSource(opened.handle));
    }
    if (!layer) {
      await opened.handle.close();
      return null;
    }
    pass = await firstPass(layer, kind, options.validated);
  } catch (error) {
    await opened.handle.close();
    if (error instanceof FgbFormatError) throw inputError(file, error.problem);
    throw error;
  }
  const { issues, records, crs } = pass;
  if (!crs || issues.some((issue) => issue.severity === "error")) {
    await opened.handle.close();
    throw problemsError(refusedLines(issues));
  }
  holdOpen(opened.handle);
  const collection = streamedCollection(layer, records, {
    path,
    file,
    choice: crs.choice,
    window: options.window ?? DEFAULT_WINDOW,
    boxes: pass.boxes,
  });
  const reprojected = isPlainWgs84(crs.choice) ? [] : [crsLine(file, crs.reason)];
  return { collection, warnings: [...reprojected, ...warningLines(issues)] };
}
