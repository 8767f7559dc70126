import type { Feature, FeatureCollection } from "geojson";
import { csvField, csvLine, PLAIN_CSV } from "../text/csv";
import { fixed } from "./csv-cells";
import { RULE_CSV_COLUMNS } from "./rules/descriptors";
import type { CheckResult, Finding } from "./types";

/** Output formats of `npm run check -- --format`. */
export const FINDING_FORMATS = ["json", "csv", "geojson"] as const;
/** One of `FINDING_FORMATS`. */
export type FindingFormat = (typeof FINDING_FORMATS)[number];

/**
 * Columns of the CSV output. The first six are fixed by issue 3 (and line up with the PostGIS
 * reference pairs); then what the rule types measured (each type's descriptor adds its columns,
 * `rules/descriptors.ts`); free text (`reason`) comes last so a naive comma split still reads the rest.
 */
export const CSV_COLUMNS: readonly string[] = /* @__PURE__ */ csvColumns();

/** The columns of {@link CSV_COLUMNS} (a call `@__PURE__`: a bundle not writing the CSV drops it). */
function csvColumns(): string[] {
  return [
    "rule",
    "subject_layer",
    "subject_id",
    "constraint_layer",
    "constraint_id",
    "area_m2",
    "severity",
    "status",
    "share_of_subject",
    ...RULE_CSV_COLUMNS.map((c) => c.name),
    "districts",
    "prevailing_layer",
    "id",
    "reason",
  ];
}

/**
 * RFC 4180 quoting (the one CSV field writer, in core/text/csv.ts; the comparison's CSV uses it
 * too), and numbers with a fixed number of decimals (core/check/csv-cells.ts).
 */
export { csvField, fixed };

/** A finding's cells in the order of {@link CSV_COLUMNS} (also the start of the review's CSV). */
export function findingCsvCells(f: Finding): string[] {
  const cells = [
    f.rule,
    f.subject.layer,
    f.subject.featureId ?? "",
    f.constraint?.layer ?? "",
    f.constraint?.featureId ?? "",
    fixed(f.areaSquareMeters, 3),
    f.severity,
    f.status,
    fixed(f.shareOfSubject, 6),
  ];
  for (const column of RULE_CSV_COLUMNS) cells.push(column.cell(f));
  cells.push(f.districts.join(";"), f.prevailing?.layerId ?? "", f.id, f.reason ?? "");
  return cells;
}

/** The CSV as chunks: the header line, then one line per finding (each ends with "\n"). */
function* csvChunks(findings: Iterable<Finding>): Generator<string> {
  yield csvLine(CSV_COLUMNS, PLAIN_CSV);
  for (const f of findings) yield csvLine(findingCsvCells(f), PLAIN_CSV);
}

/** One line per finding under a header line; areas in m² to 3 decimals, districts joined by ";". */
export function formatFindingsCsv(findings: readonly Finding[]): string {
  return [...csvChunks(findings)].join("");
}

/** A finding as a GeoJSON feature: its conflicting part as geometry, every other field as properties. */
export function findingFeature(f: Finding): Feature {
  const { geometry, ...properties } = f;
  return { type: "Feature", id: f.id, properties, geometry: geometry as Feature["geometry"] };
}

/**
 * Findings as a FeatureCollection: the conflicting part as geometry (null when there is none), every
 * other field as properties (nested objects kept), the finding id as feature id.
 */
export function findingsToGeoJson(findings: readonly Finding[]): FeatureCollection {
  return { type: "FeatureCollection", features: findings.map(findingFeature) };
}

/**
 * `JSON.stringify(items)` in pieces: "[", then each item's JSON with its separating comma. One piece
 * per item keeps every piece far below V8's longest string (~512 MiB), which a whole result with
 * hundreds of thousands of findings passes.
 */
export function* jsonArrayChunks<T>(
  items: readonly T[],
  toJson: (item: T) => unknown,
): Generator<string> {
  yield "[";
  for (let i = 0; i < items.length; i++) {
    // an array slot that stringifies to nothing (undefined, a function) is "null" in JSON.stringify
    const text = JSON.stringify(toJson(items[i] as T)) ?? "null";
    yield i === 0 ? text : `,${text}`;
  }
  yield "]";
}

/**
 * `JSON.stringify(object)` in pieces, byte for byte: the members in the object's own order, the
 * array member `streamed` item by item, every other member whole (they must be small: for a check
 * result, one summary line per rule).
 */
export function* objectJsonChunks<K extends string>(
  object: { [key in K]: readonly unknown[] },
  streamed: K,
): Generator<string> {
  let separator = "{";
  for (const [key, value] of Object.entries(object)) {
    if (key === streamed) {
      yield `${separator}${JSON.stringify(key)}:`;
      yield* jsonArrayChunks(value as readonly unknown[], (item) => item);
    } else {
      const text = JSON.stringify(value);
      // members JSON.stringify leaves out (undefined, functions) are left out here too
      if (text === undefined) continue;
      yield `${separator}${JSON.stringify(key)}:${text}`;
    }
    separator = ",";
  }
  yield separator === "{" ? "{}" : "}";
}

/**
 * The result in one of the output formats, as a sequence of text pieces to write one after the
 * other (a stream: the whole text of a large result is longer than V8's longest string). JSON is the
 * whole result (findings, per-rule summary, input problems, work counters), the same bytes as
 * `JSON.stringify(result)`; every format ends with a line break.
 */
export function* resultChunks(result: CheckResult, format: FindingFormat): Generator<string> {
  switch (format) {
    case "json":
      yield* objectJsonChunks(result, "findings");
      yield "\n";
      return;
    case "csv":
      yield* csvChunks(result.findings);
      return;
    case "geojson":
      yield '{"type":"FeatureCollection","features":';
      yield* jsonArrayChunks(result.findings, findingFeature);
      yield "}\n";
      return;
  }
}

/** {@link resultChunks} joined: the whole text, for results small enough to hold as one string. */
export function formatResult(result: CheckResult, format: FindingFormat): string {
  return [...resultChunks(result, format)].join("");
}
