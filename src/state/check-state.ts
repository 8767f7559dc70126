import type { CheckResult } from "../core/check/index";
import type { RuleNotRun } from "./check-coverage";

/** How the results list is grouped first (then by the next one in {@link GROUP_ORDER}). */
export const GROUP_BY = ["rule", "district", "severity"] as const;
export type GroupBy = (typeof GROUP_BY)[number];

/**
 * A finished run: its result, the rules selected for it, its wall time in ms, and the selected rules
 * it could not send to the checker because a layer they read did not load (see `runCoverage`).
 */
export type CheckRun = {
  result: CheckResult;
  rules: string[];
  elapsedMs: number;
  skipped: RuleNotRun[];
};

/** The check panel's state. Findings live here, so they survive a language switch. */
export type CheckState = {
  /** Rules the user unticked; every other rule is checked (so new rules start ticked). */
  unchecked: string[];
  /** The run in progress (its id), or null when idle. */
  running: number | null;
  /** Units (subject feature × rule) done and in all, for the run in progress. */
  progress: { done: number; total: number };
  /** The last run that finished; a failed or cancelled run keeps it. */
  last: CheckRun | null;
  /** Why the last run failed, until the next run starts. */
  error: string | null;
  /** The last run was cancelled (shown as "Đã huỷ" until the next run). */
  cancelled: boolean;
  groupBy: GroupBy;
  /** Id of the finding shown on the map. */
  selected: string | null;
};

export type CheckAction =
  | { type: "toggle-rule"; id: string; on: boolean }
  /** Ticks or unticks every rule in `ids`. */
  | { type: "set-all-rules"; ids: string[]; on: boolean }
  | { type: "run-started"; runId: number }
  | { type: "run-progress"; runId: number; done: number; total: number }
  | { type: "run-done"; runId: number; run: CheckRun }
  | { type: "run-failed"; runId: number; message: string }
  | { type: "run-cancelled"; runId: number }
  | { type: "set-group-by"; groupBy: GroupBy }
  | { type: "select-finding"; id: string | null };

export function initialCheckState(): CheckState {
  return {
    unchecked: [],
    running: null,
    progress: { done: 0, total: 0 },
    last: null,
    error: null,
    cancelled: false,
    groupBy: "rule",
    selected: null,
  };
}

/** The ids of `ruleIds` that are ticked, in their order. */
export function checkedRules(
  state: Pick<CheckState, "unchecked">,
  ruleIds: readonly string[],
): string[] {
  return ruleIds.filter((id) => !state.unchecked.includes(id));
}

/**
 * Applies one action. Messages of a run that is not the one in progress (cancelled, or replaced by a
 * newer run) are ignored, so a cancelled run can never bring its findings in late.
 */
export function checkReducer(state: CheckState, action: CheckAction): CheckState {
  switch (action.type) {
    case "toggle-rule": {
      const rest = state.unchecked.filter((id) => id !== action.id);
      return { ...state, unchecked: action.on ? rest : [...rest, action.id] };
    }
    case "set-all-rules": {
      const rest = state.unchecked.filter((id) => !action.ids.includes(id));
      return { ...state, unchecked: action.on ? rest : [...rest, ...action.ids] };
    }
    case "run-started":
      return {
        ...state,
        running: action.runId,
        progress: { done: 0, total: 0 },
        error: null,
        cancelled: false,
      };
    case "run-progress":
      if (state.running !== action.runId) return state;
      return { ...state, progress: { done: action.done, total: action.total } };
    case "run-done": {
      if (state.running !== action.runId) return state;
      // A finding keeps its id from run to run: one still found stays selected (and on the map).
      const { selected } = state;
      const kept =
        selected !== null && action.run.result.findings.some((f) => f.id === selected)
          ? selected
          : null;
      return { ...state, running: null, last: action.run, selected: kept };
    }
    case "run-failed":
      if (state.running !== action.runId) return state;
      return { ...state, running: null, error: action.message };
    case "run-cancelled":
      if (state.running !== action.runId) return state;
      return { ...state, running: null, cancelled: true };
    case "set-group-by":
      return { ...state, groupBy: action.groupBy };
    case "select-finding":
      return { ...state, selected: action.id };
  }
}
