import type { Feature } from "geojson";
import { showValue } from "../../core/text/show-value";
import {
  collectionProblem,
  GEOMETRY_TYPES,
  isFeatureObject,
  isObject,
  notAFeature,
} from "../../core/validate/collection-problem";
import { findJsonSyntaxError } from "../../core/validate/json-syntax";
import { parseJsonText } from "../../core/validate/json-text";
import { stringPosition } from "../../core/validate/text-position";
import { decodeUtf8 } from "../../core/validate/utf8";
import { type Bilingual, describeFeature } from "../../core/validate/validation-issue";
import { FeatureSink } from "../feature-sink";
import type {
  CrsEvidence,
  FormatModule,
  ReadLimits,
  ReadOptions,
  ReadResult,
} from "../format-types";
import { crsOfMember } from "../geojson/crs-member";
import { NDJSON_EXTENSIONS } from "../geojson/extensions";
import { parseFlatGeoJson } from "../geojson/flat-read";
import { scanJsonText, tooDeepAt, tooDeepText, tooManyContainersText } from "../geojson/text-depth";
import { nestsDeeperThan } from "../geojson/value-depth";
import { ReadProgress } from "../progress";
import { failedRead, tooManyFeatures, unreadable } from "../read-problems";
import { extensionOf, type SourceFile } from "../source-files";

const TOPOJSON: Bilingual = {
  vi: 'là TopoJSON (type "Topology"), không phải GeoJSON; hãy xuất lại dạng GeoJSON, ví dụ: npx mapshaper tep.topojson -o format=geojson tep.geojson',
  en: 'is TopoJSON (type "Topology"), not GeoJSON; export it as GeoJSON, e.g. npx mapshaper file.topojson -o format=geojson file.geojson',
};

/** A lone Feature or geometry becomes a one-feature list; a geometry gets empty properties. */
function asFeature(value: Record<string, unknown>): unknown {
  if (GEOMETRY_TYPES.has(String(value.type))) {
    return { type: "Feature", properties: {}, geometry: value };
  }
  return value;
}

/**
 * Drops members of a feature (its properties, foreign members) nested deeper than the limit, with
 * a warning: such a value is no attribute a plan uses, and copying it later would overflow the
 * stack. The geometry is left to the geometry checks, which walk it only as deep as its type says.
 */
function dropDeepValues(feature: Record<string, unknown>, max: number): string[] {
  const dropped: string[] = [];
  for (const key of Object.keys(feature)) {
    if (key === "geometry" || key === "properties") continue;
    if (nestsDeeperThan(feature[key], max)) {
      delete feature[key];
      dropped.push(key);
    }
  }
  const properties = feature.properties;
  if (isObject(properties)) {
    for (const key of Object.keys(properties)) {
      if (nestsDeeperThan(properties[key], max)) {
        delete properties[key];
        dropped.push(`properties.${key}`);
      }
    }
  } else if (nestsDeeperThan(properties, max)) {
    feature.properties = null;
    dropped.push("properties");
  }
  return dropped;
}

/** The members of a parsed file that are meant as features, or why there are none. */
function membersOf(value: unknown):
  | { ok: true; members: unknown[]; crsHolder: Record<string, unknown> }
  | {
      ok: false;
      code: "not-geojson" | "not-feature-collection" | "invalid-geojson";
      message: Bilingual;
    } {
  if (isObject(value)) {
    if (value.type === "Topology") return { ok: false, code: "not-geojson", message: TOPOJSON };
    if (value.type === "Feature" || GEOMETRY_TYPES.has(String(value.type))) {
      return { ok: true, members: [asFeature(value)], crsHolder: value };
    }
  }
  const problem = collectionProblem(value);
  if (problem) return { ok: false, code: problem.code as "not-geojson", message: problem.message };
  const collection = value as Record<string, unknown> & { features: unknown[] };
  return { ok: true, members: collection.features, crsHolder: collection };
}

/** Adds one member as feature `index`: a feature (its too deep values dropped), else a problem. */
function addMember(sink: FeatureSink, index: number, member: unknown, max: number): void {
  if (!isFeatureObject(member)) {
    sink.leaveOut(index, null, "invalid-geojson", notAFeature(member));
    return;
  }
  const dropped = dropDeepValues(member, max);
  if (dropped.length > 0) {
    const list = dropped.map((key) => showValue(key)).join(", ");
    sink.warn(index, describeFeature(member), "deep-value", {
      vi: `giá trị ${list} lồng nhau quá ${max} tầng, đã bỏ; thuộc tính của lớp quy hoạch không lồng nhau`,
      en: `value ${list} is nested more than ${max} deep and was left out; plan attributes do not nest`,
    });
  }
  sink.add(member as unknown as Feature, index);
}

/** Adds each member as a feature, with progress, cancellation and the per-feature problems. */
async function addMembers(
  sink: FeatureSink,
  members: readonly unknown[],
  options: ReadOptions,
): Promise<void> {
  const progress = new ReadProgress(options, members.length);
  for (let i = 0; i < members.length; i++) {
    if (progress.due()) await progress.step(i);
    addMember(sink, i, members[i], options.limits.maxValueDepth);
  }
  progress.finish();
}

/** A line of newline-delimited GeoJSON: its 1-based number and text (no record separator). */
export type Line = { number: number; text: string };

/**
 * A line's text as read: its "\r" and RFC 8142's leading record separator (U+001E) removed; null
 * for a blank line, which holds no feature.
 */
export function ndjsonText(raw: string): string | null {
  let line = raw;
  if (line.endsWith("\r")) line = line.slice(0, -1);
  if (line.startsWith("\u001e")) line = line.slice(1);
  return line.trim() === "" ? null : line;
}

/** The non-blank lines of the text, RFC 8142's leading record separator (U+001E) removed. */
function linesOf(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  let number = 1;
  while (start <= text.length) {
    let end = text.indexOf("\n", start);
    if (end < 0) end = text.length;
    const line = ndjsonText(text.slice(start, end));
    if (line !== null) lines.push({ number, text: line });
    start = end + 1;
    number++;
  }
  return lines;
}

/**
 * Whether text that is not one JSON value is newline-delimited GeoJSON: its first line alone is a
 * Feature or a geometry, and another line follows.
 */
function looksLikeNdjson(text: string, maxDepth: number): boolean {
  const firstEnd = text.indexOf("\n");
  if (firstEnd < 0) return false;
  let first = text.slice(0, firstEnd).trim();
  if (first.startsWith("\u001e")) first = first.slice(1);
  if (tooDeepAt(first, maxDepth) >= 0) return false;
  try {
    const value: unknown = JSON.parse(first);
    return isObject(value) && (value.type === "Feature" || GEOMETRY_TYPES.has(String(value.type)));
  } catch {
    return false;
  }
}

/**
 * Reads one line of newline-delimited GeoJSON (record separator and "\r" removed) into the sink
 * as feature `index` of the file: a feature or geometry, else one problem naming the line. Shared
 * by the whole-text reader below and the streaming reader (`src/io/stream/`), so a line is read
 * alike whether the file fits in memory or not.
 */
export function addNdjsonLine(
  sink: FeatureSink,
  index: number,
  line: Line,
  limits: Pick<ReadLimits, "maxTextDepth" | "maxValueDepth">,
): void {
  const maxDepth = limits.maxTextDepth;
  const deep = tooDeepAt(line.text, maxDepth);
  if (deep >= 0) {
    const column = stringPosition(line.text, deep).column;
    sink.leaveOut(
      index,
      null,
      "not-json",
      tooDeepText(
        {
          vi: `ở dòng ${line.number}, cột ${column}`,
          en: `at line ${line.number}, column ${column}`,
        },
        maxDepth,
      ),
    );
    return;
  }
  let value: unknown;
  try {
    value = JSON.parse(line.text);
  } catch {
    const found = findJsonSyntaxError(line.text);
    const column = found ? stringPosition(line.text, found.at).column : 1;
    const what = found?.problem ?? { vi: "không phải JSON", en: "not JSON" };
    sink.leaveOut(index, null, "not-json", {
      vi: `dòng ${line.number} không phải JSON hợp lệ ở cột ${column}: ${what.vi}`,
      en: `line ${line.number} is not valid JSON at column ${column}: ${what.en}`,
    });
    return;
  }
  addMember(sink, index, isObject(value) ? asFeature(value) : value, limits.maxValueDepth);
}

/** Reads newline-delimited GeoJSON: one feature (or geometry) per line; a bad line is one problem. */
async function readNdjson(file: string, text: string, options: ReadOptions): Promise<ReadResult> {
  const lines = linesOf(text);
  if (lines.length > options.limits.maxFeatures) {
    return tooManyFeatures("geojson", file, lines.length, options.limits.maxFeatures);
  }
  const sink = new FeatureSink(file);
  const progress = new ReadProgress(options, lines.length);
  for (const [index, line] of lines.entries()) {
    if (progress.due()) await progress.step(index);
    addNdjsonLine(sink, index, line, options.limits);
  }
  progress.finish();
  return sink.finish(
    { format: "geojson", crs: { kind: "wgs84", from: "geojson-spec" } },
    lines.length,
  );
}

/**
 * GeoJSON: a FeatureCollection, a single Feature, a bare geometry, or newline-delimited GeoJSON
 * (by extension, or sniffed when a .json file is not one JSON value but its first line is a
 * feature). Text is strict UTF-8 and JSON errors name line and column (the project's JSON reader);
 * a legacy `crs` member becomes the evidence. TopoJSON is named as such.
 */
export const geojsonFormat: FormatModule = {
  async read(files: SourceFile[], options: ReadOptions): Promise<ReadResult> {
    const source = files[0] as SourceFile;
    const file = source.name;
    const ndjson = (NDJSON_EXTENSIONS as readonly string[]).includes(extensionOf(file));
    if (!ndjson) {
      // coordinates parsed from the bytes, the rest of the text alone decoded and parsed; any
      // doubt, and the whole text is read below, whose messages name the file's lines
      const value = parseFlatGeoJson(source.bytes, options.limits);
      options.signal?.throwIfAborted();
      if (value !== undefined) return collectionRead(file, value, options);
    }
    const decoded = decodeUtf8(source.bytes, file);
    if (!decoded.ok) return failedRead("geojson", file, [decoded.issue]);
    const text = decoded.text.charCodeAt(0) === 0xfeff ? decoded.text.slice(1) : decoded.text;
    const { maxTextDepth, maxTextContainers } = options.limits;
    const shape = scanJsonText(text, maxTextDepth, maxTextContainers);
    if (shape.containers > maxTextContainers) {
      return unreadable("geojson", file, "too-large", tooManyContainersText(maxTextContainers));
    }
    if (ndjson) return readNdjson(file, text, options);
    options.signal?.throwIfAborted();
    const deep = shape.tooDeepAt;
    if (deep >= 0 && !looksLikeNdjson(text, maxTextDepth)) {
      const { line, column } = stringPosition(text, deep);
      const where = {
        vi: `ở dòng ${line}, cột ${column}`,
        en: `at line ${line}, column ${column}`,
      };
      return unreadable(
        "geojson",
        file,
        "not-json",
        tooDeepText(where, options.limits.maxTextDepth),
      );
    }
    const parsed = parseJsonText(text, file);
    if (!parsed.ok) {
      return looksLikeNdjson(text, options.limits.maxTextDepth)
        ? readNdjson(file, text, options)
        : failedRead("geojson", file, [parsed.issue]);
    }
    return collectionRead(file, parsed.value, options);
  },
};

/** Reads the features of a file parsed as one JSON value. */
async function collectionRead(
  file: string,
  value: unknown,
  options: ReadOptions,
): Promise<ReadResult> {
  const found = membersOf(value);
  if (!found.ok) return unreadable("geojson", file, found.code, found.message);
  const { members } = found;
  if (members.length > options.limits.maxFeatures) {
    return tooManyFeatures("geojson", file, members.length, options.limits.maxFeatures);
  }
  const { crs, warning } = crsOfMember(found.crsHolder);
  const sink = new FeatureSink(file);
  if (warning) sink.problem("unknown-crs", warning, "warning");
  await addMembers(sink, members, options);
  return sink.finish({ format: "geojson", crs: crs as CrsEvidence }, members.length);
}
