import { type RuleSql, type RuleSqlContext, rowByRow } from "../../sql/context";
import { overlapPairsQuery, pairFinding, selfPairs } from "../../sql/pair-sql";
import { SqlParams } from "../../sql/query";
import { matrixValues } from "./check";
import { constraintKeys } from "./descriptor";
import type { CompatibilityRule } from "./schema";

// Columns and context only this type's query has (see `SqlRow` in ../../sql/context.ts).
declare module "../../sql/context" {
  interface RuleSqlContext {
    /**
     * The matrix side of every feature of the two layers, as the in-process rule reads them
     * (`matrixValues`), indexed by feature position; decided in JS, sent as two arrays.
     */
    matrixValues?: { subject: string[]; constraint: string[] };
  }
  interface SqlRow {
    /** The pair's subject and constraint values and the matrix's verdict. */
    sv?: string | null;
    cv?: string | null;
    verdict?: string | null;
  }
}

/**
 * compatibility in SQL: the overlap pairs whose (subject value, constraint value) entry of the matrix
 * (a jsonb parameter; pairs missing take the default verdict) is not "allowed", filtered before any
 * geometry is clipped. Forbidden overlaps are errors, conditional ones warnings.
 */
function compatibilityQuery(rule: CompatibilityRule, ctx: RuleSqlContext) {
  const values = ctx.matrixValues;
  if (!values) throw new RangeError("compatibility SQL needs the features' matrix values");
  const params = new SqlParams();
  const sv = params.add(values.subject, "text[]");
  const cv = params.add(values.constraint, "text[]");
  const matrix = params.add(JSON.stringify(rule.matrix), "jsonb");
  const fallback = params.add(rule.defaultVerdict, "text");
  return overlapPairsQuery(ctx, params, rule.toleranceSquareMeters, {
    columns: ["v.sv", "v.cv", "v.verdict"],
    lateral: [
      `(SELECT coalesce((${sv})[s.idx + 1], '') AS sv, coalesce((${cv})[c.idx + 1], '') AS cv) w`,
      `(SELECT w.sv, w.cv, coalesce(${matrix} -> w.sv ->> w.cv, ${fallback}) AS verdict) v`,
    ],
    where: ["v.verdict <> 'allowed'"],
  });
}

/** The compatibility rule in SQL. */
export const compatibilitySql: RuleSql<CompatibilityRule> = {
  type: "compatibility",
  context(rule, ctx, { subject, constraint }) {
    if (!constraint) return selfPairs(rule, ctx);
    // the matrix side of every feature, as the in-process rule reads them
    const matrixValuesOf = {
      subject: matrixValues(subject, rule.subjectAttribute, Object.keys(rule.matrix)),
      constraint: matrixValues(constraint, rule.constraintAttribute, constraintKeys(rule.matrix)),
    };
    return { ...selfPairs(rule, ctx), matrixValues: matrixValuesOf };
  },
  query: compatibilityQuery,
  ...rowByRow<CompatibilityRule>((rule, row, ctx, facts) =>
    pairFinding(rule, row, ctx, facts, {
      severity: row.verdict === "forbidden" ? "error" : "warning",
      measures: {
        subjectValue: row.sv ?? "",
        constraintValue: row.cv ?? "",
        verdict: row.verdict === "forbidden" ? "forbidden" : "conditional",
      },
    }),
  ),
};
