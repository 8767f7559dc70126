import type { Feature, FeatureCollection } from "geojson";
import type { CheckResult, Finding } from "./types";

/** Output formats of `npm run check -- --format`. */
export const FINDING_FORMATS = ["json", "csv", "geojson"] as const;
/** One of `FINDING_FORMATS`. */
export type FindingFormat = (typeof FINDING_FORMATS)[number];

/**
 * Columns of the CSV output. The first six are fixed by issue 3 (and line up with the PostGIS
 * reference pairs); free text (`reason`) comes last so a naive comma split still reads the rest.
 */
export const CSV_COLUMNS = [
  "rule",
  "subject_layer",
  "subject_id",
  "constraint_layer",
  "constraint_id",
  "area_m2",
  "severity",
  "status",
  "share_of_subject",
  "distance_m",
  "shortfall_ha",
  "excess_ha",
  "group",
  "problem",
  "districts",
  "prevailing_layer",
  "id",
  "reason",
] as const;

/** RFC 4180 quoting: only fields with a comma, quote or line break are quoted. */
function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

const fixed = (value: number | null | undefined, digits: number) =>
  value === null || value === undefined || !Number.isFinite(value) ? "" : value.toFixed(digits);

function csvRow(f: Finding): string[] {
  return [
    f.rule,
    f.subject.layer,
    f.subject.featureId ?? "",
    f.constraint?.layer ?? "",
    f.constraint?.featureId ?? "",
    fixed(f.areaSquareMeters, 3),
    f.severity,
    f.status,
    fixed(f.shareOfSubject, 6),
    fixed(f.measures.distanceMeters, 3),
    fixed(f.measures.shortfallHectares, 4),
    fixed(f.measures.excessHectares, 4),
    f.group ? (f.group.district ?? f.group.scope) : "",
    f.problem ?? "",
    f.districts.join(";"),
    f.prevailing?.layerId ?? "",
    f.id,
    f.reason ?? "",
  ];
}

/** One line per finding under a header line; areas in m² to 3 decimals, districts joined by ";". */
export function formatFindingsCsv(findings: readonly Finding[]): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const f of findings) lines.push(csvRow(f).map(csvField).join(","));
  return `${lines.join("\n")}\n`;
}

/**
 * Findings as a FeatureCollection: the conflicting part as geometry (null when there is none), every
 * other field as properties (nested objects kept), the finding id as feature id.
 */
export function findingsToGeoJson(findings: readonly Finding[]): FeatureCollection {
  return {
    type: "FeatureCollection",
    features: findings.map((f): Feature => {
      const { geometry, ...properties } = f;
      return { type: "Feature", id: f.id, properties, geometry: geometry as Feature["geometry"] };
    }),
  };
}

/**
 * The result in one of the output formats, as text; JSON is the whole result (findings, per-rule
 * summary, input problems, work counters).
 */
export function formatResult(result: CheckResult, format: FindingFormat): string {
  switch (format) {
    case "json":
      return `${JSON.stringify(result)}\n`;
    case "csv":
      return formatFindingsCsv(result.findings);
    case "geojson":
      return `${JSON.stringify(findingsToGeoJson(result.findings))}\n`;
  }
}
