import type { LocalizedText } from "../../../catalog/schema";
import { findingId } from "../../finding-id";
import type { Finding, Prevailing } from "../../types";
import type { RuleAccumulator } from "../types";
import type { QuotaRule, QuotaTarget } from "./schema";

/*
 * A quota's findings, made once every partition's contributions are in: on the app's main thread
 * (the merge), in the CLI, and from the PostGIS engine's sums. Light: no geometry.
 */

/**
 * One subject feature's contribution to a quota rule: its area (m², WGS84 ellipsoid) in the whole
 * city (`district` null) or in one district.
 */
export type QuotaPart = { subject: number; district: string | null; squareMeters: number };

/**
 * What a quota rule gathered from the subject features one partition visited; plain data, so
 * workers can send it back and `mergeResults` can add partitions up. Contributions, not running
 * sums: floating-point addition depends on order, and which thread visits which feature depends on
 * timing, so `finalizeQuota` adds them up in feature order — the same digits however the work split.
 */
export type QuotaAccumulator = RuleAccumulator & {
  rule: QuotaRule;
  prevailing: Prevailing | null;
  message: LocalizedText;
  parts: QuotaPart[];
};

const HECTARE = 10_000;

function quotaFinding(
  acc: QuotaAccumulator,
  target: QuotaTarget,
  actualM2: number,
): Finding | null {
  const { rule } = acc;
  const actual = actualM2 / HECTARE;
  const shortfall =
    target.minHectares !== undefined && actual < target.minHectares
      ? target.minHectares - actual
      : undefined;
  const excess =
    target.maxHectares !== undefined && actual > target.maxHectares
      ? actual - target.maxHectares
      : undefined;
  if (shortfall === undefined && excess === undefined) return null;
  const district = target.scope === "district" ? (target.district ?? null) : null;
  return {
    id: findingId(rule.id, target.scope, district),
    rule: rule.id,
    ruleType: rule.type,
    severity: rule.severity,
    status: "ok",
    subject: { layer: rule.subject.layer, featureId: null },
    constraint: rule.constraint ? { layer: rule.constraint.layer, featureId: null } : null,
    group: { scope: target.scope, district },
    illustrative: rule.illustrative,
    prevailing: acc.prevailing,
    message: acc.message,
    geometry: null,
    areaSquareMeters: null,
    shareOfSubject: null,
    measures: {
      actualHectares: actual,
      ...(target.minHectares !== undefined ? { minHectares: target.minHectares } : {}),
      ...(target.maxHectares !== undefined ? { maxHectares: target.maxHectares } : {}),
      ...(shortfall !== undefined ? { shortfallHectares: shortfall } : {}),
      ...(excess !== undefined ? { excessHectares: excess } : {}),
    },
    districts: district ? [district] : [],
  };
}

/**
 * Adds up the partitions' contributions to each quota rule, in subject feature order (a stable sort
 * keeps a feature's own contributions in the order it made them), and reports each target missed.
 */
export function finalizeQuota(accumulators: QuotaAccumulator[]): Finding[] {
  const byRule = new Map<string, { acc: QuotaAccumulator; parts: QuotaPart[] }>();
  for (const acc of accumulators) {
    let known = byRule.get(acc.rule.id);
    if (!known) {
      known = { acc, parts: [] };
      byRule.set(acc.rule.id, known);
    }
    // one by one: push(...parts) passes every part as an argument on the stack, and a thread's
    // share of 150 000 zones overflowed it ("Maximum call stack size exceeded")
    for (const part of acc.parts) known.parts.push(part);
  }
  const findings: Finding[] = [];
  for (const { acc, parts } of byRule.values()) {
    parts.sort((a, b) => a.subject - b.subject);
    let city = 0;
    const byDistrict = new Map<string, number>();
    for (const part of parts) {
      if (part.district === null) city += part.squareMeters;
      else byDistrict.set(part.district, (byDistrict.get(part.district) ?? 0) + part.squareMeters);
    }
    for (const target of acc.rule.targets) {
      const m2 = target.scope === "city" ? city : (byDistrict.get(target.district ?? "") ?? 0);
      const finding = quotaFinding(acc, target, m2);
      if (finding) findings.push(finding);
    }
  }
  return findings;
}
