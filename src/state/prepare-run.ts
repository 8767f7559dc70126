import { type Finding, PAGE_SLICE_MS, stepsInSlices, yieldToEventLoop } from "../core/check/index";
import { type AttachedFlags, attachFlags, type Flag } from "../core/review/index";
import { groupFindingsSteps } from "./check-groups";
import type { CheckState } from "./check-state";
import { sharedRuleMessages } from "./rule-messages";
import { applyTriageSteps, statusFromFlags, type TriageView } from "./triage-filter";
import { indexFindingsSteps, type TriageIndex } from "./triage-index";

/** What the findings panel shows a run with, as it was when the run was prepared. */
export type PreparedRun = {
  findings: readonly Finding[];
  index: TriageIndex;
  flags: ReadonlyMap<string, Flag>;
  attached: AttachedFlags;
  triage: CheckState["triage"];
  view: TriageView;
};

/** What the steps read when each runs (the panel's latest, not those of when the run came). */
export type PrepareInputs = {
  flags: ReadonlyMap<string, Flag>;
  triage: CheckState["triage"];
  groupBy: CheckState["groupBy"];
  ruleOrder: readonly string[];
  districtName: (code: string) => string;
};

/**
 * A run's lists worked out in steps — its triage index, its flags, the filtered view, the groups
 * and the rules' shared sentences (the last two kept by `groupFindings` and `sharedRuleMessages`
 * for the list that asks for them next) — instead of all in the render that first shows it: for a
 * proposal's 20 000 findings that render held the page's thread for a third of a second and more.
 * `wait` comes before each pass; a pass over many findings (the index, its sort, the view, the
 * groups) pauses again every `sliceMs` (see `core/check/steps.ts`): one pass over 20 000 findings
 * took 20–110 ms on a busy machine. Null when `signal` aborted (a newer run came).
 */
export async function prepareRun(
  findings: readonly Finding[],
  read: () => PrepareInputs,
  {
    signal,
    wait = yieldToEventLoop,
    sliceMs = PAGE_SLICE_MS,
  }: { signal?: AbortSignal; wait?: () => Promise<void>; sliceMs?: number } = {},
): Promise<PreparedRun | null> {
  const step = async () => {
    await wait();
    return !signal?.aborted;
  };
  const inSlices = <T>(steps: Generator<void, T>) =>
    stepsInSlices(steps, { sliceMs, wait, ...(signal ? { signal } : {}) });
  try {
    if (!(await step())) return null;
    const index = await inSlices(indexFindingsSteps(findings));
    if (!(await step())) return null;
    const { flags } = read();
    const attached = attachFlags(flags.values(), findings);
    if (!(await step())) return null;
    const { triage } = read();
    const statusOf = statusFromFlags(attached.byFinding);
    const view = await inSlices(applyTriageSteps(index, triage.filter, triage.sort, statusOf));
    if (!(await step())) return null;
    // the groups the findings list asks for (CheckResults: the filtered order kept)
    const { groupBy, ruleOrder, districtName } = read();
    const context = { ruleOrder, districtName, keepOrder: true };
    await inSlices(groupFindingsSteps(view.findings, groupBy, context));
    if (!(await step())) return null;
    sharedRuleMessages(findings);
    return { findings, index, flags, attached, triage, view };
  } catch (error) {
    if (signal?.aborted) return null;
    throw error;
  }
}
