import type { Geometry } from "geojson";
import type { Rule, Severity } from "../../catalog/rules-schema";
import { findingId } from "../finding-id";
import type { Finding, Measures } from "../types";
import type { FindingContext, RuleSqlContext, SqlRow } from "./context";

/**
 * A GeoJSON text from `ST_AsGeoJSON` as the in-process engine writes a conflict (`toGeometry`): one
 * part as a Polygon, several as a MultiPolygon, nothing as null.
 */
export function findingGeometry(text: string | null): Geometry | null {
  if (text === null) return null;
  const geometry = JSON.parse(text) as Geometry;
  if (geometry.type === "MultiPolygon") {
    if (geometry.coordinates.length === 0) return null;
    if (geometry.coordinates.length === 1) {
      const [part] = geometry.coordinates;
      if (part) return { type: "Polygon", coordinates: part };
    }
  }
  if (geometry.type === "Polygon" && geometry.coordinates.length === 0) return null;
  if (geometry.type === "GeometryCollection" && geometry.geometries.length === 0) return null;
  return geometry;
}

/** District codes sorted as `districtsOfArea` sorts them. */
export const sortedCodes = (codes: string[] | null): string[] => [...(codes ?? [])].sort();

/** What a rule adds to a finding made from a row. */
export type FindingExtra = { severity?: Severity; measures?: Measures };

/**
 * The finding of one row, shaped as the in-process engine shapes it: id from the same
 * `findingId(rule, subject, constraint)`, the conflict's geometry, spheroidal area and share of the
 * subject, or — when the row carries an error — a not-computed finding with its reason.
 */
export function authorityFinding(
  rule: Rule,
  row: SqlRow,
  facts: FindingContext,
  subjectLayer: string,
  constraintLayer: string | null,
  extra: FindingExtra,
  ctx: RuleSqlContext,
): Finding {
  const subject = { layer: subjectLayer, featureId: row.sid as string };
  const constraint =
    constraintLayer === null ? null : { layer: constraintLayer, featureId: row.cid ?? null };
  const base = {
    id: findingId(rule.id, subject.featureId, constraint?.featureId ?? null),
    rule: rule.id,
    ruleType: rule.type,
    severity: extra.severity ?? rule.severity,
    subject,
    constraint,
    prevailing: facts.prevailing,
    message: facts.message,
    districts: sortedCodes(row.districts),
  };
  if (row.err !== null) {
    return {
      ...base,
      status: "not-computed",
      reason: row.err || "the geometry operation failed",
      geometry: null,
      areaSquareMeters: null,
      shareOfSubject: null,
      measures: extra.measures ?? {},
    };
  }
  const area = row.area ?? 0;
  const subjectArea = row.subject_area;
  return {
    ...base,
    status: "ok",
    geometry: ctx.geometry ? findingGeometry(row.geojson) : null,
    areaSquareMeters: area,
    shareOfSubject: subjectArea ? area / subjectArea : null,
    measures: extra.measures ?? {},
  };
}
