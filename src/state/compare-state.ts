import type { ComparePiece, PlanComparison } from "../core/compare/index";
import type { PackedLayer } from "../io/packed-collection";
import { type TransitionColors, transitionColors } from "../map/compare-layers";

/** A finished comparison, with the colours its map layers and panel share. */
export type CompareDone = {
  comparison: PlanComparison;
  colors: TransitionColors;
  /** The drawable pieces packed by the worker, for the map (absent: made from the pieces). */
  mapPieces?: PackedLayer;
  elapsedMs: number;
};

/**
 * The comparison's state: the run in progress or how the last one ended, the last result, the piece
 * shown on the map. Messages of a run that is no longer the latest are ignored.
 */
export type CompareState = {
  /** Id of the latest run (0 before the first). */
  runId: number;
  /** The latest run while it runs, or how it ended without a result; null once it succeeded. */
  run:
    | { status: "running"; done: number; total: number }
    | { status: "cancelled" }
    | { status: "failed"; message: string }
    | null;
  /** The latest result; a new run clears it (it belongs to the proposal compared before). */
  last: CompareDone | null;
  /** Id of the piece shown on the map. */
  selected: string | null;
};

export type CompareAction =
  | { type: "compare-started"; runId: number }
  | { type: "compare-progress"; runId: number; done: number; total: number }
  | {
      type: "compare-done";
      runId: number;
      comparison: PlanComparison;
      /** The drawable pieces packed by the worker (see `packedComparePieces`). */
      mapPieces?: PackedLayer;
      elapsedMs: number;
    }
  | { type: "compare-failed"; runId: number; message: string }
  | { type: "compare-cancelled"; runId: number }
  | { type: "select-piece"; id: string | null }
  /** Forgets the comparison (the proposal was removed). */
  | { type: "compare-cleared" };

export const initialCompareState: CompareState = {
  runId: 0,
  run: null,
  last: null,
  selected: null,
};

/** The comparison's reducer (pure): see {@link CompareState}. */
export function compareReducer(state: CompareState, action: CompareAction): CompareState {
  switch (action.type) {
    case "compare-started":
      return {
        runId: action.runId,
        run: { status: "running", done: 0, total: 0 },
        last: null,
        selected: null,
      };
    case "compare-cleared":
      return { ...initialCompareState, runId: state.runId };
    case "select-piece":
      return state.selected === action.id ? state : { ...state, selected: action.id };
  }
  if (action.runId !== state.runId || state.run?.status !== "running") return state;
  switch (action.type) {
    case "compare-progress":
      return { ...state, run: { status: "running", done: action.done, total: action.total } };
    case "compare-done":
      return {
        ...state,
        run: null,
        last: {
          comparison: action.comparison,
          colors: transitionColors(action.comparison.summary),
          ...(action.mapPieces ? { mapPieces: action.mapPieces } : {}),
          elapsedMs: action.elapsedMs,
        },
      };
    case "compare-failed":
      return { ...state, run: { status: "failed", message: action.message } };
    case "compare-cancelled":
      return { ...state, run: { status: "cancelled" } };
  }
}

/** The selected piece of the last result, or null. */
export function selectedPiece(state: CompareState): ComparePiece | null {
  if (state.selected === null || !state.last) return null;
  return state.last.comparison.pieces.find((p) => p.id === state.selected) ?? null;
}
