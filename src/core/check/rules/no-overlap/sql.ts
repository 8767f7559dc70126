import type { RuleSql } from "../../sql/context";
import { overlapPairsQuery, pairFindings, selfPairs } from "../../sql/pair-sql";
import { SqlParams } from "../../sql/query";
import type { NoOverlapRule } from "./schema";

/** no-overlap in SQL: every overlapping pair over the tolerance (`overlapPairsQuery`). */
export const noOverlapSql: RuleSql<NoOverlapRule> = {
  type: "no-overlap",
  context: (rule, ctx) => selfPairs(rule, ctx),
  query: (rule, ctx) => overlapPairsQuery(ctx, new SqlParams(), rule.toleranceSquareMeters),
  findings: (rule, rows, ctx, facts) =>
    pairFindings(rule, rows, ctx, facts, rule.subject.layer, rule.constraint.layer),
};
