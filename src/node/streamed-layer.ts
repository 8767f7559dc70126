import type { Feature, GeoJsonProperties } from "geojson";
import { type GeometryReader, lazyCollection } from "../core/check/lazy-layer";
import { type CrsChoice, reproject } from "../core/crs/index";
import { isPlainWgs84, layerFromRead } from "../core/proposal/layer-from-read";
import type { GeometryKind } from "../core/validate/validate-layer";
import { validateLayer } from "../core/validate/validate-layer";
import type { Bilingual, ValidationIssue } from "../core/validate/validation-issue";
import { FeatureSink } from "../io/feature-sink";
import { FgbFormatError } from "../io/fgb-error";
import { NDJSON_EXTENSIONS } from "../io/geojson/extensions";
import { DEFAULT_READ_LIMITS } from "../io/read-limits";
import { looksLikeFlatGeobuf } from "../io/sniff";
import { extensionOf } from "../io/source-files";
import { fgbRecords } from "../io/stream/fgb-records";
import { ndjsonRecords } from "../io/stream/ndjson-records";
import type { RecordLayer } from "../io/stream/record-layer";
import { inputError, problemsError, shownPath } from "./check-error";
import { fileByteSource } from "./file-byte-source";
import { openInputFile } from "./read-input-file";
import { crsLine, type ReadLayer, refusedLines, warningLines } from "./read-layer";

/**
 * Layer files from this size on are streamed when they can be (FlatGeobuf, newline-delimited
 * GeoJSON): decoded whole, a layer takes 4 to 6 times its file in heap, and a GeoJSON text over
 * 512 MiB cannot be held at all.
 */
export const STREAM_FROM_BYTES = 64 * 2 ** 20;

/** Prepared geometries a streamed layer keeps by default (`--window`). */
export const DEFAULT_WINDOW = 20_000;

/** Features validated at a time on the first pass. */
const BATCH = 4096;

/** No size limit: a streamed file is never held whole. */
const NO_LIMIT = {
  bytes: Number.MAX_SAFE_INTEGER,
  advice: { vi: "", en: "" },
} satisfies { bytes: number; advice: Bilingual };

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
function geometryReader(layer: RecordLayer, choice: CrsChoice): GeometryReader {
  const plain = isPlainWgs84(choice);
  return (index) => {
    const feature = readOne(layer, index);
    if (!feature) return null;
    if (plain) return feature.geometry ?? null;
    const [moved] = reproject({ type: "FeatureCollection", features: [feature] }, choice).features;
    return moved?.geometry ?? null;
  };
}

/**
 * The first pass over a streamed layer: every feature read, reprojected and validated as the
 * whole-file path does it (`layerFromRead`, a batch at a time: the CRS is decided on the first
 * batch and kept), only its id and attributes kept. Ids are checked to be unique over the whole
 * layer at the end, as `validateLayer` does for a layer read whole.
 */
function firstPass(layer: RecordLayer, kind: GeometryKind) {
  const issues: ValidationIssue[] = [];
  const records: { id?: string | number; properties: GeoJsonProperties }[] = [];
  let crs: { choice: CrsChoice; reason: Bilingual } | null = null;
  for (let from = 0; from < layer.count || from === 0; from += BATCH) {
    const to = Math.min(layer.count, from + BATCH);
    const sink = new FeatureSink(layer.file);
    for (let index = from; index < to; index++) layer.read(index, sink);
    const read = sink.finish({ format: layer.format, crs: layer.crs }, layer.count);
    const outcome = layerFromRead(read, kind, crs?.choice);
    crs ??= outcome.crs;
    // ids are unique within a batch; over the whole layer is told below
    for (const issue of outcome.issues) if (issue.code !== "duplicate-id") issues.push(issue);
    if (!outcome.collection) {
      if (!outcome.crs) break; // the file itself failed (no CRS): nothing more to read
      continue;
    }
    for (const feature of outcome.collection.features) {
      const record: { id?: string | number; properties: GeoJsonProperties } = {
        properties: feature.properties,
      };
      if (feature.id !== undefined) record.id = feature.id;
      records.push(record);
    }
  }
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
  return { issues, records, crs };
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
 * Reads a layer file without holding it when it is FlatGeobuf or newline-delimited GeoJSON and
 * either `window` is given or the file is at least {@link STREAM_FROM_BYTES}: a first pass
 * validates every feature (as `readLayerFile` does) and keeps only ids and attributes; the check
 * then reads each geometry again when it needs it, keeping `window` prepared geometries
 * (`lazyCollection`). The findings are the same as with the layer read whole. Null: read it whole.
 * The file stays open for the rest of the process (the check reads from it).
 *
 * @throws CheckInputError naming the file (and each bad feature), as `readLayerFile`
 */
export async function readStreamedLayer(
  path: string,
  kind: GeometryKind,
  options: { window: number | null; hint?: string },
): Promise<ReadLayer | null> {
  const file = shownPath(path);
  const opened = await openInputFile(path, {
    limit: NO_LIMIT,
    ...(options.hint ? { hint: options.hint } : {}),
  });
  let layer: RecordLayer | null = null;
  let pass: ReturnType<typeof firstPass>;
  try {
    if (options.window !== null || opened.size >= STREAM_FROM_BYTES) {
      layer = recordsOf(file, fileByteSource(opened.handle));
    }
    if (!layer) {
      await opened.handle.close();
      return null;
    }
    pass = firstPass(layer, kind);
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
  const collection = lazyCollection(
    records,
    geometryReader(layer, crs.choice),
    options.window ?? DEFAULT_WINDOW,
  );
  const reprojected = isPlainWgs84(crs.choice) ? [] : [crsLine(file, crs.reason)];
  return { collection, warnings: [...reprojected, ...warningLines(issues)] };
}
