import type { LayerSelection } from "../../catalog/rules-schema";
import { authorityFinding } from "./area-finding";
import type { FindingContext, RuleSqlContext, SqlRow } from "./context";
import {
  districtsColumn,
  geojsonColumn,
  intersection,
  measured,
  selected,
  subjectAreaColumn,
} from "./fragments";
import type { SqlParams, SqlQuery } from "./query";

/** What a pair rule adds to the shared pair query. */
export type PairParts = {
  /** Extra output columns, each `expr AS name`. */
  columns?: string[];
  /** LATERAL sources joined before the overlap is computed (their filters come first). */
  lateral?: string[];
  /** Extra conditions on the pair, checked before any geometry is clipped. */
  where?: string[];
};

/**
 * The pairs of subject × constraint features whose interiors overlap by more than `tolerance` m²
 * (no-overlap, compatibility): candidates by the GiST index (`ST_Intersects`), the overlap by
 * `ST_Intersection`, its area on the spheroid. A failing intersection is a row with `err` in safe
 * mode. On one layer, a feature never pairs with itself and, with the same filter on both sides,
 * each unordered pair comes once (the in-process engine's `candidatesOf`).
 */
export function overlapPairsQuery(
  ctx: RuleSqlContext,
  params: SqlParams,
  tolerance: number,
  parts: PairParts = {},
): SqlQuery {
  if (!ctx.constraint) throw new RangeError("a pair rule needs a constraint relation");
  const self =
    ctx.self === "after" ? " AND c.idx > s.idx" : ctx.self === "other" ? " AND c.idx <> s.idx" : "";
  const columns = (parts.columns ?? []).map((c) => `,\n  ${c}`).join("");
  const lateral = (parts.lateral ?? []).map((l) => `\nCROSS JOIN LATERAL ${l}`).join("");
  const where = (parts.where ?? []).map((w) => ` AND ${w}`).join("");
  const subjectSel = selected("s", ctx.subjectSelection, params);
  const constraintSel = selected("c", ctx.constraintSelection, params);
  const tol = params.add(tolerance, "float8");
  return params.query(`SELECT s.idx AS s, s.fid AS sid, c.idx AS c, c.fid AS cid, o.err,
  ${geojsonColumn(ctx, "o.g")} AS geojson, o.area, ${subjectAreaColumn("s")} AS subject_area,
  ${districtsColumn(ctx, "s", "o.g")} AS districts${columns}
FROM ${ctx.subject} s
JOIN ${ctx.constraint} c ON ST_Intersects(s.poly, c.poly)${self}${lateral}
CROSS JOIN LATERAL ${measured(intersection(ctx, "s.poly", "c.poly"))} o
WHERE s.poly IS NOT NULL AND c.poly IS NOT NULL${subjectSel}${constraintSel}${where}
  AND (o.err IS NOT NULL OR o.area > ${tol})`);
}

/**
 * The pairs a rule on one layer keeps, as `pairCandidates` decides in process: each unordered pair
 * once when both sides filter alike, else every other feature (for `RuleSql.context`).
 */
export function selfPairs(
  rule: { subject: LayerSelection; constraint: LayerSelection },
  ctx: RuleSqlContext,
): RuleSqlContext {
  if (!ctx.sameLayer) return ctx;
  const symmetric = JSON.stringify(rule.subject.filter) === JSON.stringify(rule.constraint.filter);
  return { ...ctx, self: symmetric ? "after" : "other" };
}

/** The finding of a pair row (`rule.subject` against `rule.constraint`), as in process. */
export function pairFinding(
  rule: Extract<Parameters<typeof authorityFinding>[0], { constraint: unknown }>,
  row: SqlRow,
  ctx: RuleSqlContext,
  facts: FindingContext,
  extra: Parameters<typeof authorityFinding>[5] = {},
) {
  return authorityFinding(rule, row, facts, rule.subject.layer, rule.constraint.layer, extra, ctx);
}

/** The findings of pair rows, as `areaFinding` and `notComputed` make them in process. */
export function pairFindings(
  rule: Parameters<typeof authorityFinding>[0],
  rows: SqlRow[],
  ctx: RuleSqlContext,
  facts: FindingContext,
  subjectLayer: string,
  constraintLayer: string | null,
  extra: (row: SqlRow) => Parameters<typeof authorityFinding>[5] = () => ({}),
) {
  return rows.map((row) =>
    authorityFinding(rule, row, facts, subjectLayer, constraintLayer, extra(row), ctx),
  );
}
