import type { LayerEntry } from "../core/catalog/schema";
import { IDLE_IMPORT, type ImportAction, type ImportState, importReducer } from "./import-state";
import { initialLayerSettings, type LayerSettings } from "./layer-settings";
import type { LoadedProposal } from "./proposal-layer";
import type { FeatureHit } from "./selection";
import type { LayerSetting } from "./url-state";

/** Sidebar tabs. */
export type Tab = "layers" | "progress" | "check" | "compare";

/** Everything the user changes in the app, apart from the language (i18next) and the camera. */
export type AppState = {
  tab: Tab;
  layers: LayerSettings;
  basemap: boolean;
  /** The OpenStreetMap basemap was switched on but its tiles did not load (said beside the switch). */
  basemapFailed: boolean;
  /** Code of the district chosen in the search, shown in the sidebar summary. */
  district: string | null;
  /** Features under the last map click, shown in the attribute panel (empty: panel closed). */
  hits: FeatureHit[];
  /** The import dialog (a proposal file being read or reviewed). */
  importing: ImportState;
  /** The proposal loaded in this session, drawn and checked in place of the layer it replaces. */
  proposal: LoadedProposal | null;
  /**
   * The layer the user chose for the next proposal to replace, when several can be (null: the
   * first; see `proposalTarget`).
   */
  importTarget: string | null;
};

export type AppAction =
  /** The catalogue arrived: settings come from the link if it has a layer list, else defaults. */
  | { type: "catalog-loaded"; layers: readonly LayerEntry[]; fromUrl: LayerSetting[] | undefined }
  | { type: "set-visible"; id: string; visible: boolean }
  /** Opacity 0–1. */
  | { type: "set-opacity"; id: string; opacity: number }
  | { type: "set-tab"; tab: Tab }
  /** Switching the basemap on or off forgets an earlier failure to load it. */
  | { type: "set-basemap"; on: boolean }
  | { type: "basemap-failed" }
  | { type: "select-district"; code: string | null }
  | { type: "set-hits"; hits: FeatureHit[] }
  | ImportAction
  /**
   * The user loaded the reviewed proposal: it replaces any earlier one, is shown, and the check tab
   * opens (its run is the app's to start). The dialog closes.
   */
  | { type: "proposal-loaded"; proposal: LoadedProposal }
  /**
   * The user removed the proposal: its layer goes, the layer it replaced is shown and checked again
   * (the app's to re-run), and the comparison tab closes.
   */
  | { type: "proposal-removed" }
  /** The user chose which layer the proposal in the dialog replaces. */
  | { type: "choose-import-target"; id: string };

/** The state before anything has loaded. */
export function initialAppState(basemap: boolean): AppState {
  return {
    tab: "layers",
    layers: {},
    basemap,
    basemapFailed: false,
    district: null,
    hits: [],
    importing: IDLE_IMPORT,
    proposal: null,
    importTarget: null,
  };
}

/** Applies one user or loading action. Unknown layer ids are ignored. */
export function appReducer(state: AppState, action: AppAction): AppState {
  switch (action.type) {
    case "catalog-loaded": {
      const layers = initialLayerSettings(action.layers, action.fromUrl);
      // A link names catalogue layers only: the session's proposal keeps its own setting.
      const proposal = state.proposal && state.layers[state.proposal.entry.id];
      if (state.proposal && proposal) layers[state.proposal.entry.id] = proposal;
      return { ...state, layers };
    }
    case "set-visible": {
      const current = state.layers[action.id];
      if (!current) return state;
      return {
        ...state,
        layers: { ...state.layers, [action.id]: { ...current, visible: action.visible } },
      };
    }
    case "set-opacity": {
      const current = state.layers[action.id];
      if (!current) return state;
      const opacity = Math.min(1, Math.max(0, action.opacity));
      return { ...state, layers: { ...state.layers, [action.id]: { ...current, opacity } } };
    }
    case "set-tab":
      return { ...state, tab: action.tab };
    case "set-basemap":
      return { ...state, basemap: action.on, basemapFailed: false };
    case "basemap-failed":
      return state.basemap ? { ...state, basemapFailed: true } : state;
    case "select-district":
      return { ...state, district: action.code };
    case "set-hits":
      return { ...state, hits: action.hits };
    case "import-started":
    case "import-progress":
    case "import-reported":
    case "import-failed":
    case "import-closed":
      return { ...state, importing: importReducer(state.importing, action) };
    case "proposal-loaded": {
      const { entry } = action.proposal;
      const layers = { ...state.layers };
      if (state.proposal) delete layers[state.proposal.entry.id];
      layers[entry.id] = { visible: true, opacity: entry.opacity };
      // Hits may point into the replaced proposal's features: the panel closes.
      const old = state.proposal?.entry.id;
      const hits = state.hits.filter((h) => h.kind !== "plan" || h.layerId !== old);
      return {
        ...state,
        layers,
        hits,
        tab: "check",
        importing: IDLE_IMPORT,
        proposal: action.proposal,
      };
    }
    case "choose-import-target":
      return { ...state, importTarget: action.id };
    case "proposal-removed": {
      const { proposal } = state;
      if (!proposal) return state;
      const { [proposal.entry.id]: _, ...rest } = state.layers;
      const replaced = rest[proposal.replaces];
      const layers = replaced
        ? { ...rest, [proposal.replaces]: { ...replaced, visible: true } }
        : rest;
      const hits = state.hits.filter((h) => h.kind !== "plan" || h.layerId !== proposal.entry.id);
      const tab = state.tab === "compare" ? "layers" : state.tab;
      return { ...state, layers, hits, tab, proposal: null };
    }
  }
}
