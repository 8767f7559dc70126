import type { Feature } from "geojson";
import { showText } from "../../core/text/show-value";
import { describeFeature, issueIn } from "../../core/validate/validation-issue";
import { FeatureSink } from "../feature-sink";
import type { FormatModule, ReadOptions, ReadResult } from "../format-types";
import { otherLayersNotRead, unknownLayer, withLayers, ZIP_CONTAINER } from "../layer-choice";
import { ReadProgress } from "../progress";
import { failedRead, tooManyFeatures, unreadable } from "../read-problems";
import {
  type DbfTable,
  dbfRecord,
  encodingSamples,
  fieldNames,
  isDeleted,
  readDbfHeader,
} from "../shapefile/dbf";
import { chooseDbfDecoding } from "../shapefile/dbf-encoding";
import { SHAPEFILE_PARTS } from "../shapefile/parts";
import { FIRST_RECORD, readShpHeader, readShpRecord } from "../shapefile/shp";
import { baseName, extensionOf, type SourceFile, stemOf } from "../source-files";
import { readZipEntry, ZipBudget } from "../zip/read-zip";
import { contentEntries, isZip, readZipDirectory, type ZipEntry } from "../zip/zip-directory";

/** The parts of one Shapefile, wherever they came from, and the names to show. */
type Parts = {
  /** The layer as the user knows it: "a.shp", or "x.zip › a.shp". */
  label: string;
  /** The layer's name among the others of its zip: "a.shp" (its path inside the zip). */
  layerName: string;
  shp: Uint8Array | null;
  dbf: Uint8Array | null;
  prj: string | null;
  cpg: string | null;
  /** Names of the parts present, e.g. "a.dbf", for messages about one of them. */
  dbfName: string;
};

const text = new TextDecoder("utf-8");

/** Text values found before the encoding is chosen: enough to judge it. */
const MAX_SAMPLES = 2000;

/** Parts given as files side by side (one stem; the registry grouped them). */
function partsOfFiles(files: readonly SourceFile[]): Parts {
  const byExtension = new Map(files.map((f) => [extensionOf(f.name), f]));
  const main = byExtension.get("shp") ?? byExtension.get("dbf") ?? (files[0] as SourceFile);
  const stem = stemOf(main.name);
  const bytesOf = (ext: string) => byExtension.get(ext)?.bytes ?? null;
  const textOf = (ext: string) => {
    const bytes = bytesOf(ext);
    return bytes ? text.decode(bytes) : null;
  };
  return {
    label: main.name,
    layerName: main.name,
    shp: bytesOf("shp"),
    dbf: bytesOf("dbf"),
    prj: textOf("prj"),
    cpg: textOf("cpg"),
    dbfName: byExtension.get("dbf")?.name ?? `${stem}.dbf`,
  };
}

/** The Shapefiles in a zip: entries grouped by path without extension, those with a .shp first. */
function layersInZip(entries: readonly ZipEntry[]): Map<string, Map<string, ZipEntry>> {
  const layers = new Map<string, Map<string, ZipEntry>>();
  for (const entry of contentEntries(entries)) {
    const ext = extensionOf(entry.name);
    if (!(SHAPEFILE_PARTS as readonly string[]).includes(ext)) continue;
    const key = stemOf(entry.name).toLowerCase();
    const parts = layers.get(key) ?? new Map<string, ZipEntry>();
    parts.set(ext, entry);
    layers.set(key, parts);
  }
  for (const [key, parts] of layers) if (!parts.has("shp")) layers.delete(key);
  return layers;
}

/** The layer `wanted` names (its name with or without ".shp", or its path), or null. */
function pick(
  layers: Map<string, Map<string, ZipEntry>>,
  wanted: string,
): Map<string, ZipEntry> | null {
  const w = wanted.toLowerCase().replace(/\.shp$/, "");
  for (const [key, parts] of layers) {
    if (key === w || baseName(key) === w) return parts;
  }
  return null;
}

/** The parts of the chosen Shapefile of a zip, inflated under the limits. */
function partsOfZip(
  zip: SourceFile,
  options: ReadOptions,
):
  | { ok: true; parts: Parts; others: string[]; layers: string[] }
  | { ok: false; result: ReadResult } {
  const fail = (result: ReadResult) => ({ ok: false as const, result });
  const { limits } = options;
  const directory = readZipDirectory(zip.bytes, limits.maxZipEntries);
  if (!directory.ok)
    return fail(unreadable("shapefile", zip.name, directory.code, directory.problem));
  const layers = layersInZip(directory.entries);
  const names = [...layers.values()].map((parts) => (parts.get("shp") as ZipEntry).name);
  if (layers.size === 0) {
    // a zip inside the zip is not opened (each level would multiply what a zip bomb unpacks)
    const inner = contentEntries(directory.entries).find((e) =>
      ["zip", "kmz"].includes(extensionOf(e.name)),
    );
    const nested = inner
      ? {
          vi: `; tệp zip chứa một tệp nén khác (${showText(inner.name)}), tệp đó không được mở: hãy giải nén rồi chọn nó`,
          en: `; the zip holds another archive (${showText(inner.name)}), which is not opened: unzip it and choose that`,
        }
      : { vi: "", en: "" };
    return fail(
      unreadable("shapefile", zip.name, "missing-part", {
        vi: `tệp zip không chứa tệp .shp nào${nested.vi}; hãy nén cả bộ .shp, .shx, .dbf, .prj (và .cpg) của lớp`,
        en: `the zip holds no .shp file${nested.en}; zip the layer's whole set: .shp, .shx, .dbf, .prj (and .cpg)`,
      }),
    );
  }
  let chosen = layers.values().next().value as Map<string, ZipEntry>;
  if (options.layer !== undefined) {
    const found = pick(layers, options.layer);
    if (!found) {
      // suggested as typed: the name without its folder and ".shp"
      const typed = names.map((name) => stemOf(baseName(name)));
      const message = unknownLayer(ZIP_CONTAINER, options.layer, names, options.pickLayer, typed);
      return fail(withLayers(unreadable("shapefile", zip.name, "several-layers", message), names));
    }
    chosen = found;
  }
  const shpName = (chosen.get("shp") as ZipEntry).name;
  const label = `${zip.name} › ${shpName}`;
  const budget = new ZipBudget(limits.maxUnzippedBytes);
  const read = (ext: string): Uint8Array | null | ReadResult => {
    const entry = chosen.get(ext);
    if (!entry) return null;
    const got = readZipEntry(zip.bytes, entry, budget, limits.maxUnzippedBytes);
    return got.ok ? got.bytes : unreadable("shapefile", label, got.code, got.problem);
  };
  const parts: Partial<Record<string, Uint8Array | null>> = {};
  for (const ext of ["shp", "dbf", "prj", "cpg"]) {
    const got = read(ext);
    if (got !== null && !(got instanceof Uint8Array)) return fail(got);
    parts[ext] = got;
  }
  const asText = (bytes: Uint8Array | null | undefined) => (bytes ? text.decode(bytes) : null);
  return {
    ok: true,
    parts: {
      label,
      layerName: shpName,
      shp: parts.shp ?? null,
      dbf: parts.dbf ?? null,
      prj: asText(parts.prj),
      cpg: asText(parts.cpg),
      dbfName: `${zip.name} › ${chosen.get("dbf")?.name ?? `${stemOf(shpName)}.dbf`}`,
    },
    // a layer the user chose: the others are no news
    others: options.layer === undefined ? names.filter((name) => name !== shpName) : [],
    layers: names,
  };
}

/** Reads the geometry and attributes of one Shapefile's parts. */
async function readParts(
  parts: Parts,
  options: ReadOptions,
  others: string[],
): Promise<ReadResult> {
  const { label } = parts;
  const crs = parts.prj?.trim()
    ? { kind: "prj" as const, wkt: parts.prj.trim() }
    : { kind: "none" as const };
  if (!parts.shp) {
    return unreadable("shapefile", label, "missing-part", {
      vi: "thiếu tệp .shp (chứa hình); hãy chọn cả bộ .shp, .shx, .dbf, .prj cùng lúc",
      en: "the .shp file (the geometry) is missing; choose the whole set .shp, .shx, .dbf, .prj together",
    });
  }
  const header = readShpHeader(parts.shp);
  if (!header.ok) return unreadable("shapefile", label, "unreadable-file", header.problem);
  const sink = new FeatureSink(label);
  if (others.length > 0) {
    const message = otherLayersNotRead(ZIP_CONTAINER, parts.layerName, others, options.pickLayer);
    sink.problem("several-layers", message, "warning");
  }
  let table: DbfTable | null = null;
  let names: string[] = [];
  let decode = (bytes: Uint8Array) => text.decode(bytes);
  let encoding: ReadResult["encoding"];
  if (!parts.dbf) {
    sink.problem(
      "missing-part",
      {
        vi: "thiếu tệp .dbf: các đối tượng không có thuộc tính (không có mã sử dụng đất); hãy chọn cả tệp .dbf",
        en: "the .dbf file is missing: the features have no attributes (no land-use code); choose the .dbf too",
      },
      "warning",
    );
  } else {
    const dbf = readDbfHeader(parts.dbf);
    if (!dbf.ok) {
      return failedRead(
        "shapefile",
        label,
        [issueIn(parts.dbfName, null, "unreadable-file", dbf.problem)],
        crs,
      );
    }
    table = dbf.table;
    const decoding = chooseDbfDecoding(parts.cpg, encodingSamples(table, MAX_SAMPLES));
    decode = decoding.decode;
    encoding = { name: decoding.name, reason: decoding.reason };
    if (decoding.cpgProblem) sink.problem("guessed-encoding", decoding.cpgProblem, "warning");
    if (decoding.guessed) {
      const sample = decoding.sample ? showText(decoding.sample) : "";
      sink.problem(
        "guessed-encoding",
        {
          vi: `văn bản thuộc tính được đọc theo bảng mã ${decoding.name} (đoán: ${decoding.reason.vi}), ví dụ "${sample}"; nếu chữ sai, hãy lưu lại lớp với bảng mã UTF-8`,
          en: `attribute text was read as ${decoding.name} (a guess: ${decoding.reason.en}), e.g. "${sample}"; if the text looks wrong, save the layer again as UTF-8`,
        },
        "warning",
      );
    }
    const fields = fieldNames(table, decode);
    names = fields.names;
    if (fields.renamed.length > 0) {
      sink.problem(
        "missing-part",
        {
          vi: `tên trường trùng nhau được đổi: ${fields.renamed.map(showText).join(", ")}`,
          en: `repeated field names were renamed: ${fields.renamed.map(showText).join(", ")}`,
        },
        "warning",
      );
    }
    if (table.count < table.declaredCount) {
      sink.problem(
        "unreadable-file",
        {
          vi: `tệp .dbf khai báo ${table.declaredCount} bản ghi nhưng chỉ có ${table.count}: tệp bị cắt cụt; các đối tượng sau đó không có thuộc tính`,
          en: `the .dbf declares ${table.declaredCount} records but holds ${table.count}: it is cut short; the features after them have no attributes`,
        },
        "warning",
      );
    }
  }

  const shp = header.shp;
  const progress = new ReadProgress(options, shp.bytes.length);
  let deleted = 0;
  let count = 0;
  for (let at = FIRST_RECORD; at < shp.bytes.length; ) {
    if (progress.due()) await progress.step(at);
    const index = count++;
    if (index >= options.limits.maxFeatures) {
      return tooManyFeatures("shapefile", label, null, options.limits.maxFeatures);
    }
    const record = readShpRecord(shp, at);
    const row = table !== null && index < table.count ? table : null;
    if (row && isDeleted(row, index)) {
      deleted++;
      sink.skip();
    } else {
      const properties = row ? dbfRecord(row, index, names, decode) : {};
      if (record.ok) {
        sink.add({ type: "Feature", properties, geometry: record.geometry } as Feature, index);
      } else {
        sink.leaveOut(index, describeFeature({ properties }), "unreadable-feature", record.problem);
      }
    }
    if (record.next === null) break;
    at = record.next;
  }
  progress.finish();
  if (deleted > 0) {
    sink.problem(
      "unreadable-feature",
      {
        vi: `${deleted} bản ghi bị đánh dấu xóa trong tệp .dbf, đã bỏ qua`,
        en: `${deleted} records are marked deleted in the .dbf and were left out`,
      },
      "warning",
    );
  }
  if (table && table.count !== count && table.count === table.declaredCount) {
    sink.problem(
      "missing-part",
      {
        vi: `tệp .shp có ${count} hình nhưng tệp .dbf có ${table.count} bản ghi; thuộc tính được ghép theo thứ tự`,
        en: `the .shp holds ${count} shapes but the .dbf ${table.count} records; attributes are matched by position`,
      },
      "warning",
    );
  }
  return sink.finish({ format: "shapefile", crs, ...(encoding ? { encoding } : {}) }, count);
}

/**
 * Shapefile: a .zip holding one or more (the first read unless `options.layer` names one), or the
 * parts .shp/.shx/.dbf/.prj/.cpg given together. Geometry by shpjs (record by record, see
 * `shapefile/shp.ts`), attributes by the project's dBASE reader with the encoding from the .cpg,
 * else UTF-8, else Windows-1258 or TCVN3 by which reads as Vietnamese. The .prj is the evidence.
 */
export const shapefileFormat: FormatModule = {
  async read(files: SourceFile[], options: ReadOptions): Promise<ReadResult> {
    const zip = files.length === 1 && isZip((files[0] as SourceFile).bytes) ? files[0] : undefined;
    if (zip) {
      const got = partsOfZip(zip, options);
      if (!got.ok) return got.result;
      return withLayers(await readParts(got.parts, options, got.others), got.layers);
    }
    return readParts(partsOfFiles(files), options, []);
  },
};
