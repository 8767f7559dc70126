import { closeSync, openSync, renameSync, writeSync } from "node:fs";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import { type CrsChoice, parseCrsChoice, reproject } from "../core/crs/index";
import { crsStep } from "../core/proposal/crs-step";
import { isPlainWgs84 } from "../core/proposal/layer-from-read";
import { formatIssue, type ValidationIssue } from "../core/validate/validation-issue";
import { FgbFormatError } from "../io/fgb-error";
import { FgbPlanner } from "../io/fgb-writer";
import type { ReadResult } from "../io/format-types";
import { extensionOf } from "../io/source-files";
import { type RecordLayer, readRecord } from "../io/stream/record-layer";
import {
  bilingual,
  CheckInputError,
  errorLine,
  inputError,
  problemsError,
  shownPath,
} from "./check-error";
import { fileByteSource } from "./file-byte-source";
import { openInputFile } from "./read-input-file";
import { readSourceFiles } from "./read-layer";
import { sourcePaths } from "./source-paths";
import { recordsOf } from "./streamed-records";
import {
  deliverPendingSignals,
  removeTemporary,
  temporaryPathFor,
  trackTemporary,
  untrackTemporary,
} from "./temporary-files";

export const CONVERT_USAGE = [
  "Cách dùng / Usage: npm run convert -- VÀO [VÀO…] RA.fgb [--crs EPSG:…] [--source-layer TÊN]",
  "  Ghi một lớp bất kỳ định dạng đọc được (GeoJSON, GeoJSON theo dòng, FlatGeobuf, Shapefile, KML, KMZ, GeoPackage;",
  "  VN-2000 hoặc WGS84) ra FlatGeobuf WGS84 có chỉ mục không gian, đọc dần tệp FlatGeobuf và GeoJSON theo dòng /",
  "  Writes a layer in any readable format (GeoJSON, newline-delimited GeoJSON, FlatGeobuf, Shapefile, KML, KMZ,",
  "  GeoPackage; VN-2000 or WGS84) as WGS84 FlatGeobuf with its spatial index, streaming FlatGeobuf and",
  "  newline-delimited GeoJSON inputs.",
  "  --crs           hệ tọa độ của tệp vào thay cho hệ tự nhận ra / the input's CRS instead of the one detected",
  "  --source-layer  lớp đọc từ tệp có nhiều lớp / the layer read from a file holding several",
].join("\n");

/** Features sampled (the first ones) to decide a streamed input's CRS. */
const CRS_SAMPLE = 4096;

/** Bytes of feature data gathered before one write. */
const WRITE_BYTES = 1 << 22;

/** The input as features read on demand, in the file's CRS. */
type Input = {
  file: string;
  count: number;
  /** Feature `index` as read; throws CheckInputError naming it when it cannot be read. */
  feature(index: number): Feature;
  /** What the CRS is decided from: the file's evidence and the first features. */
  sample: ReadResult;
  close(): Promise<void>;
};

const usageError = (vi: string, en: string) =>
  new CheckInputError([errorLine("npm run convert", { vi, en }), CONVERT_USAGE]);

function problemLines(problems: readonly ValidationIssue[]): string[] {
  return problems.filter((p) => p.severity === "error").map(formatIssue);
}

/** A streamed input (FlatGeobuf, newline-delimited GeoJSON): one record at a time. */
function streamedInput(layer: RecordLayer, close: () => Promise<void>): Input {
  const feature = (index: number): Feature => {
    const { feature, problems } = readRecord(layer, index);
    const lines = problemLines(problems);
    if (!feature || lines.length > 0) throw problemsError(lines);
    return feature;
  };
  const features: Feature[] = [];
  for (let i = 0; i < Math.min(layer.count, CRS_SAMPLE); i++) features.push(feature(i));
  return {
    file: layer.file,
    count: layer.count,
    feature,
    sample: {
      format: layer.format,
      file: layer.file,
      crs: layer.crs,
      collection: { type: "FeatureCollection", features },
      problems: [],
    },
    close,
  };
}

/** The input: streamed when it can be, else read whole through the registry. */
async function openInput(paths: string[], sourceLayer: string | null): Promise<Input> {
  const first = paths[0] as string;
  if (paths.length === 1) {
    const opened = await openInputFile(first, {
      limit: { bytes: Number.MAX_SAFE_INTEGER, advice: { vi: "", en: "" } },
    });
    const close = () => opened.handle.close();
    try {
      const layer = recordsOf(shownPath(first), fileByteSource(opened.handle));
      if (layer) return streamedInput(layer, close);
    } catch (error) {
      await close();
      if (error instanceof FgbFormatError) throw inputError(shownPath(first), error.problem);
      throw error;
    }
    await close();
  }
  const parts = paths.length === 1 ? sourcePaths(first) : paths;
  const result = await readSourceFiles(parts, undefined, sourceLayer ?? undefined);
  const lines = problemLines(result.problems);
  if (lines.length > 0) throw problemsError(lines);
  const features = result.collection.features;
  return {
    file: result.file,
    count: features.length,
    feature: (index) => features[index] as Feature,
    sample: result,
    close: async () => {},
  };
}

/** Feature `index` in WGS84, with a geometry (a FlatGeobuf feature needs one). */
function wgs84Feature(input: Input, index: number, choice: CrsChoice): Feature {
  const feature = input.feature(index);
  if (!feature.geometry) {
    throw inputError(input.file, {
      vi: `đối tượng ${index + 1} không có hình học; FlatGeobuf cần hình học cho mọi đối tượng — hãy bỏ đối tượng này`,
      en: `feature ${index + 1} has no geometry; FlatGeobuf needs one for every feature — remove this feature`,
    });
  }
  if (isPlainWgs84(choice)) return feature;
  const collection: FeatureCollection = { type: "FeatureCollection", features: [feature] };
  return reproject(collection, choice).features[0] as Feature;
}

/**
 * Writes the FlatGeobuf: the header and a placeholder for the index, then the features in Hilbert
 * order as they are read again and encoded (a few MiB at a time), then the index over the place
 * it was kept. Into a temporary file beside the target, renamed at the end: whole or not at all.
 */
async function writeFgb(input: Input, choice: CrsChoice, out: string): Promise<number> {
  const planner = new FgbPlanner();
  for (let i = 0; i < input.count; i++) planner.add(wgs84Feature(input, i, choice));
  const plan = planner.finish({ name: basename(out).replace(/\.fgb$/i, "") });
  const temporary = temporaryPathFor(out);
  trackTemporary(temporary);
  const fd = openSync(temporary, "w");
  try {
    writeSync(fd, plan.head);
    writeSync(fd, new Uint8Array(plan.treeBytes));
    const offsets: number[] = [];
    let written = 0;
    let pending: Uint8Array[] = [];
    let pendingBytes = 0;
    const flush = () => {
      for (const bytes of pending) writeSync(fd, bytes);
      pending = [];
      pendingBytes = 0;
    };
    for (const index of plan.order) {
      const bytes = plan.encode(wgs84Feature(input, index, choice) as Feature<Geometry>);
      offsets.push(written);
      written += bytes.length;
      pending.push(bytes);
      pendingBytes += bytes.length;
      if (pendingBytes >= WRITE_BYTES) flush();
    }
    flush();
    writeSync(fd, plan.tree(offsets), 0, plan.treeBytes, plan.head.length);
    closeSync(fd);
    await deliverPendingSignals();
    renameSync(temporary, out);
  } catch (error) {
    try {
      closeSync(fd);
    } catch {
      // already closed
    }
    removeTemporary(temporary);
    throw error;
  }
  untrackTemporary(temporary);
  return input.count;
}

/**
 * `npm run convert -- IN… OUT.fgb`: any layer the registry reads, in its CRS, to WGS84 FlatGeobuf
 * with the packed Hilbert R-tree the check's streaming reads in order. FlatGeobuf and
 * newline-delimited GeoJSON inputs are streamed (two passes, one feature at a time), so a file of
 * any size converts in bounded memory.
 *
 * @throws CheckInputError (exit 2) for a bad option or input
 */
export async function runConvertCommand(argv: readonly string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    throw usageError(`tùy chọn sai (${detail})`, `bad option (${detail})`);
  }
  const { values, positionals } = parsed;
  if (values.help) {
    console.log(CONVERT_USAGE);
    return 0;
  }
  const out = positionals.at(-1);
  const inputs = positionals.slice(0, -1);
  if (!out || inputs.length === 0) {
    throw usageError("cần tệp vào và tệp ra .fgb", "an input file and an output .fgb are needed");
  }
  if (extensionOf(out) !== "fgb") {
    throw usageError(`tệp ra phải có đuôi .fgb: ${out}`, `the output must end in .fgb: ${out}`);
  }
  let override: CrsChoice | undefined;
  if (values.crs !== undefined) {
    const crs = parseCrsChoice(values.crs);
    if (!crs.ok) throw usageError(`--crs: ${crs.error.vi}`, `--crs: ${crs.error.en}`);
    override = crs.choice;
  }
  const t0 = performance.now();
  const input = await openInput(inputs, values["source-layer"] ?? null);
  try {
    const step = crsStep(input.sample, override);
    if (!step.ok) throw problemsError([formatIssue(step.issue)]);
    console.error(
      `Ghi chú / Note: ${input.file}: ${bilingual({ vi: `hệ tọa độ: ${step.reason.vi}`, en: `coordinate system: ${step.reason.en}` })}`,
    );
    const count = await writeFgb(input, step.choice, out);
    const seconds = ((performance.now() - t0) / 1000).toFixed(1);
    console.error(
      bilingual({
        vi: `Đã ghi ${count} đối tượng vào ${out} (${seconds} s)`,
        en: `Wrote ${count} features to ${out} (${seconds} s)`,
      }),
    );
    return 0;
  } finally {
    await input.close();
  }
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: true,
    options: {
      crs: { type: "string" },
      "source-layer": { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
}
