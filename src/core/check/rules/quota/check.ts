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
import { areaOf, preparePolygons } from "../../prepared-geometry";
import { relate } from "../../relate";
import { valuesOf } from "../../rule-data";
import type { RuleModule } from "../types";
import { quotaAttributes } from "./descriptor";
import type { QuotaAccumulator } from "./finalize";
import { districtSources, districtsNotGiven, unknownDistrict } from "./problems";
import type { QuotaRule } from "./schema";

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
