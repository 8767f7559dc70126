import { showText } from "../core/text/show-value";
import { tooLargeText } from "../core/validate/size-limit";
import { type Bilingual, issueIn } from "../core/validate/validation-issue";
import type { FormatId, FormatModule, ReadOptions, ReadResult } from "./format-types";
import { NDJSON_EXTENSIONS } from "./geojson/extensions";
import { SPLIT_ADVICE, unreadable } from "./read-problems";
import { SHAPEFILE_PARTS } from "./shapefile/parts";
import {
  looksLikeFlatGeobuf,
  looksLikeJson,
  looksLikeShp,
  looksLikeSqlite,
  looksLikeXml,
} from "./sniff";
import { baseName, extensionOf, type SourceFile, stemOf } from "./source-files";
import { contentEntries, isZip, readZipDirectory } from "./zip/zip-directory";

/** One format: how to recognise it, and its reader, loaded only when a file of it arrives. */
export type FormatEntry = {
  id: FormatId;
  label: Bilingual;
  /** Extensions, lower case, without the dot. */
  extensions: readonly string[];
  /** Sniffs magic bytes / first characters, so a misnamed file is still recognised. */
  sniff(first: Uint8Array, name: string): boolean;
  load(): Promise<FormatModule>;
};

/** Index and metadata files GIS programs leave beside a Shapefile: kept with it, never read. */
const SHAPEFILE_SIDECARS = ["sbn", "sbx", "qix", "qmd", "fix", "aih", "ain", "atx", "xml"];

export const FORMATS: readonly FormatEntry[] = [
  {
    id: "geojson",
    label: { vi: "GeoJSON", en: "GeoJSON" },
    extensions: ["geojson", "json", ...NDJSON_EXTENSIONS],
    sniff: looksLikeJson,
    load: () => import("./formats/geojson").then((m) => m.geojsonFormat),
  },
  {
    id: "fgb",
    label: { vi: "FlatGeobuf", en: "FlatGeobuf" },
    extensions: ["fgb"],
    sniff: looksLikeFlatGeobuf,
    load: () => import("./formats/fgb").then((m) => m.fgbFormat),
  },
  {
    id: "shapefile",
    label: { vi: "Shapefile", en: "Shapefile" },
    extensions: ["zip", ...SHAPEFILE_PARTS],
    sniff: looksLikeShp,
    load: () => import("./formats/shapefile").then((m) => m.shapefileFormat),
  },
  {
    id: "kml",
    label: { vi: "KML", en: "KML" },
    extensions: ["kml"],
    sniff: looksLikeXml,
    load: () => import("./formats/kml").then((m) => m.kmlFormat),
  },
  {
    id: "kmz",
    label: { vi: "KMZ", en: "KMZ" },
    extensions: ["kmz"],
    // a zip: told from a zipped Shapefile by its entries (see zipFormat)
    sniff: () => false,
    load: () => import("./formats/kmz").then((m) => m.kmzFormat),
  },
  {
    id: "gpkg",
    label: { vi: "GeoPackage", en: "GeoPackage" },
    extensions: ["gpkg"],
    sniff: looksLikeSqlite,
    load: () => import("./formats/gpkg").then((m) => m.gpkgFormat),
  },
];

const entryOf = (id: FormatId) => FORMATS.find((f) => f.id === id) as FormatEntry;

/** Every extension the registry reads, for a file picker's `accept` and the catalogue schema. */
export const SUPPORTED_EXTENSIONS: readonly string[] = FORMATS.flatMap((f) => f.extensions);

/** The format a file's name says (its extension), or null. */
export function formatOfName(name: string): FormatId | null {
  const ext = extensionOf(name);
  return FORMATS.find((f) => f.extensions.includes(ext))?.id ?? null;
}

/**
 * Starts loading the reader of the format a file's name says, so that it comes while the file's
 * bytes do: each reader is a chunk of its own, and fetched only once the bytes were in, it made
 * every first file of its format wait a round trip more. The read still picks its reader by the
 * bytes; a load that fails here is left for that read to report.
 */
export function preloadReaderFor(name: string): void {
  const id = formatOfName(name);
  if (id !== null)
    void entryOf(id)
      .load()
      .catch(() => {});
}

/** The stem a Shapefile part or sidecar shares with its .shp ("a" of "a.shp.xml" too), or null. */
function shapefileStem(name: string): string | null {
  const ext = extensionOf(name);
  if (ext === "xml" && /\.shp\.xml$/i.test(name)) return stemOf(stemOf(name)).toLowerCase();
  if (
    (SHAPEFILE_PARTS as readonly string[]).includes(ext) ||
    (SHAPEFILE_SIDECARS.includes(ext) && ext !== "xml")
  ) {
    return stemOf(name).toLowerCase();
  }
  return null;
}

/**
 * Groups dropped files into inputs: a .shp with its .shx/.dbf/.prj/.cpg siblings (and the index
 * files GIS programs leave beside it) is one; every other file is one on its own. A group of
 * Shapefile parts with neither .shp nor .dbf, or a file of an unknown extension, has format null.
 */
export function groupFiles(
  names: readonly string[],
): { format: FormatId | null; names: string[] }[] {
  const groups: { format: FormatId | null; names: string[] }[] = [];
  const shapefiles = new Map<string, string[]>();
  for (const name of names) {
    const stem = shapefileStem(name);
    if (stem === null) {
      groups.push({ format: formatOfName(name), names: [name] });
      continue;
    }
    const group = shapefiles.get(stem) ?? [];
    if (group.length === 0) {
      shapefiles.set(stem, group);
      groups.push({ format: null, names: group });
    }
    group.push(name);
  }
  for (const group of groups) {
    if (group.format !== null || group.names.length === 0) continue;
    const exts = group.names.map(extensionOf);
    if (
      shapefileStem(group.names[0] as string) !== null &&
      (exts.includes("shp") || exts.includes("dbf"))
    ) {
      group.format = "shapefile";
    }
  }
  return groups;
}

/** What a zip holds: a Shapefile (a .shp entry) or a KMZ (a .kml entry), or null. */
function zipFormat(bytes: Uint8Array, maxEntries: number): FormatId | null {
  const directory = readZipDirectory(bytes, maxEntries);
  if (!directory.ok) return null;
  const exts = contentEntries(directory.entries).map((entry) => extensionOf(entry.name));
  if (exts.includes("shp")) return "shapefile";
  if (exts.includes("kml")) return "kmz";
  return null;
}

/** The format of one file: what its bytes say, else what its name says. */
function detect(
  file: SourceFile,
  options: ReadOptions,
): { format: FormatId | null; sniffed: boolean } {
  const byName = formatOfName(file.name);
  if (isZip(file.bytes)) {
    // a zip that is not readable or holds neither is left to the reader its name points to
    const inside = zipFormat(file.bytes, options.limits.maxZipEntries);
    if (inside) return { format: inside, sniffed: byName !== null && byName !== inside };
    return {
      format: byName === "kmz" ? "kmz" : "shapefile",
      sniffed: byName !== "kmz" && byName !== "shapefile",
    };
  }
  const first = file.bytes.subarray(0, 1024);
  const named = byName ? entryOf(byName) : null;
  if (named?.sniff(first, file.name)) return { format: byName, sniffed: false };
  const sniffed = FORMATS.find((f) => f.sniff(first, file.name));
  if (sniffed) return { format: sniffed.id, sniffed: byName !== null && byName !== sniffed.id };
  return { format: byName, sniffed: false };
}

const LIST = FORMATS.map((f) => f.label.en).join(", ");

/** Runs a format's reader so that nothing but an abort escapes: any throw is a file problem. */
async function runReader(
  format: FormatId,
  files: SourceFile[],
  options: ReadOptions,
  label: string,
): Promise<ReadResult> {
  try {
    const module = await entryOf(format).load();
    return await module.read(files, options);
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason ?? error;
    const overflow = error instanceof RangeError && /call stack/i.test(error.message);
    const detail = showText(error instanceof Error ? error.message : String(error));
    const name = entryOf(format).label;
    return unreadable(
      format,
      label,
      "unreadable-file",
      overflow
        ? {
            vi: `không đọc được dạng ${name.vi}: cấu trúc lồng nhau quá sâu`,
            en: `cannot be read as ${name.en}: its structure is nested too deep`,
          }
        : {
            vi: `không đọc được dạng ${name.vi} (${detail}); tệp có thể bị hỏng`,
            en: `cannot be read as ${name.en} (${detail}); the file may be damaged`,
          },
    );
  }
}

/**
 * Reads one input — one file, or a Shapefile's parts together — in whatever supported format it
 * is: recognised by its content first (so a misnamed file is still read, with a warning), else by
 * its name. Coordinates are returned as in the file, with the CRS evidence. Never rejects on bad
 * input (junk, a zip bomb, a cut-short file, too large or too deep): that ends in a file-level
 * problem and an empty collection. It rejects only when `options.signal` is aborted, with the
 * signal's reason.
 */
export async function readSource(files: SourceFile[], options: ReadOptions): Promise<ReadResult> {
  options.signal?.throwIfAborted();
  const groups = groupFiles(files.map((f) => f.name));
  const label = files.map((f) => f.name).join(", ");
  if (files.length === 0 || groups.length !== 1) {
    const shown = groups
      .map((g) => g.names.map((n) => showText(baseName(n))).join(" + "))
      .join("; ");
    return unreadable("geojson", label, "unknown-format", {
      vi:
        files.length === 0
          ? "không có tệp nào"
          : `đây là ${groups.length} lớp riêng (${shown}); hãy mở từng lớp một`,
      en:
        files.length === 0
          ? "no file given"
          : `these are ${groups.length} separate layers (${shown}); open them one at a time`,
    });
  }
  const size = files.reduce((sum, f) => sum + f.bytes.length, 0);
  if (size > options.limits.maxBytes) {
    const text = tooLargeText(size, { bytes: options.limits.maxBytes, advice: SPLIT_ADVICE });
    return unreadable(formatOfName(files[0]?.name ?? "") ?? "geojson", label, "too-large", text);
  }
  const group = groups[0] as { format: FormatId | null; names: string[] };
  if (files.length > 1) {
    if (group.format === null) {
      return unreadable("shapefile", label, "missing-part", {
        vi: "thiếu tệp .shp và .dbf của Shapefile; hãy chọn cả bộ .shp, .shx, .dbf, .prj cùng lúc",
        en: "the Shapefile's .shp and .dbf are missing; choose the whole set .shp, .shx, .dbf, .prj together",
      });
    }
    const shp =
      files.find((f) => extensionOf(f.name) === "shp") ??
      files.find((f) => extensionOf(f.name) === "dbf");
    return runReader("shapefile", files, options, shp?.name ?? label);
  }
  const file = files[0] as SourceFile;
  const { format, sniffed } = detect(file, options);
  if (format === null) {
    return unreadable("geojson", file.name, "unknown-format", {
      vi: `không nhận ra định dạng tệp (đuôi ${showText(extensionOf(file.name) || "không có")}); các định dạng đọc được: ${LIST}`,
      en: `the file's format is not recognised (extension ${showText(extensionOf(file.name) || "none")}); readable formats: ${LIST}`,
    });
  }
  if (format === "shapefile" && !isZip(file.bytes) && extensionOf(file.name) !== "shp") {
    // a lone .dbf (or .shx…) has no geometry: the Shapefile reader says what is missing
    if (extensionOf(file.name) !== "dbf" && !looksLikeShp(file.bytes)) {
      return unreadable("shapefile", file.name, "missing-part", {
        vi: "đây chỉ là một phần của Shapefile; hãy chọn cả bộ .shp, .shx, .dbf, .prj cùng lúc, hoặc một tệp .zip chứa chúng",
        en: "this is only one part of a Shapefile; choose the whole set .shp, .shx, .dbf, .prj together, or a .zip holding them",
      });
    }
  }
  const result = await runReader(format, [file], options, file.name);
  if (!sniffed) return result;
  const read = entryOf(format).label;
  const note = issueIn(
    file.name,
    null,
    "unknown-format",
    {
      vi: `tên tệp có đuôi ${showText(extensionOf(file.name) || "không có")} nhưng nội dung là ${read.vi}; đã đọc dạng ${read.vi}`,
      en: `the file is named with extension ${showText(extensionOf(file.name) || "none")} but holds ${read.en}; it was read as ${read.en}`,
    },
    "warning",
  );
  return { ...result, problems: [note, ...result.problems] };
}
