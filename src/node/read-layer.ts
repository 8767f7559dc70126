import { extname } from "node:path";
import { getHeapStatistics } from "node:v8";
import type { FeatureCollection } from "geojson";
import { MAX_JSON_TEXT_BYTES, parseJsonBytes } from "../core/validate/json-text";
import { type GeometryKind, validateLayer } from "../core/validate/validate-layer";
import { formatIssue } from "../core/validate/validation-issue";
import { FgbFormatError } from "../io/fgb-error";
import { FGB_TOO_LARGE_ADVICE, fgbBytesForHeap } from "../io/fgb-limits";
import { readFlatGeobuf } from "../io/fgb-reader";
import { inputError, problemsError, shownPath } from "./check-error";
import { readInputFile, type SizeLimit } from "./read-input-file";

/** A GeoJSON layer over the JSON limit can still be read once converted to FlatGeobuf. */
const GEOJSON_LAYER_LIMIT: SizeLimit = {
  bytes: MAX_JSON_TEXT_BYTES,
  advice: {
    vi: "hãy chuyển lớp sang FlatGeobuf (.fgb), ví dụ: ogr2ogr -f FlatGeobuf lop.fgb lop.geojson",
    en: "convert the layer to FlatGeobuf (.fgb), e.g. ogr2ogr -f FlatGeobuf layer.fgb layer.geojson",
  },
};

/** Largest FlatGeobuf layer read: what this process's heap can hold once decoded. */
function fgbLimit(): SizeLimit {
  return {
    bytes: fgbBytesForHeap(getHeapStatistics().heap_size_limit),
    advice: {
      vi: `${FGB_TOO_LARGE_ADVICE.vi}, hoặc cho Node thêm bộ nhớ: NODE_OPTIONS=--max-old-space-size=8192`,
      en: `${FGB_TOO_LARGE_ADVICE.en}, or give Node more memory: NODE_OPTIONS=--max-old-space-size=8192`,
    },
  };
}

/**
 * Parses a JSON file's bytes (strict UTF-8, then JSON); a problem becomes an input error naming
 * the file, with the line and column.
 */
export function parseJsonFile(bytes: Uint8Array, file: string): unknown {
  const parsed = parseJsonBytes(bytes, file);
  if (!parsed.ok) throw inputError(file, parsed.issue.message);
  return parsed.value;
}

/**
 * Reads a FlatGeobuf file's bytes; a problem in them becomes an input error naming the file with
 * the reader's own words — the app shows the same after "Không tải được x.fgb:", one wording in
 * both (the reader says what is wrong with the file, e.g. "the file is cut short").
 */
async function readFgbLayer(bytes: Uint8Array, file: string): Promise<FeatureCollection> {
  try {
    return await readFlatGeobuf(bytes);
  } catch (error) {
    if (!(error instanceof FgbFormatError)) throw error;
    throw inputError(file, error.problem);
  }
}

/**
 * Reads a layer file (.geojson/.json, or .fgb) as a FeatureCollection of `kind` geometries,
 * through the validation the app uses too ({@link validateLayer}).
 *
 * @throws CheckInputError naming the file (and each bad feature) when it is missing or malformed
 */
export async function readLayerFile(
  path: string,
  kind: GeometryKind,
  hint?: string,
): Promise<FeatureCollection> {
  const file = shownPath(path);
  const isFgb = extname(path).toLowerCase() === ".fgb";
  const limit = isFgb ? fgbLimit() : GEOJSON_LAYER_LIMIT;
  const { bytes } = await readInputFile(path, { hint, limit });
  const value = isFgb ? await readFgbLayer(bytes, file) : parseJsonFile(bytes, file);
  const { collection, issues } = validateLayer(value, { file, kind });
  if (!collection) {
    throw problemsError(issues.filter((issue) => issue.severity === "error").map(formatIssue));
  }
  return collection;
}
