import type { RuleSql, RuleSqlContext, SqlRow } from "../../sql/context";
import { districtsColumn, geodesicArea, intersection, selected } from "../../sql/fragments";
import { pairFindings } from "../../sql/pair-sql";
import { SqlParams } from "../../sql/query";
import { finalizeQuota, type QuotaPart } from "./finalize";
import type { QuotaRule } from "./schema";

// Columns and context only this type's query has (see `SqlRow` in ../../sql/context.ts).
declare module "../../sql/context" {
  interface SqlRow {
    /** A district code (null for the city) and its m². */
    district?: string | null;
    m2?: number | null;
  }
}

/**
 * quota in SQL: each matching subject's spheroidal area for the city, and per district (by an
 * attribute, or by intersecting the district layer), summed with GROUP BY; the targets are compared
 * in JS by the same `finalizeQuota` as in process. A failing intersection with a district is a
 * not-computed row of its subject.
 */
function quotaQuery(rule: QuotaRule, ctx: RuleSqlContext) {
  const params = new SqlParams();
  const source = rule.districtSource;
  const area = geodesicArea("s.poly");
  const sel = () => selected("s", ctx.subjectSelection, params);
  const city = `SELECT NULL::text AS district, ${area} AS m2, s.idx AS s, NULL::text AS err
    FROM ${ctx.subject} s WHERE s.poly IS NOT NULL${sel()}`;
  let byDistrict: string;
  if (source.kind === "attribute") {
    const attribute = params.add(source.attribute, "text");
    byDistrict = `SELECT s.props ->> ${attribute}, ${area}, s.idx, NULL::text
    FROM ${ctx.subject} s
    WHERE s.poly IS NOT NULL AND jsonb_typeof(s.props -> ${attribute}) IN ('string', 'number')${sel()}`;
  } else if (ctx.districts) {
    byDistrict = `SELECT d.code, ${geodesicArea("o.g")}, s.idx, o.err
    FROM ${ctx.subject} s
    JOIN ${ctx.districts} d ON ST_Intersects(s.poly, d.poly)
    CROSS JOIN LATERAL ${intersection(ctx, "s.poly", "d.poly")} o
    WHERE s.poly IS NOT NULL${sel()}`;
  } else {
    byDistrict = "SELECT NULL::text, NULL::float8, NULL::int, NULL::text WHERE false";
  }
  return params.query(`WITH parts AS MATERIALIZED (
  ${city}
  UNION ALL
  ${byDistrict}
)
SELECT p.district, sum(p.m2) AS m2, NULL::int AS s, NULL::text AS sid, NULL::text AS err,
  NULL::json AS districts
FROM parts p WHERE p.err IS NULL GROUP BY p.district
UNION ALL
SELECT NULL, NULL, p.s, s.fid, p.err, ${districtsColumn(ctx, "s", "NULL::geometry")}
FROM parts p JOIN ${ctx.subject} s ON s.idx = p.s WHERE p.err IS NOT NULL`);
}

/** The quota rule in SQL. */
export const quotaSql: RuleSql<QuotaRule> = {
  type: "quota",
  query: quotaQuery,
  findings(rule, rows, ctx, facts) {
    const sums: SqlRow[] = rows.filter((r) => r.err === null);
    const parts: QuotaPart[] = sums.map((r) => ({
      subject: 0,
      district: r.district ?? null,
      squareMeters: Number(r.m2 ?? 0),
    }));
    const failed = rows.filter((r) => r.err !== null);
    return [
      ...pairFindings(rule, failed, ctx, facts, rule.subject.layer, null),
      ...finalizeQuota([{ rule, prevailing: facts.prevailing, message: facts.message, parts }]),
    ];
  },
};
