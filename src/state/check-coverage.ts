import { type Rule, referencedLayers } from "../core/catalog/rules-schema";
import type { CheckProblem } from "../core/check/index";
import type { LayerFailure } from "./check-data";
import type { CheckRun } from "./check-state";

/**
 * Whether an engine problem means something was not checked: its rule (or, with no rule, the run)
 * did not run ("error"), rather than ran with a caveat ("warning").
 */
export function problemStopsRule(problem: CheckProblem): boolean {
  return problem.severity === "error";
}

/** A selected rule that did not run, and why. */
export type RuleNotRun = {
  rule: string;
  /** Layers it reads whose file could not be loaded (the rule was not sent to the checker). */
  unreadable: LayerFailure[];
  /** The checker's error problems for it (the checker left it out). */
  problems: CheckProblem[];
};

/**
 * Splits the selected rules into those whose layers all loaded and those reading a layer that
 * failed, which cannot run. Both keep the order of `rules`.
 */
export function splitRunnable(
  rules: readonly Rule[],
  failed: readonly LayerFailure[],
): { runnable: Rule[]; blocked: RuleNotRun[] } {
  const failedById = new Map(failed.map((f) => [f.layer, f]));
  const runnable: Rule[] = [];
  const blocked: RuleNotRun[] = [];
  for (const rule of rules) {
    const unreadable = [...new Set(referencedLayers(rule).map((l) => l.id))].flatMap(
      (id) => failedById.get(id) ?? [],
    );
    if (unreadable.length === 0) runnable.push(rule);
    else blocked.push({ rule: rule.id, unreadable, problems: [] });
  }
  return { runnable, blocked };
}

/** How much of a run's selection was checked. */
export type Coverage = {
  /** Ids of the selected rules that ran, in selection order. */
  ran: string[];
  /** Selected rules that did not run, in selection order, with why. */
  notRun: RuleNotRun[];
  /** Error problems tied to no rule: the run as a whole missed something. */
  general: CheckProblem[];
  /** Every selected rule ran on all its layers: only then may the panel say "no conflicts". */
  complete: boolean;
};

/**
 * Which selected rules of a finished run did not run: those not sent for want of a layer, those the
 * checker reported an error problem for, and those missing from its per-rule totals (it left them
 * out without a word).
 */
export function runCoverage(run: Pick<CheckRun, "rules" | "skipped" | "result">): Coverage {
  const skipped = new Map(run.skipped.map((s) => [s.rule, s]));
  const totalled = new Set(run.result.summary.map((s) => s.rule));
  const errors = run.result.problems.filter((p) => problemStopsRule(p));
  const ran: string[] = [];
  const notRun: RuleNotRun[] = [];
  for (const id of run.rules) {
    const problems = errors.filter((p) => p.rule === id);
    const before = skipped.get(id);
    if (before) notRun.push(before);
    else if (problems.length > 0 || !totalled.has(id))
      notRun.push({ rule: id, unreadable: [], problems });
    else ran.push(id);
  }
  const general = errors.filter((p) => p.rule === null);
  return { ran, notRun, general, complete: notRun.length === 0 && general.length === 0 };
}

/**
 * The checker's problems that `coverage` does not already give as why a rule did not run: its
 * warnings, and errors tied to no rule. The panel lists each problem once.
 */
export function checkerNotes(
  problems: readonly CheckProblem[],
  coverage: Coverage,
): CheckProblem[] {
  const told = new Set(coverage.notRun.flatMap((entry) => entry.problems));
  return problems.filter((p) => !told.has(p));
}

/** What the summary may say about a run's findings. */
export type Verdict =
  /** There are findings: show their counts. */
  | "findings"
  /** None, and every selected rule ran on all its layers: the one case for "no conflicts". */
  | "no-conflicts"
  /** None from the rules that ran; others did not run, so nothing is said about them. */
  | "none-from-rules-run"
  /** No rule ran: nothing was checked. */
  | "nothing-checked";

/** What the summary may say about a run with `findings` findings and the given coverage. */
export function verdictOf(coverage: Coverage, findings: number): Verdict {
  if (findings > 0) return "findings";
  if (coverage.complete) return "no-conflicts";
  return coverage.ran.length > 0 ? "none-from-rules-run" : "nothing-checked";
}
