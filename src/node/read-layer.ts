import { getHeapStatistics } from "node:v8";
import type { FeatureCollection } from "geojson";
import type { CrsChoice } from "../core/crs/index";
import type { LandUseAttribute } from "../core/proposal/land-use-attribute";
import { isPlainWgs84, layerFromRead } from "../core/proposal/layer-from-read";
import { proposalFromRead } from "../core/proposal/proposal-from-read";
import { showValue } from "../core/text/show-value";
import { parseJsonBytes } from "../core/validate/json-text";
import type { GeometryKind } from "../core/validate/validate-layer";
import {
  type Bilingual,
  formatIssue,
  type ValidationIssue,
} from "../core/validate/validation-issue";
import { FGB_TOO_LARGE_ADVICE, fgbBytesForHeap } from "../io/fgb-limits";
import type { ReadResult } from "../io/format-types";
import { DEFAULT_READ_LIMITS, LAYER_LIMIT } from "../io/read-limits";
import { formatOfName, readSource } from "../io/registry";
import type { SourceFile } from "../io/source-files";
import { bilingual, cappedProblemLines, inputError, problemsError, shownPath } from "./check-error";
import { readInputFile, type SizeLimit } from "./read-input-file";
import { sourcePaths } from "./source-paths";
import { nodeSqlWasm } from "./sql-wasm";

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

/** How the command line picks one of a file's layers, said by the messages naming them. */
const PICK_LAYER: Bilingual = {
  vi: "chọn lớp bằng --source-layer TÊN",
  en: "pick one with --source-layer NAME",
};

/**
 * Parses a JSON file's bytes (strict UTF-8, then JSON); a problem becomes an input error naming
 * the file, with the line and column.
 */
export function parseJsonFile(bytes: Uint8Array, file: string): unknown {
  const parsed = parseJsonBytes(bytes, file);
  if (!parsed.ok) throw inputError(file, parsed.issue.message);
  return parsed.value;
}

/** A layer read, and what the user should know that does not stop it (one line each). */
export type ReadLayer = { collection: FeatureCollection; warnings: string[] };

/**
 * Reads the files of one layer (one file, or a Shapefile's parts) through the registry: each file
 * opened safely and refused by size before a byte is read ({@link readInputFile}), then the
 * format's reader, with the same limits as the app's (the registry's {@link DEFAULT_READ_LIMITS}).
 */
export async function readSourceFiles(
  paths: readonly string[],
  hint?: string,
  layer?: string,
): Promise<ReadResult> {
  const first = paths[0] as string;
  const limit = formatOfName(first) === "fgb" ? fgbLimit() : LAYER_LIMIT;
  const files: SourceFile[] = [];
  for (const [i, part] of paths.entries()) {
    const { bytes } = await readInputFile(part, { limit, ...(i === 0 && hint ? { hint } : {}) });
    files.push({ name: shownPath(part), bytes });
  }
  return readSourceBytes(files, { maxBytes: limit.bytes, pickLayer: PICK_LAYER, layer });
}

/**
 * Reads files already in memory (a file uploaded to the review server) through the registry, in
 * Node: the registry's limits ({@link DEFAULT_READ_LIMITS}, `maxBytes` lowered when given), sql.js
 * from node_modules for a GeoPackage. Never rejects on bad input: see `readSource`.
 */
export function readSourceBytes(
  files: SourceFile[],
  options: { maxBytes?: number; pickLayer?: Bilingual; layer?: string } = {},
): Promise<ReadResult> {
  return readSource(files, {
    limits: { ...DEFAULT_READ_LIMITS, maxBytes: options.maxBytes ?? DEFAULT_READ_LIMITS.maxBytes },
    sqlWasm: nodeSqlWasm,
    ...(options.pickLayer === undefined ? {} : { pickLayer: options.pickLayer }),
    ...(options.layer === undefined ? {} : { layer: options.layer }),
  });
}

/** The error lines of a file's issues. */
export const errorLines = (issues: readonly ValidationIssue[]) =>
  issues.filter((issue) => issue.severity === "error").map(formatIssue);

/** The warning lines of a file's issues, at most as many as a file's problems shown. */
export const warningLines = (issues: readonly ValidationIssue[]) =>
  cappedProblemLines(issues.filter((issue) => issue.severity === "warning").map(formatIssue));

/**
 * The lines of a file that cannot be used: its file-level warnings first, since they often say
 * why its features fail (a .dbf with fewer records than the .shp leaves the last features without
 * a land-use code), then its errors.
 */
export const refusedLines = (issues: readonly ValidationIssue[]) => [
  ...issues
    .filter((issue) => issue.severity === "warning" && issue.featureIndex === null)
    .map(formatIssue),
  ...errorLines(issues),
];

/** "Ghi chú / Note: file: …" — what the user should know about how a file was read. */
const noteLine = (file: string, text: Bilingual) => `Ghi chú / Note: ${file}: ${bilingual(text)}`;

/** The CRS line of a layer: said for a proposal always, for other layers when reprojected. */
export const crsLine = (file: string, reason: Bilingual) =>
  noteLine(file, { vi: `hệ tọa độ: ${reason.vi}`, en: `coordinate system: ${reason.en}` });

/**
 * Reads a layer file in any format the registry reads (a Shapefile part brings its set beside it)
 * as a FeatureCollection of `kind` geometries, through the layer path the app and the data step
 * take too ({@link layerFromRead}: CRS decided, coordinates to WGS84, `validateLayer`).
 *
 * @throws CheckInputError naming the file (and each bad feature) when it is missing or malformed
 */
export async function readLayerFile(
  path: string,
  kind: GeometryKind,
  hint?: string,
): Promise<ReadLayer> {
  const result = await readSourceFiles(sourcePaths(path), hint);
  const { collection, issues, crs } = layerFromRead(result, kind);
  if (!collection) throw problemsError(refusedLines(issues));
  const reprojected = crs && !isPlainWgs84(crs.choice) ? [crsLine(result.file, crs.reason)] : [];
  return { collection, warnings: [...reprojected, ...warningLines(issues)] };
}

/** How to read a proposal: what it replaces and the user's overrides. */
export type ProposalRead = {
  kind: GeometryKind;
  /** The attribute the rules read land-use codes from, on the layer replaced. */
  attribute: string;
  crs: CrsChoice | null;
  landUseAttribute: string | null;
  /** The layer read from a file holding several (`--source-layer`); null: the first. */
  sourceLayer: string | null;
};

/** "MDSD" (5/5 features hold codes; found by its values; also: "KH_DAT" 3). */
function landUseLine(file: string, landUse: LandUseAttribute): string {
  const name = showValue(landUse.attribute);
  const how =
    landUse.chosenBy === "user"
      ? { vi: "theo --land-use-attribute", en: "as given by --land-use-attribute" }
      : { vi: "nhận ra theo giá trị", en: "found by its values" };
  const others = landUse.alternatives.map((a) => `${showValue(a.attribute)} ${a.matched}`);
  const also =
    others.length > 0
      ? { vi: `; cũng có mã: ${others.join(", ")}`, en: `; codes also in: ${others.join(", ")}` }
      : { vi: "", en: "" };
  const renamed = landUse.attribute !== landUse.target ? showValue(landUse.target) : null;
  return noteLine(file, {
    vi: `mã loại đất lấy từ thuộc tính ${name} (${landUse.matched}/${landUse.total} đối tượng có mã; ${how.vi}${also.vi})${renamed ? `, đọc thành ${renamed}` : ""}`,
    en: `land-use codes taken from attribute ${name} (${landUse.matched} of ${landUse.total} features hold codes; ${how.en}${also.en})${renamed ? `, read as ${renamed}` : ""}`,
  });
}

/**
 * Reads a proposal — one file, a Shapefile set (its parts given, or found beside a .shp), a .zip —
 * through the registry and the proposal pipeline ({@link proposalFromRead}: the CRS decided or
 * given, WGS84, validation, the land-use attribute found by its values or given). Says which CRS
 * and attribute were used and why. The command line is all or nothing: any error stops it.
 *
 * @throws CheckInputError naming the file and each bad feature
 */
export async function readProposalFiles(
  paths: readonly string[],
  options: ProposalRead,
): Promise<ReadLayer> {
  const parts = paths.length === 1 ? sourcePaths(paths[0] as string) : paths;
  const result = await readSourceFiles(parts, undefined, options.sourceLayer ?? undefined);
  // a file that could not be read says why instead (its format may well hold layers)
  const read = !result.problems.some((issue) => issue.severity === "error");
  if (options.sourceLayer !== null && result.layers === undefined && read) {
    throw inputError(result.file, {
      vi: `--source-layer ${showValue(options.sourceLayer)}: tệp chỉ có một lớp, không có lớp để chọn; --source-layer dùng cho GeoPackage (.gpkg) hoặc tệp .zip chứa nhiều Shapefile — hãy bỏ tùy chọn này`,
      en: `--source-layer ${showValue(options.sourceLayer)}: the file holds one layer, none to choose; --source-layer applies to a GeoPackage (.gpkg) or a .zip of several Shapefiles — leave the option out`,
    });
  }
  const proposal = proposalFromRead(result, {
    kind: options.kind,
    attribute: options.attribute,
    ...(options.crs ? { crs: options.crs } : {}),
    ...(options.landUseAttribute ? { landUseAttribute: options.landUseAttribute } : {}),
  });
  if (proposal.issues.some((issue) => issue.severity === "error")) {
    throw problemsError(refusedLines(proposal.issues));
  }
  const notes = [
    crsLine(result.file, proposal.crsReason),
    landUseLine(result.file, proposal.landUse),
  ];
  return {
    collection: proposal.collection,
    warnings: [...notes, ...warningLines(proposal.issues)],
  };
}
