import type { CheckResult } from "../core/check/index";
import type { PackedLayer } from "../io/packed-collection";
import type { RuleNotRun } from "./check-coverage";
import type { TriageFilter, TriageSort } from "./triage-filter";

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
  /** The findings' conflicting parts packed for the map by the check workers (absent: none sent). */
  drawn?: PackedLayer;
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
  /**
   * The finding that was selected (or named by a link) when a run finished without it: said
   * beside the results, until another finding is selected.
   */
  missing: string | null;
  /** What the reviewer narrowed the findings list to, and its order. */
  triage: { filter: TriageFilter; sort: TriageSort };
  /** Several conflicts under a map click: the reviewer picks one (null: no choice open). */
  choosing: string[] | null;
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
  | { type: "select-finding"; id: string | null }
  /** Changes part of the triage filter (an empty list or a missing part means "any"). */
  | { type: "set-triage-filter"; patch: Partial<TriageFilter> }
  | { type: "set-triage-sort"; sort: TriageSort }
  /** Replaces the filter and order as a whole (a link names them). */
  | { type: "set-triage"; triage: CheckState["triage"] }
  /**
   * The findings whose conflicts lie under a map click: one is selected at once, several open a
   * choice, none changes nothing.
   */
  | { type: "findings-clicked"; ids: string[] }
  | { type: "choice-closed" };

/** Every finding, largest conflict first. */
export const DEFAULT_TRIAGE: CheckState["triage"] = {
  filter: {},
  sort: { by: "area", direction: "desc" },
};

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
    missing: null,
    triage: DEFAULT_TRIAGE,
    choosing: null,
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
      const found = selected !== null && action.run.result.findings.some((f) => f.id === selected);
      return {
        ...state,
        running: null,
        last: action.run,
        selected: found ? selected : null,
        missing: selected !== null && !found ? selected : null,
        choosing: null,
      };
    }
    case "run-failed":
      if (state.running !== action.runId) return state;
      return { ...state, running: null, error: action.message };
    case "run-cancelled":
      if (state.running !== action.runId) return state;
      return { ...state, running: null, cancelled: true };
    case "set-group-by":
      return { ...state, groupBy: action.groupBy };
    case "select-finding": {
      // An id the last run did not find (a pasted link): said, not selected. Before any run, a
      // link's id is kept for the run it starts.
      const unknown =
        action.id !== null &&
        state.last !== null &&
        !state.last.result.findings.some((f) => f.id === action.id);
      return unknown
        ? { ...state, selected: null, missing: action.id, choosing: null }
        : { ...state, selected: action.id, missing: null, choosing: null };
    }
    case "set-triage-filter":
      return {
        ...state,
        triage: { ...state.triage, filter: { ...state.triage.filter, ...action.patch } },
      };
    case "set-triage-sort":
      return { ...state, triage: { ...state.triage, sort: action.sort } };
    case "set-triage":
      return { ...state, triage: action.triage };
    case "findings-clicked": {
      const ids = [...new Set(action.ids)];
      if (ids.length === 0) return state.choosing ? { ...state, choosing: null } : state;
      if (ids.length === 1)
        return { ...state, selected: ids[0] as string, missing: null, choosing: null };
      return { ...state, choosing: ids };
    }
    case "choice-closed":
      return state.choosing ? { ...state, choosing: null } : state;
  }
}
