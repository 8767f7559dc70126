import type { Finding } from "../core/check/index";
import { type AttachedFlags, attachFlags, type Flag } from "../core/review/index";
import { groupFindings } from "./check-groups";
import type { CheckState } from "./check-state";
import { sharedRuleMessages } from "./rule-messages";
import { applyTriage, statusFromFlags, type TriageView } from "./triage-filter";
import { indexFindings, type TriageIndex } from "./triage-index";

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

/** Gives the event loop a turn: input, painting and the map's frames go before the next step. */
const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/**
 * A run's lists worked out a step per task — its triage index, its flags, the filtered view, the
 * groups and the rules' shared sentences (the last two kept by `groupFindings` and
 * `sharedRuleMessages` for the list that asks for them next) — instead of all in the render that
 * first shows it: for a proposal's 20 000 findings that render held the page's thread for a third
 * of a second and more. Each step is a pass over the findings (the index's a sort too); `wait`
 * comes before each. Null when `signal` aborted (a newer run came).
 */
export async function prepareRun(
  findings: readonly Finding[],
  read: () => PrepareInputs,
  { signal, wait = nextTask }: { signal?: AbortSignal; wait?: () => Promise<void> } = {},
): Promise<PreparedRun | null> {
  const step = async () => {
    await wait();
    return !signal?.aborted;
  };
  if (!(await step())) return null;
  const index = indexFindings(findings);
  if (!(await step())) return null;
  const { flags } = read();
  const attached = attachFlags(flags.values(), findings);
  if (!(await step())) return null;
  const { triage } = read();
  const view = applyTriage(index, triage.filter, triage.sort, statusFromFlags(attached.byFinding));
  if (!(await step())) return null;
  // the groups the findings list asks for (CheckResults: the filtered order kept)
  const { groupBy, ruleOrder, districtName } = read();
  groupFindings(view.findings, groupBy, { ruleOrder, districtName, keepOrder: true });
  if (!(await step())) return null;
  sharedRuleMessages(findings);
  return { findings, index, flags, attached, triage, view };
}
