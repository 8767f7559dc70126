import type { Bilingual, ProblemCode } from "../../core/validate/validation-issue";

/**
 * Zip archives (.zip, .kmz) read defensively. The central directory is parsed here, every offset
 * and count checked against the file before use (no dependency: the registry reads it to tell a
 * zipped Shapefile from a KMZ); entries are inflated by `read-zip.ts`, which counts the bytes
 * coming out while they come and stops at the limit. fflate's own `unzipSync` could not be used: it allocates each
 * entry at its declared size and inflates it in one call (a lying header or a zip bomb fills memory
 * before anything can count), and keys entries by name on a plain object, where an entry named
 * `__proto__` replaces the object's prototype.
 */

/** One entry of the central directory. */
export type ZipEntry = {
  /** Path inside the archive, "/"-separated. */
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  /** Uncompressed size as declared (checked against the bytes actually inflated). */
  size: number;
  localOffset: number;
};

export type ZipFailure = { ok: false; code: ProblemCode; problem: Bilingual };

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
/** Signature of an entry's local header. */
export const LOCAL = 0x04034b50;

/** A damaged-zip failure saying `vi`/`en` of what is wrong. */
export const corrupt = (vi: string, en: string): ZipFailure => ({
  ok: false,
  code: "unreadable-file",
  problem: {
    vi: `tệp zip bị hỏng hoặc bị cắt cụt (${vi}); hãy nén lại hoặc tải lại tệp`,
    en: `the zip file is damaged or cut short (${en}); zip it again or download it again`,
  },
});

/** True when the bytes start like a zip archive (a local header, or the end record of an empty one). */
export const isZip = (bytes: Uint8Array): boolean =>
  bytes.length >= 4 &&
  bytes[0] === 0x50 &&
  bytes[1] === 0x4b &&
  ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));

const utf8 = new TextDecoder("utf-8", { fatal: true });
const vietnameseAnsi = new TextDecoder("windows-1258");

/**
 * An entry's name: UTF-8 when flagged so or when it is valid UTF-8, else the legacy code page of
 * the zip tool, taken as Windows-1258 (Vietnamese Windows).
 */
function entryName(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return vietnameseAnsi.decode(bytes).normalize("NFC");
  }
}

/** Finds the end-of-central-directory record: in the last 64 KiB + 22 bytes of the file. */
function findEnd(view: DataView): number {
  const last = view.byteLength - 22;
  const first = Math.max(0, last - 0xffff);
  for (let at = last; at >= first; at--) {
    if (view.getUint32(at, true) === EOCD) return at;
  }
  return -1;
}

/** A 64-bit little-endian integer, as a number when exact (zip sizes never need more). */
function uint64(view: DataView, at: number): number {
  const value = view.getBigUint64(at, true);
  return value > BigInt(Number.MAX_SAFE_INTEGER) ? Number.POSITIVE_INFINITY : Number(value);
}

/** Reads the central directory's entries, refusing more than `maxEntries`. */
export function readZipDirectory(
  bytes: Uint8Array,
  maxEntries: number,
): { ok: true; entries: ZipEntry[] } | ZipFailure {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 22) return corrupt("quá ngắn", "too short");
  const end = findEnd(view);
  if (end < 0) return corrupt("không có mục lục cuối tệp", "no end-of-central-directory record");
  let count = view.getUint16(end + 10, true);
  let size = view.getUint32(end + 12, true);
  let offset = view.getUint32(end + 16, true);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const locator = end - 20;
    if (locator < 0 || view.getUint32(locator, true) !== EOCD64_LOCATOR) {
      return corrupt("thiếu bản ghi zip64", "the zip64 record is missing");
    }
    const at = uint64(view, locator + 8);
    if (at + 56 > bytes.length || view.getUint32(at, true) !== EOCD64) {
      return corrupt("bản ghi zip64 sai", "the zip64 record is wrong");
    }
    count = uint64(view, at + 32);
    size = uint64(view, at + 40);
    offset = uint64(view, at + 48);
  }
  if (count > maxEntries) {
    return {
      ok: false,
      code: "too-large",
      problem: {
        vi: `tệp zip có ${count} mục, vượt giới hạn ${maxEntries}; hãy chỉ nén các tệp của lớp cần đọc`,
        en: `the zip holds ${count} entries, over the ${maxEntries} limit; zip only the files of the layer to read`,
      },
    };
  }
  if (offset + size > bytes.length) {
    return corrupt("mục lục nằm ngoài tệp", "the central directory lies outside the file");
  }
  const entries: ZipEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i++) {
    if (at + 46 > offset + size || view.getUint32(at, true) !== CENTRAL) {
      return corrupt(`mục ${i + 1} của mục lục sai`, `central directory entry ${i + 1} is wrong`);
    }
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const next = at + 46 + nameLength + extraLength + commentLength;
    if (next > offset + size) {
      return corrupt(
        `mục ${i + 1} của mục lục bị cắt`,
        `central directory entry ${i + 1} is cut short`,
      );
    }
    const entry: ZipEntry = {
      name: entryName(bytes.subarray(at + 46, at + 46 + nameLength)),
      flags: view.getUint16(at + 8, true),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      localOffset: view.getUint32(at + 42, true),
    };
    readZip64Extra(view, at + 46 + nameLength, extraLength, entry);
    entries.push(entry);
    at = next;
  }
  return { ok: true, entries };
}

/** Sizes and offset saturated at 0xFFFFFFFF are in the entry's zip64 extra field, in this order. */
function readZip64Extra(view: DataView, start: number, length: number, entry: ZipEntry): void {
  let at = start;
  while (at + 4 <= start + length) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    const end = Math.min(at + 4 + size, start + length);
    if (id === 0x0001) {
      let field = at + 4;
      for (const key of ["size", "compressedSize", "localOffset"] as const) {
        if (entry[key] !== 0xffffffff) continue;
        if (field + 8 > end) break;
        entry[key] = uint64(view, field);
        field += 8;
      }
    }
    at = at + 4 + size;
  }
}

/**
 * Entries that are part of the archive's content: not folders, not macOS resource forks
 * (`__MACOSX/`, `._name`) or other hidden files.
 */
export function contentEntries(entries: readonly ZipEntry[]): ZipEntry[] {
  return entries.filter((entry) => {
    if (entry.name.endsWith("/")) return false;
    const parts = entry.name.split("/");
    if (parts.includes("__MACOSX")) return false;
    const last = parts[parts.length - 1] ?? "";
    return !last.startsWith(".");
  });
}
