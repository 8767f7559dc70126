import type { ValidGeometryRule } from "../../../catalog/rules-schema";
import type { RuleSql, RuleSqlContext } from "../../sql/context";
import { SqlParams } from "../../sql/query";

function validGeometryQuery(_rule: ValidGeometryRule, _ctx: RuleSqlContext) {
  return new SqlParams().query("SELECT NULL::int AS s WHERE false");
}

/** The valid-geometry rule in SQL. */
export const validGeometrySql: RuleSql<ValidGeometryRule> = {
  type: "valid-geometry",
  query: validGeometryQuery,
  findings: () => [],
};
