import { type RuleSql, type RuleSqlContext, rowByRow } from "../../sql/context";
import {
  difference,
  districtsColumn,
  geojsonColumn,
  measured,
  selected,
  subjectAreaColumn,
} from "../../sql/fragments";
import { pairFinding } from "../../sql/pair-sql";
import { SqlParams } from "../../sql/query";
import type { WithinRule } from "./schema";

/**
 * within in SQL: each subject minus the union of the constraint features it meets (found by the
 * GiST index), kept when the part outside is over the tolerance. A subject meeting none is wholly
 * outside. On one layer a feature is never its own constraint.
 */
function withinQuery(rule: WithinRule, ctx: RuleSqlContext) {
  const params = new SqlParams();
  const self = ctx.sameLayer ? " AND c.idx <> s.idx" : "";
  const constraintSel = selected("c", ctx.constraintSelection, params);
  const subjectSel = selected("s", ctx.subjectSelection, params);
  const tol = params.add(rule.toleranceSquareMeters, "float8");
  return params.query(`SELECT s.idx AS s, s.fid AS sid, NULL::int AS c, NULL::text AS cid, o.err,
  ${geojsonColumn(ctx, "o.g")} AS geojson, o.area, ${subjectAreaColumn("s")} AS subject_area,
  ${districtsColumn(ctx, "s", "o.g")} AS districts
FROM ${ctx.subject} s
CROSS JOIN LATERAL (
  SELECT ST_Collect(c.poly) AS u FROM ${ctx.constraint} c
  WHERE ST_Intersects(s.poly, c.poly) AND c.poly IS NOT NULL${self}${constraintSel}
) k
CROSS JOIN LATERAL ${measured(difference(ctx, "s.poly", "k.u"))} o
WHERE s.poly IS NOT NULL${subjectSel} AND (o.err IS NOT NULL OR o.area > ${tol})`);
}

/** The within rule in SQL. */
export const withinSql: RuleSql<WithinRule> = {
  type: "within",
  query: withinQuery,
  ...rowByRow<WithinRule>((rule, row, ctx, facts) => pairFinding(rule, row, ctx, facts)),
};
