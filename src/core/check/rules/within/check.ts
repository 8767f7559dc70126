import { candidates, districtsFor, indexPolygons, notComputed, select } from "../../context";
import { areaOf, type PreparedGeometry, preparePolygons } from "../../prepared-geometry";
import { relate } from "../../relate";
import type { Polygons } from "../../types";
import { areaFinding, ruleLayers } from "../pair-rule";
import type { RuleModule } from "../types";
import type { WithinRule } from "./schema";

/**
 * within: the subject must be covered by the union of the constraint features. The part outside is
 * subject minus that union, computed by clipping, so concave shapes, holes and multi-part features
 * come out right; a subject inside one constraint feature, or touching none, needs no clipping.
 */
export const within: RuleModule<WithinRule> = {
  type: "within",
  polygonal: ["subject", "constraint"],
  create(rule, engine) {
    const layers = ruleLayers(rule, engine);
    const { subject, constraint, authority } = layers;
    const index = indexPolygons(constraint, select(constraint, rule.constraint));
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
        out.push(
          areaFinding(engine, rule, layers, i, s, constraintRef, { polygons: outside, area }),
        );
      },
    };
  },
};
