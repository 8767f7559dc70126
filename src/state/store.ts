import { createContext, createElement, type ReactNode, useContext } from "react";
import { createStore, type StoreApi, useStore } from "zustand";
import { type AppAction, type AppState, appReducer, initialAppState } from "./app-state";
import type { BasemapChoice } from "./basemap";
import type { CheckDataState } from "./check-data";
import { type CheckAction, type CheckState, checkReducer, initialCheckState } from "./check-state";
import {
  type CompareAction,
  type CompareState,
  compareReducer,
  initialCompareState,
} from "./compare-state";
import type { BaseDataState, CatalogState, LayerSource, RulesState } from "./load-states";
import type { RenderQuality } from "./render-quality";
import {
  initialReviewState,
  type ReviewAction,
  type ReviewState,
  reviewReducer,
} from "./review-state";
import { type StoreCommands, UNREGISTERED_COMMANDS } from "./store-commands";

/**
 * What the app has loaded (catalogue, base map, layer files, rules, the check's data). Loaders in
 * `src/app` own the fetching; the store only holds where each stands, so panels read it instead of
 * taking it as props.
 */
export type Resources = {
  catalog: CatalogState;
  base: BaseDataState;
  sources: Record<string, LayerSource>;
  rules: RulesState;
  checkData: CheckDataState | null;
  /** The catalogue's path as users see it (messages name layer and rules files relative to it). */
  catalogFile: string;
};

/** The app's one store: every slice of state, and the one way to change it. */
export type StoreState = {
  app: AppState;
  check: CheckState;
  compare: CompareState;
  review: ReviewState;
  resources: Resources;
  /** What components can ask of the app besides state changes (runs, zooms); see {@link StoreCommands}. */
  commands: StoreCommands;
  dispatch: (action: StoreAction) => void;
};

/** Loaders report what they hold; commands are registered by the app once it can carry them out. */
export type ResourcesAction =
  | { type: "resources"; patch: Partial<Resources> }
  | { type: "commands"; commands: StoreCommands };

/** Every action of every slice: action types are unique across slices (see the routing tables). */
export type StoreAction = AppAction | CheckAction | CompareAction | ReviewAction | ResourcesAction;

// Routing tables: `satisfies` makes the compiler list every action type of each slice, so an action
// added to a reducer cannot be forgotten here.
const CHECK_ACTIONS = {
  "toggle-rule": true,
  "set-all-rules": true,
  "run-started": true,
  "run-progress": true,
  "run-done": true,
  "run-failed": true,
  "run-cancelled": true,
  "set-group-by": true,
  "select-finding": true,
  "set-triage-filter": true,
  "set-triage-sort": true,
  "set-triage": true,
  "findings-clicked": true,
  "choice-closed": true,
} as const satisfies Record<CheckAction["type"], true>;

const COMPARE_ACTIONS = {
  "compare-started": true,
  "compare-progress": true,
  "compare-done": true,
  "compare-failed": true,
  "compare-cancelled": true,
  "select-piece": true,
  "compare-cleared": true,
} as const satisfies Record<CompareAction["type"], true>;

const REVIEW_ACTIONS = {
  "flags-changed": true,
  "set-reviewer": true,
  "server-changed": true,
  "draw-start": true,
  "draw-finished": true,
  "draw-edit": true,
  "draw-edited": true,
  "draw-end": true,
} as const satisfies Record<ReviewAction["type"], true>;

const isReviewAction = (a: StoreAction): a is ReviewAction => Object.hasOwn(REVIEW_ACTIONS, a.type);
const isCheckAction = (a: StoreAction): a is CheckAction => Object.hasOwn(CHECK_ACTIONS, a.type);
const isCompareAction = (a: StoreAction): a is CompareAction =>
  Object.hasOwn(COMPARE_ACTIONS, a.type);

/** The state slices without the store's functions: what the reducers see and tests build. */
export type StoreData = Omit<StoreState, "dispatch">;

/** Applies one action to the slice it belongs to (pure). */
export function storeReducer(state: StoreData, action: StoreAction): StoreData {
  if (action.type === "resources")
    return { ...state, resources: { ...state.resources, ...action.patch } };
  if (action.type === "commands") return { ...state, commands: action.commands };
  if (isCheckAction(action)) {
    const check = checkReducer(state.check, action);
    return check === state.check ? state : { ...state, check };
  }
  if (isReviewAction(action)) {
    const review = reviewReducer(state.review, action);
    return review === state.review ? state : { ...state, review };
  }
  if (isCompareAction(action)) {
    const compare = compareReducer(state.compare, action);
    return compare === state.compare ? state : { ...state, compare };
  }
  const app = appReducer(state.app, action);
  if (app === state.app) return state;
  // A removed or replaced proposal takes its comparison with it.
  const compare =
    app.proposal !== state.app.proposal
      ? compareReducer(state.compare, { type: "compare-cleared" })
      : state.compare;
  return { ...state, app, compare };
}

/**
 * The state before anything has loaded: `basemap` comes from the link, `catalogFile` is the
 * catalogue's path as messages name it, `basemapAddress` is the intranet basemap's address,
 * `renderQuality` the map's drawing resolution as this browser keeps it.
 */
export function initialStoreData(
  basemap: BasemapChoice,
  catalogFile: string,
  basemapAddress = "",
  renderQuality: RenderQuality = "auto",
): StoreData {
  return {
    app: initialAppState(basemap, basemapAddress, renderQuality),
    check: initialCheckState(),
    compare: initialCompareState,
    review: initialReviewState(),
    resources: {
      catalog: { status: "loading" },
      base: { status: "loading" },
      sources: {},
      rules: { status: "loading" },
      checkData: null,
      catalogFile,
    },
    commands: UNREGISTERED_COMMANDS,
  };
}

export type AppStore = StoreApi<StoreState>;

/** A store holding `data` (tests pass the state they render). */
export function createAppStore(data: StoreData): AppStore {
  return createStore<StoreState>()((set) => ({
    ...data,
    dispatch: (action) => set((state) => storeReducer(state, action)),
  }));
}

const StoreContext = createContext<AppStore | null>(null);

/** Gives the components below it the app's store. */
export function StoreProvider({ store, children }: { store: AppStore; children?: ReactNode }) {
  return createElement(StoreContext.Provider, { value: store }, children);
}

/**
 * Reads from the store; the component renders again only when the selected value changes (by
 * `Object.is`: select slices or single values, not new objects).
 */
export function useAppStore<T>(selector: (state: StoreState) => T): T {
  const store = useContext(StoreContext);
  if (!store) throw new Error("useAppStore outside a StoreProvider");
  return useStore(store, selector);
}

/** The store's dispatch. */
export const useDispatch = () => useAppStore((s) => s.dispatch);

/** The commands the app registered. */
export const useCommands = () => useAppStore((s) => s.commands);
