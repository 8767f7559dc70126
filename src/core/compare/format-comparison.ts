import type { Feature } from "geojson";
import {
  csvField,
  type FindingFormat,
  fixed,
  jsonArrayChunks,
  objectJsonChunks,
} from "../check/format-findings";
import type { ComparePiece, PlanComparison } from "./types";

/**
 * Columns of the CSV output: one row per piece. What a reviewer filters on comes first, free text
 * (`reason`) last so a naive comma split still reads the rest. The summary is not in the CSV (a
 * second table in one file breaks spreadsheet imports): it is in the JSON and GeoJSON outputs, and
 * the command line prints it on stderr.
 */
export const COMPARE_CSV_COLUMNS = [
  "kind",
  "from",
  "to",
  "area_m2",
  "current_id",
  "proposal_id",
  "districts",
  "status",
  "id",
  "reason",
] as const;

function csvRow(p: ComparePiece): string[] {
  return [
    p.kind,
    p.from ?? "",
    p.to ?? "",
    fixed(p.areaSquareMeters, 3),
    p.current ?? "",
    p.proposal ?? "",
    p.districts.join(";"),
    p.status,
    p.id,
    p.reason ?? "",
  ];
}

/** A piece as a GeoJSON feature: its geometry, every other field as properties, its id as id. */
function pieceFeature(p: ComparePiece): Feature {
  const { geometry, ...properties } = p;
  return { type: "Feature", id: p.id, properties, geometry: geometry as Feature["geometry"] };
}

/**
 * The comparison in one of the output formats (those of the check: json, csv, geojson), as text
 * pieces to write one after the other, so a large comparison is never one string:
 * - json: the whole result (pieces, summary, problems, stats), the bytes of `JSON.stringify`;
 * - csv: one line per piece under a header (areas in m² to 3 decimals, districts joined by ";");
 * - geojson: the pieces as a FeatureCollection, the summary as its foreign member `summary`
 *   (RFC 7946 §6.1), so the file opens in any GIS and still carries the totals.
 * Every format ends with a line break.
 */
export function* comparisonChunks(
  result: PlanComparison,
  format: FindingFormat,
): Generator<string> {
  switch (format) {
    case "json":
      yield* objectJsonChunks(result, "pieces");
      yield "\n";
      return;
    case "csv":
      yield `${COMPARE_CSV_COLUMNS.join(",")}\n`;
      for (const p of result.pieces) yield `${csvRow(p).map(csvField).join(",")}\n`;
      return;
    case "geojson":
      yield '{"type":"FeatureCollection","features":';
      yield* jsonArrayChunks(result.pieces, pieceFeature);
      yield `,"summary":${JSON.stringify(result.summary)}}\n`;
      return;
  }
}

/** {@link comparisonChunks} joined: the whole text, for comparisons small enough to hold. */
export function formatComparison(result: PlanComparison, format: FindingFormat): string {
  return [...comparisonChunks(result, format)].join("");
}
