import type { Feature, FeatureCollection } from "geojson";
import {
  CSV_COLUMNS,
  findingCsvCells,
  findingFeature,
  fixed,
  jsonArrayChunks,
} from "../check/format-findings";
import type { Finding } from "../check/types";
import { csvLine, EXCEL_CSV, UTF8_BOM } from "../text/csv";
import type { FindingSnapshot, Flag } from "./flag-types";
import { attachFlags } from "./reattach";
import { flagGeometry } from "./review-export";

/** Where a flag stands against the run: on a finding it finds, on one it no longer finds, drawn. */
export type FlagPlace = "found" | "no-longer-found" | "own";

/** Columns the review's exports add after the check output's {@link CSV_COLUMNS}. */
export const FLAG_CSV_COLUMNS = [
  "flag_id",
  "flag_place",
  "flag_status",
  "flag_disagreement",
  "flag_comment",
  "flag_updated_by",
  "flag_updated_at",
  "flag_events",
] as const;

/** A flag as the exports summarise it (its full history is in the review file). */
export type FlagSummary = {
  flagId: string;
  place: FlagPlace;
  status: Flag["status"];
  disagreement: boolean;
  comment: string | null;
  updatedBy: string;
  updatedAt: string;
  events: number;
};

function summary(flag: Flag, place: FlagPlace): FlagSummary {
  return {
    flagId: flag.id,
    place,
    status: flag.status,
    disagreement: flag.disagreement,
    comment: flag.comment,
    updatedBy: flag.updatedBy,
    updatedAt: flag.updatedAt,
    events: flag.history.length,
  };
}

function flagCells(s: FlagSummary | null): string[] {
  if (!s) return FLAG_CSV_COLUMNS.map(() => "");
  return [
    s.flagId,
    s.place,
    s.status,
    s.disagreement ? "yes" : "no",
    s.comment ?? "",
    s.updatedBy,
    s.updatedAt,
    String(s.events),
  ];
}

/** The check output's cells for a finding known only from its snapshot (no longer found). */
function snapshotCells(s: FindingSnapshot): string[] {
  const known: Partial<Record<string, string>> = {
    rule: s.rule,
    subject_layer: s.subject.layer,
    subject_id: s.subject.featureId ?? "",
    constraint_layer: s.constraint?.layer ?? "",
    constraint_id: s.constraint?.featureId ?? "",
    area_m2: fixed(s.areaSquareMeters, 3),
    id: s.id,
  };
  return CSV_COLUMNS.map((column) => (Object.hasOwn(known, column) ? known[column] : "") ?? "");
}

/** Rows of the export: every finding with its flag, then flags on findings gone, then drawn ones. */
type Row = {
  finding: Finding | null;
  snapshot: FindingSnapshot | null;
  flag: Flag | null;
  summary: FlagSummary | null;
};

function rowsOf(findings: readonly Finding[], flags: Iterable<Flag>): Row[] {
  const attached = attachFlags(flags, findings);
  const rows: Row[] = findings.map((finding) => {
    const flag = attached.byFinding.get(finding.id);
    return {
      finding,
      snapshot: null,
      flag: flag ?? null,
      summary: flag ? summary(flag, "found") : null,
    };
  });
  for (const flag of attached.noLongerFound) {
    const snapshot = flag.target.kind === "finding" ? flag.target.finding : null;
    rows.push({ finding: null, snapshot, flag, summary: summary(flag, "no-longer-found") });
  }
  for (const flag of attached.own) {
    rows.push({ finding: null, snapshot: null, flag, summary: summary(flag, "own") });
  }
  return rows;
}

/**
 * The findings with their flags as CSV for Excel, in pieces (see `resultChunks`): a UTF-8 byte
 * order mark, the check output's columns then {@link FLAG_CSV_COLUMNS}, CRLF line ends, RFC 4180
 * quoting, formula-looking cells guarded. Rows: each finding of the run (flag columns empty when
 * unflagged), then flags on findings no longer found, then drawn flags. Deleted flags are left out.
 */
export function* findingsWithFlagsCsvChunks(
  findings: readonly Finding[],
  flags: Iterable<Flag>,
): Generator<string> {
  yield UTF8_BOM + csvLine([...CSV_COLUMNS, ...FLAG_CSV_COLUMNS], EXCEL_CSV);
  for (const row of rowsOf(findings, flags)) {
    const head = row.finding
      ? findingCsvCells(row.finding)
      : row.snapshot
        ? snapshotCells(row.snapshot)
        : CSV_COLUMNS.map(() => "");
    yield csvLine([...head, ...flagCells(row.summary)], EXCEL_CSV);
  }
}

/** {@link findingsWithFlagsCsvChunks} as one string. */
export function formatFindingsWithFlagsCsv(
  findings: readonly Finding[],
  flags: Iterable<Flag>,
): string {
  return [...findingsWithFlagsCsvChunks(findings, flags)].join("");
}

/** A row of the export as a GeoJSON feature (see {@link findingsWithFlagsGeoJson}). */
function rowFeature(row: Row, byId: ReadonlyMap<string, Finding>): Feature {
  if (row.finding) {
    const feature = findingFeature(row.finding);
    return { ...feature, properties: { ...feature.properties, flag: row.summary } };
  }
  const flag = row.flag as Flag;
  return {
    type: "Feature",
    id: flag.id,
    geometry: flagGeometry(flag, byId) as Feature["geometry"],
    properties: { finding: row.snapshot, flag: row.summary },
  };
}

/**
 * The findings with their flags as GeoJSON: each finding as the check output writes it, with a
 * `flag` property (null when unflagged); then flags on findings no longer found (the finding's
 * snapshot as `finding`) and drawn flags, each with its geometry.
 */
export function findingsWithFlagsGeoJson(
  findings: readonly Finding[],
  flags: Iterable<Flag>,
): FeatureCollection {
  const byId = new Map(findings.map((f) => [f.id, f]));
  return {
    type: "FeatureCollection",
    features: rowsOf(findings, flags).map((row) => rowFeature(row, byId)),
  };
}

/**
 * {@link findingsWithFlagsGeoJson} as text in pieces (one per feature, as the check command writes
 * its GeoJSON), for a Blob: a large run's whole text would be one very long string.
 */
export function* findingsWithFlagsGeoJsonChunks(
  findings: readonly Finding[],
  flags: Iterable<Flag>,
): Generator<string> {
  const byId = new Map(findings.map((f) => [f.id, f]));
  yield '{"type":"FeatureCollection","features":';
  yield* jsonArrayChunks(rowsOf(findings, flags), (row) => rowFeature(row, byId));
  yield "}\n";
}
