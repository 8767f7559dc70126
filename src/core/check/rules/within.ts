import type { WithinRule } from "../../catalog/rules-schema";
import {
  authorityOf,
  candidates,
  districtsFor,
  indexPolygons,
  notComputed,
  type PreparedLayer,
  select,
  toGeometry,
} from "../context";
import { findingId } from "../finding-id";
import { areaOf, type PreparedGeometry, preparePolygons } from "../prepared-geometry";
import { relate } from "../relate";
import type { Polygons } from "../types";
import type { RuleModule } from "./types";

/**
 * within: the subject must be covered by the union of the constraint features. The part outside is
 * subject minus that union, computed by clipping, so concave shapes, holes and multi-part features
 * come out right; a subject inside one constraint feature, or touching none, needs no clipping.
 */
export const within: RuleModule<WithinRule> = {
  type: "within",
  create(rule, engine) {
    const subject = engine.layers.get(rule.subject.layer) as PreparedLayer;
    const constraint = engine.layers.get(rule.constraint.layer) as PreparedLayer;
    const index = indexPolygons(constraint, select(constraint, rule.constraint));
    const authority = authorityOf(subject.entry, constraint.entry);
    return {
      subjects: select(subject, rule.subject),
      check(i, out) {
        const s = subject.geometry(i);
        if (!s) return;
        const subjectRef = { layer: subject.id, featureId: subject.ids[i] as string };
        const constraintRef = { layer: constraint.id, featureId: null };
        let outside: Polygons;
        let area: number;
        try {
          const touching: PreparedGeometry[] = [];
          let covered = false;
          for (const j of candidates(index, s)) {
            if (subject === constraint && j === i) continue;
            const c = constraint.geometry(j);
            if (!c) continue;
            engine.stats.candidatePairs++;
            const relation = relate(s, c);
            if (relation.kind === "disjoint") continue;
            if (relation.kind === "subset" && relation.of === "a" && relation.whole) {
              covered = true;
              break;
            }
            touching.push(c);
          }
          if (covered) {
            engine.stats.shortcutPairs++;
            return;
          }
          if (touching.length === 0) {
            outside = s.polygons;
            area = areaOf(s);
          } else {
            engine.stats.kernelCalls++;
            outside = engine.kernel.difference(
              s.polygons,
              touching.map((c) => c.polygons),
            );
            const prepared = preparePolygons(outside);
            area = prepared ? areaOf(prepared) : 0;
          }
        } catch (error) {
          const districts = districtsFor(engine, null, subject, i);
          out.push(notComputed(rule, authority, subjectRef, constraintRef, error, districts));
          return;
        }
        if (area <= rule.toleranceSquareMeters) return;
        out.push({
          id: findingId(rule.id, subjectRef.featureId, null),
          rule: rule.id,
          ruleType: rule.type,
          severity: rule.severity,
          status: "ok",
          subject: subjectRef,
          constraint: constraintRef,
          prevailing: authority.prevailing,
          message: authority.message,
          geometry: toGeometry(outside),
          areaSquareMeters: area,
          shareOfSubject: area / areaOf(s),
          measures: {},
          districts: districtsFor(engine, outside, subject, i),
        });
      },
    };
  },
};
