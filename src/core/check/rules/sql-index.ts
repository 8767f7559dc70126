import type { Rule, RuleType } from "../../catalog/rules-schema";
import type { RuleSql } from "../sql/context";
import { compatibilitySql } from "./compatibility/sql";
import { minDistanceSql } from "./min-distance/sql";
import { noOverlapSql } from "./no-overlap/sql";
import { quotaSql } from "./quota/sql";
import { validGeometrySql } from "./valid-geometry/sql";
import { withinSql } from "./within/sql";

/**
 * Every rule type compiled to SQL (the PostGIS engine). Kept apart from the in-process modules'
 * registry (`index.ts`) so the browser's check worker never bundles the SQL.
 */
const RULE_SQL: { [T in RuleType]: RuleSql<Extract<Rule, { type: T }>> } = {
  "no-overlap": noOverlapSql,
  within: withinSql,
  "min-distance": minDistanceSql,
  quota: quotaSql,
  compatibility: compatibilitySql,
  "valid-geometry": validGeometrySql,
};

/** The SQL of a rule's type. */
export function sqlFor<R extends Rule>(rule: R): RuleSql<R> {
  return RULE_SQL[rule.type] as unknown as RuleSql<R>;
}

/** The functions every rule type's queries call, in list order (created once per run). */
export function ruleSqlFunctions(): string[] {
  return Object.values(RULE_SQL).flatMap((sql) => sql.functions ?? []);
}
