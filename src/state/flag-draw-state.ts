import type { OwnGeometry } from "../core/review/index";

/** What a reviewer draws for a flag of their own. */
export type DrawShape = "polygon" | "point";

/**
 * Where drawing a flag of one's own stands. The map draws (terra-draw, `src/map/flag-draw.ts`) while
 * `drawing` or `editing`; `drawn` holds the finished shape until the reviewer adds a comment and
 * saves it (or cancels). `editing` holds the moved shape (null while untouched) until saved.
 */
export type FlagDrawState =
  | { kind: "idle" }
  | { kind: "drawing"; shape: DrawShape }
  | { kind: "drawn"; geometry: OwnGeometry }
  | { kind: "editing"; flagId: string; geometry: OwnGeometry | null };

export type FlagDrawAction =
  /** Start drawing a new flag (a drawing or edit in progress is dropped). */
  | { type: "draw-start"; shape: DrawShape }
  /** The map finished a shape. */
  | { type: "draw-finished"; geometry: OwnGeometry }
  /** Start moving or reshaping a drawn flag. */
  | { type: "draw-edit"; flagId: string }
  /** The map moved or reshaped the flag being edited. */
  | { type: "draw-edited"; geometry: OwnGeometry }
  /** Back to idle: cancelled, or saved. */
  | { type: "draw-end" };

export const IDLE_DRAW: FlagDrawState = { kind: "idle" };

/** The drawing reducer (pure). A map report that does not fit the current state is ignored. */
export function flagDrawReducer(state: FlagDrawState, action: FlagDrawAction): FlagDrawState {
  switch (action.type) {
    case "draw-start":
      return { kind: "drawing", shape: action.shape };
    case "draw-finished":
      return state.kind === "drawing" ? { kind: "drawn", geometry: action.geometry } : state;
    case "draw-edit":
      return { kind: "editing", flagId: action.flagId, geometry: null };
    case "draw-edited":
      return state.kind === "editing" ? { ...state, geometry: action.geometry } : state;
    case "draw-end":
      return state.kind === "idle" ? state : IDLE_DRAW;
  }
}
