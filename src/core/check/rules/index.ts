import type { Rule, RuleType } from "../../catalog/rules-schema";
import { compatibility } from "./compatibility/check";
import { minDistance } from "./min-distance/check";
import { noOverlap } from "./no-overlap/check";
import { quota } from "./quota/check";
import type { RuleModule } from "./types";
import { validGeometry } from "./valid-geometry/check";
import { within } from "./within/check";

/** Every rule type and the module that checks it in process (see `types.ts` for the other lists). */
const RULE_MODULES: { [T in RuleType]: RuleModule<Extract<Rule, { type: T }>> } = {
  "no-overlap": noOverlap,
  within,
  "min-distance": minDistance,
  quota,
  compatibility,
  "valid-geometry": validGeometry,
};

/** The module of a rule's type. */
export function moduleFor<R extends Rule>(rule: R): RuleModule<R> {
  return RULE_MODULES[rule.type] as unknown as RuleModule<R>;
}

/** The module of a rule type (rules arrive checked: the type is one of the list's). */
export function moduleOfType(type: RuleType): RuleModule<Rule> {
  return RULE_MODULES[type] as unknown as RuleModule<Rule>;
}
