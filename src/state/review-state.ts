import type { FlagStoreSnapshot } from "./flag-store/index";

/**
 * The reviewers' slice: the flags as the flag store last reported them (null until it has been
 * opened) and the name flags are signed with. The flag store keeps and saves the events; this
 * slice is what the panels render.
 */
export type ReviewState = {
  flags: FlagStoreSnapshot | null;
  /** The reviewer's name as typed (kept in the browser by the app); empty until given. */
  reviewer: string;
};

export type ReviewAction =
  /** The flag store's snapshot changed (a flag added, a save finished or failed, another tab). */
  { type: "flags-changed"; snapshot: FlagStoreSnapshot } | { type: "set-reviewer"; name: string };

export const initialReviewState = (reviewer = ""): ReviewState => ({ flags: null, reviewer });

/** The reviewers' reducer (pure). */
export function reviewReducer(state: ReviewState, action: ReviewAction): ReviewState {
  switch (action.type) {
    case "flags-changed":
      return state.flags === action.snapshot ? state : { ...state, flags: action.snapshot };
    case "set-reviewer":
      return state.reviewer === action.name ? state : { ...state, reviewer: action.name };
  }
}
