import type { Rule } from "../../catalog/rules-schema";
import type { Engine } from "../context";
import type { Finding } from "../types";
import type { QuotaAccumulator } from "./quota/check";

/** A rule bound to prepared layers: one unit of work per subject feature. */
export type RuleChecker = {
  /** Indices of the subject features to visit. */
  subjects: number[];
  /** Checks one subject feature, appending findings; never throws on bad data. */
  check(subjectIndex: number, out: Finding[]): void;
  /** Quota: the sums of the features visited so far (merged across partitions). */
  accumulator?: () => QuotaAccumulator;
};

/** One rule type: binds a rule to the engine. Layers named by the rule are known to be loaded. */
export type RuleModule<R extends Rule> = {
  type: R["type"];
  /** The roles whose layers must be polygonal for the type to make sense (else the rule is left out). */
  polygonal: readonly ("subject" | "constraint")[];
  create(rule: R, engine: Engine): RuleChecker;
};
