import { may, type ReviewRight } from "../core/review/review-roles";
import {
  type FlagDrawAction,
  type FlagDrawState,
  flagDrawReducer,
  IDLE_DRAW,
} from "./flag-draw-state";
import type { FlagStoreSnapshot, ServerChoice, ServerSession } from "./flag-store/index";

/**
 * The review server the app is served by (`npm run serve`), for the status line: sign in first,
 * no review to open, or the shared review and whether the server answers now.
 */
export type ReviewServerState =
  | Exclude<ServerChoice, { kind: "none" } | { kind: "review" }>
  | { kind: "review"; session: ServerSession; online: boolean };

/**
 * The reviewers' slice: the flags as the flag store last reported them (null until it has been
 * opened) and the name flags are signed with. The flag store keeps and saves the events; this
 * slice is what the panels render.
 */
export type ReviewState = {
  flags: FlagStoreSnapshot | null;
  /** The reviewer's name as typed (kept in the browser by the app); empty until given. */
  reviewer: string;
  /** A flag of the reviewer's own being drawn or moved on the map (see `flag-draw-state.ts`). */
  draw: FlagDrawState;
  /** The review server, or null when the app is not served by one (flags in the browser). */
  server: ReviewServerState | null;
};

export type ReviewAction =
  /** The flag store's snapshot changed (a flag added, a save finished or failed, another tab). */
  | { type: "flags-changed"; snapshot: FlagStoreSnapshot }
  | { type: "set-reviewer"; name: string }
  | { type: "server-changed"; server: ReviewServerState | null }
  | FlagDrawAction;

export const initialReviewState = (reviewer = ""): ReviewState => ({
  flags: null,
  reviewer,
  draw: IDLE_DRAW,
  server: null,
});

/** The reviewers' reducer (pure). */
export function reviewReducer(state: ReviewState, action: ReviewAction): ReviewState {
  switch (action.type) {
    case "flags-changed":
      return state.flags === action.snapshot ? state : { ...state, flags: action.snapshot };
    case "set-reviewer":
      return state.reviewer === action.name ? state : { ...state, reviewer: action.name };
    case "server-changed":
      return { ...state, server: action.server };
    default: {
      const draw = flagDrawReducer(state.draw, action);
      return draw === state.draw ? state : { ...state, draw };
    }
  }
}

/** Which of a flag's controls the user is shown: those their role allows here (see {@link mayHere}). */
export type FlagAbilities = {
  /** flag a finding */
  flag: boolean;
  /** change a flag's status */
  status: boolean;
  /** comment on a flag */
  comment: boolean;
  /** restore a deleted flag */
  edit: boolean;
  /** address a comment to the consultant */
  address: boolean;
};

/**
 * The controls a flag card shows. A consultant or viewer on the review server is not offered a
 * status menu the server would refuse: a control they may not use is not drawn at all.
 */
export function flagAbilities(server: ReviewServerState | null): FlagAbilities {
  return {
    flag: mayHere(server, "flag"),
    status: mayHere(server, "status"),
    comment: mayHere(server, "comment"),
    edit: mayHere(server, "edit"),
    address: mayHere(server, "address"),
  };
}

/**
 * Whether the user may exercise `right` here: on the review server, as their role says (the
 * server refuses the rest anyway); without it, everything (the flags are the browser's own).
 */
export function mayHere(server: ReviewServerState | null, right: ReviewRight): boolean {
  return server?.kind !== "review" || may(server.session.role, right);
}
