import type { LocalizedText } from "../../../catalog/schema";
import { didYouMean } from "../../../text/did-you-mean";
import {
  authorityOf,
  districtsFor,
  type Engine,
  notComputed,
  type PreparedLayer,
  select,
} from "../../context";
import { findingId } from "../../finding-id";
import { areaOf, preparePolygons } from "../../prepared-geometry";
import { relate } from "../../relate";
import { valuesOf } from "../../rule-data";
import type { Finding, Prevailing } from "../../types";
import type { RuleAccumulator, RuleModule } from "../types";
import { quotaAttributes } from "./descriptor";
import { districtSources, districtsNotGiven, unknownDistrict } from "./problems";
import type { QuotaRule, QuotaTarget } from "./schema";

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

/**
 * The district codes of the targets, against those the data knows (the district layer's, the
 * subjects' district attribute's): a code known nowhere would match nothing and pass without a word.
 */
function knownDistricts(rule: QuotaRule, engine: Engine) {
  const problems: LocalizedText[] = [];
  let blocked = false;
  const subject = engine.layers.get(rule.subject.layer) as PreparedLayer;
  const source = rule.districtSource;
  const known = new Set(engine.districts.districts.map((d) => d.code));
  if (source.kind === "attribute")
    for (const v of valuesOf(subject, source.attribute)) known.add(v);
  const where = districtSources(source.kind === "attribute" ? source.attribute : null, subject.id);
  rule.targets.forEach((target, k) => {
    // nothing to compare with (no district layer, no features): every target reads 0 ha, openly
    if (known.size === 0) return;
    if (target.district === undefined || known.has(target.district)) return;
    const hint = didYouMean(target.district, known);
    problems.push(unknownDistrict(rule, k, target.district, where, hint));
    blocked = true;
  });
  return { problems, blocked };
}

/**
 * quota: sums the ellipsoidal area of matching subject features per district (from an attribute or by
 * overlaying the district layer) and for the whole city; `finalizeQuota` compares the sums with the
 * targets once every partition is in.
 */
export const quota: RuleModule<QuotaRule> = {
  type: "quota",
  polygonal: ["subject"],
  precondition: (rule, input) =>
    rule.districtSource.kind === "districts-layer" && !input.districts
      ? districtsNotGiven(rule)
      : null,
  attributes: quotaAttributes,
  checkData: knownDistricts,
  finalize: (accumulators) => finalizeQuota(accumulators as QuotaAccumulator[]),
  create(rule, engine) {
    const subject = engine.layers.get(rule.subject.layer) as PreparedLayer;
    const constraint = rule.constraint ? engine.layers.get(rule.constraint.layer) : undefined;
    const authority = authorityOf(subject.entry, constraint?.entry);
    const acc: QuotaAccumulator = {
      rule,
      prevailing: authority.prevailing,
      message: authority.message,
      parts: [],
    };
    const source = rule.districtSource;
    return {
      subjects: select(subject, rule.subject),
      accumulator: () => acc,
      check(i, out) {
        const s = subject.geometry(i);
        if (!s) return;
        const area = areaOf(s);
        const add = (district: string | null, squareMeters: number) =>
          acc.parts.push({ subject: i, district, squareMeters });
        add(null, area);
        if (source.kind === "attribute") {
          const code = subject.features[i]?.properties?.[source.attribute];
          if (typeof code === "string" || typeof code === "number") add(String(code), area);
          return;
        }
        const index = engine.districts;
        if (!index.tree) return;
        try {
          for (const k of index.tree.search(...s.bbox)) {
            const d = index.districts[k];
            if (!d) continue;
            const relation = relate(s, d.geometry);
            if (relation.kind === "disjoint") continue;
            if (relation.kind === "subset" && relation.whole) {
              add(d.code, relation.of === "a" ? area : areaOf(d.geometry));
              if (relation.of === "a") break;
              continue;
            }
            engine.stats.kernelCalls++;
            const piece = preparePolygons(
              engine.kernel.intersection(s.polygons, d.geometry.polygons, { cutToWindow: true }),
            );
            if (piece) add(d.code, areaOf(piece));
          }
        } catch (error) {
          const ref = { layer: subject.id, featureId: subject.ids[i] as string };
          const districts = districtsFor(engine, null, subject, i);
          out.push(notComputed(rule, authority, ref, null, error, districts));
        }
      },
    };
  },
};

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
