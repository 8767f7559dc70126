import type { Rule } from "../catalog/rules-schema";
import type { RuleAccumulator } from "./rules/types";
import type { CheckStats, Finding } from "./types";

/**
 * What one rule found over its share of one partition: kept by a check worker so that a later run
 * over the same layers does not check that rule again. The check is pure, so the same rule over
 * the same data, grid origin and share of the units finds the same things.
 */
export type RuleOutcome = {
  findings: Finding[];
  /** For each finding, the position of its subject in the rule's subject list. */
  subjects: number[];
  /** Rules that add up over partitions (quota): what the subjects visited added up to. */
  accumulator: RuleAccumulator | null;
  /** Units visited and the counters they moved. */
  stats: CheckStats;
};

/**
 * Outcomes of rules already checked, by {@link ruleMemoKey}. Valid for one set of layers (and
 * districts and catalogue) only: whoever holds it starts a new one when the data changes.
 */
export type RuleMemo = Map<string, RuleOutcome>;

/**
 * The key of a rule's outcome: the rule as written (rules arrive as copies, so not by identity),
 * the kernel's grid origin (it decides the rounding of every clipped coordinate) and which of the
 * rule's subjects the partition visits (units are dealt out across the rules in order, so the
 * share depends on the units of the rules before it).
 */
export function ruleMemoKey(
  rule: Rule,
  origin: string,
  part: { index: number; count: number },
  firstUnit: number,
): string {
  const offset = (((part.index - firstUnit) % part.count) + part.count) % part.count;
  return `${part.count}:${offset}:${origin}:${JSON.stringify(rule)}`;
}

/** Counters of `after` minus those of `before`. */
export function statsSince(after: CheckStats, before: CheckStats): CheckStats {
  return {
    units: after.units - before.units,
    candidatePairs: after.candidatePairs - before.candidatePairs,
    shortcutPairs: after.shortcutPairs - before.shortcutPairs,
    kernelCalls: after.kernelCalls - before.kernelCalls,
  };
}
