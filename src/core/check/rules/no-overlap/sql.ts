import { type RuleSql, rowByRow } from "../../sql/context";
import { overlapPairsQuery, pairFinding, selfPairs } from "../../sql/pair-sql";
import { SqlParams } from "../../sql/query";
import type { NoOverlapRule } from "./schema";

/** no-overlap in SQL: every overlapping pair over the tolerance (`overlapPairsQuery`). */
export const noOverlapSql: RuleSql<NoOverlapRule> = {
  type: "no-overlap",
  context: (rule, ctx) => selfPairs(rule, ctx),
  query: (rule, ctx) => overlapPairsQuery(ctx, new SqlParams(), rule.toleranceSquareMeters),
  ...rowByRow<NoOverlapRule>((rule, row, ctx, facts) => pairFinding(rule, row, ctx, facts)),
};
