import { constants, type Stats } from "node:fs";
import { open } from "node:fs/promises";
import { extname } from "node:path";
import { getHeapStatistics } from "node:v8";
import type { FeatureCollection } from "geojson";
import { MAX_JSON_TEXT_BYTES, parseJsonBytes } from "../core/validate/json-text";
import { type GeometryKind, validateLayer } from "../core/validate/validate-layer";
import type { Bilingual } from "../core/validate/validation-issue";
import { formatIssue } from "../core/validate/validation-issue";
import { FgbFormatError } from "../io/fgb-error";
import { readFlatGeobuf } from "../io/fgb-reader";
import { CheckInputError, inputError, problemsError, shownPath } from "./check-error";

/** A limit on a file's size, and what to do about a larger one. */
export type SizeLimit = { bytes: number; advice: Bilingual };

/** JSON files are read as one string: V8's longest string bounds them. */
const JSON_LIMIT: SizeLimit = {
  bytes: MAX_JSON_TEXT_BYTES,
  advice: { vi: "hãy chia nhỏ tệp", en: "split the file" },
};

/** A GeoJSON layer over the JSON limit can still be read once converted to FlatGeobuf. */
const GEOJSON_LAYER_LIMIT: SizeLimit = {
  bytes: MAX_JSON_TEXT_BYTES,
  advice: {
    vi: "hãy chuyển lớp sang FlatGeobuf (.fgb), ví dụ: ogr2ogr -f FlatGeobuf lop.fgb lop.geojson",
    en: "convert the layer to FlatGeobuf (.fgb), e.g. ogr2ogr -f FlatGeobuf layer.fgb layer.geojson",
  },
};

/**
 * Heap taken by a FlatGeobuf layer once decoded into GeoJSON objects, per byte of file: 4 to 5
 * measured (a 4.4 MiB file of 10 000 zones grows the heap by 18 MiB); 6 leaves the check room.
 */
const HEAP_PER_FGB_BYTE = 6;

/**
 * Largest FlatGeobuf layer read: what this process's heap can hold once decoded, and never more
 * than 1 GiB. Beyond it Node would die of an out-of-memory error with a stack trace.
 */
export function maxFgbBytes(): number {
  return Math.min(2 ** 30, Math.floor(getHeapStatistics().heap_size_limit / HEAP_PER_FGB_BYTE));
}

function fgbLimit(): SizeLimit {
  return {
    bytes: maxFgbBytes(),
    advice: {
      vi: "hãy chia lớp thành nhiều tệp, bớt đỉnh (đơn giản hóa hình), hoặc cho Node thêm bộ nhớ: NODE_OPTIONS=--max-old-space-size=8192",
      en: "split the layer into several files, simplify its geometry, or give Node more memory: NODE_OPTIONS=--max-old-space-size=8192",
    },
  };
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** What a non-regular file is, for the message refusing it; null for a regular file. */
function specialKind(stats: Stats): Bilingual | null {
  if (stats.isFile()) return null;
  if (stats.isDirectory()) return { vi: "là một thư mục", en: "is a folder" };
  if (stats.isFIFO()) return { vi: "là một đường ống (FIFO)", en: "is a named pipe (FIFO)" };
  if (stats.isCharacterDevice()) {
    return {
      vi: "là một thiết bị ký tự (như /dev/zero)",
      en: "is a character device (like /dev/zero)",
    };
  }
  if (stats.isBlockDevice()) return { vi: "là một thiết bị khối", en: "is a block device" };
  if (stats.isSocket()) return { vi: "là một socket", en: "is a socket" };
  return { vi: "không phải tệp thường", en: "is not a regular file" };
}

function openError(error: unknown, file: string, hint?: string): CheckInputError {
  const code = (error as NodeJS.ErrnoException).code;
  const extra = hint ? ` (${hint})` : "";
  if (code === "ENOENT") {
    return inputError(file, { vi: `không tìm thấy tệp${extra}`, en: `file not found${extra}` });
  }
  const detail = error instanceof Error ? error.message : String(error);
  return inputError(file, {
    vi: `không đọc được tệp (${detail})`,
    en: `cannot read the file (${detail})`,
  });
}

/**
 * Reads a file's bytes, safely: the file is opened without blocking (opening a FIFO for reading
 * would wait for a writer forever), its descriptor checked to be a regular file (a FIFO, a device
 * such as /dev/zero that never ends, a folder are refused), and its size checked against `limit`
 * before a byte is read. Only the size fstat gave is read.
 *
 * @throws CheckInputError naming the file when it is missing, unreadable, not a regular file or
 *   too large; `hint` says how to get a missing one
 */
export async function readInputFile(
  path: string,
  options: { hint?: string; limit?: SizeLimit } = {},
): Promise<Buffer> {
  const file = shownPath(path);
  const limit = options.limit ?? JSON_LIMIT;
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    throw openError(error, file, options.hint);
  }
  try {
    const stats = await handle.stat();
    const kind = specialKind(stats);
    if (kind) {
      throw inputError(file, {
        vi: `${kind.vi}, không phải tệp dữ liệu; hãy chỉ ra một tệp thường`,
        en: `${kind.en}, not a data file; give the path of a regular file`,
      });
    }
    if (stats.size > limit.bytes) {
      throw inputError(file, {
        vi: `tệp nặng ${mib(stats.size)}, vượt giới hạn ${mib(limit.bytes)}; ${limit.advice.vi}`,
        en: `the file is ${mib(stats.size)}, over the ${mib(limit.bytes)} limit; ${limit.advice.en}`,
      });
    }
    const bytes = Buffer.allocUnsafe(stats.size);
    let filled = 0;
    while (filled < bytes.length) {
      const { bytesRead } = await handle.read(bytes, filled, bytes.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return bytes.subarray(0, filled);
  } catch (error) {
    if (error instanceof CheckInputError) throw error;
    throw openError(error, file);
  } finally {
    await handle.close();
  }
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

async function readFgbLayer(bytes: Uint8Array, file: string): Promise<FeatureCollection> {
  try {
    return await readFlatGeobuf(bytes);
  } catch (error) {
    if (!(error instanceof FgbFormatError)) throw error;
    throw inputError(file, {
      vi: `không đọc được tệp FlatGeobuf: ${error.problem.vi}`,
      en: `cannot read the FlatGeobuf file: ${error.problem.en}`,
    });
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
  const bytes = await readInputFile(path, hint ? { hint, limit } : { limit });
  const value = isFgb ? await readFgbLayer(bytes, file) : parseJsonFile(bytes, file);
  const { collection, issues } = validateLayer(value, { file, kind });
  if (!collection) {
    throw problemsError(issues.filter((issue) => issue.severity === "error").map(formatIssue));
  }
  return collection;
}
