import type { Rule, Severity } from "../../catalog/rules-schema";
import {
  type AreaPart,
  type Authority,
  authorityOf,
  type ConstraintIndex,
  candidates,
  districtsFor,
  type Engine,
  indexPolygons,
  notComputed,
  overlapOf,
  type PreparedLayer,
  preparedIfNear,
  select,
  toGeometry,
} from "../context";
import { findingId } from "../finding-id";
import { areaOf, type PreparedGeometry } from "../prepared-geometry";
import type { Finding, Measures } from "../types";
import type { CompatibilityRule } from "./compatibility/schema";
import type { NoOverlapRule } from "./no-overlap/schema";

/** The two layers a pair rule compares, and which of them prevails. */
export type RuleLayers = {
  subject: PreparedLayer;
  constraint: PreparedLayer;
  authority: Authority;
};

/** Looks up a rule's subject and constraint layers (the engine checked they exist) and their authority. */
export function ruleLayers(
  rule: Extract<Rule, { constraint: unknown }>,
  engine: Engine,
): RuleLayers {
  const subject = engine.layers.get(rule.subject.layer) as PreparedLayer;
  const constraint = engine.layers.get(rule.constraint.layer) as PreparedLayer;
  return { subject, constraint, authority: authorityOf(subject.entry, constraint.entry) };
}

/**
 * Where a pair rule looks for constraint features: a spatial index of the selected ones, and which
 * of them a subject feature may pair with when the rule checks a layer against itself.
 */
export type PairCandidates = { index: ConstraintIndex; self: "none" | "after" | "other" };

/**
 * Indexes a pair rule's constraint features. Plain data, read by `candidatesOf`: a function per rule
 * called from the shared checking code made V8 throw that code's optimisation away at each new rule.
 */
export function pairCandidates(
  rule: Extract<Rule, { constraint: unknown }>,
  layers: RuleLayers,
): PairCandidates {
  const { subject, constraint } = layers;
  const index = indexPolygons(constraint, select(constraint, rule.constraint));
  if (subject !== constraint) return { index, self: "none" };
  const symmetric = JSON.stringify(rule.subject.filter) === JSON.stringify(rule.constraint.filter);
  return { index, self: symmetric ? "after" : "other" };
}

/**
 * Subject feature `i` prepared, with the constraint features to pair it with, in layer order:
 * never a feature with itself, and each unordered pair only once when a layer is checked against
 * itself with the same filter on both sides. Null when it has no polygon or no constraint feature
 * lies near (it is then not prepared: `preparedIfNear`).
 */
export function candidatesOf(
  pairs: PairCandidates,
  subject: PreparedLayer,
  i: number,
): { s: PreparedGeometry; found: number[] } | null {
  const s = preparedIfNear(pairs.index, subject, i);
  if (!s) return null;
  const found = candidates(pairs.index, s);
  if (pairs.self === "none") return { s, found };
  return { s, found: found.filter((j) => (pairs.self === "after" ? j > i : j !== i)) };
}

/**
 * A computed finding whose conflict is an area: the part of subject feature `i` (geometry `s`) in
 * conflict, its ellipsoidal area, its share of the subject and the districts it lies in. The rules
 * differ only in how they find `part`, the severity and what they measured.
 */
export function areaFinding(
  engine: Engine,
  rule: Rule,
  layers: RuleLayers,
  i: number,
  s: PreparedGeometry,
  constraint: Finding["constraint"],
  part: AreaPart & { area: number },
  extra: { severity?: Severity; measures?: Measures } = {},
): Finding {
  const subject = { layer: layers.subject.id, featureId: layers.subject.ids[i] as string };
  return {
    id: findingId(rule.id, subject.featureId, constraint?.featureId ?? null),
    rule: rule.id,
    ruleType: rule.type,
    severity: extra.severity ?? rule.severity,
    status: "ok",
    subject,
    constraint,
    prevailing: layers.authority.prevailing,
    message: layers.authority.message,
    geometry: engine.findingGeometry ? toGeometry(part.polygons) : null,
    areaSquareMeters: part.area,
    shareOfSubject: part.area / areaOf(s),
    measures: extra.measures ?? {},
    districts: districtsFor(engine, part, layers.subject, i),
  };
}

/**
 * The finding of subject feature `i` (geometry `s`) against constraint feature `j` when their
 * interiors overlap by more than the rule's tolerance, a not-computed finding when the kernel
 * throws, else null. `extra` (severity, measures) goes on either finding.
 */
export function overlapFinding(
  engine: Engine,
  rule: NoOverlapRule | CompatibilityRule,
  layers: RuleLayers,
  i: number,
  s: PreparedGeometry,
  j: number,
  extra?: { severity?: Severity; measures?: Measures },
): Finding | null {
  const { subject, constraint } = layers;
  const c = constraint.geometry(j);
  if (!c) return null;
  const constraintRef = { layer: constraint.id, featureId: constraint.ids[j] as string };
  let overlap: ReturnType<typeof overlapOf>;
  try {
    overlap = overlapOf(engine, s, c);
  } catch (error) {
    const subjectRef = { layer: subject.id, featureId: subject.ids[i] as string };
    const districts = districtsFor(engine, null, subject, i);
    const failed = notComputed(rule, layers.authority, subjectRef, constraintRef, error, districts);
    return { ...failed, ...extra };
  }
  if (!overlap || overlap.area <= rule.toleranceSquareMeters) return null;
  return areaFinding(engine, rule, layers, i, s, constraintRef, overlap, extra);
}
