import type { LayerEntry } from "../core/catalog/schema";
import { initialLayerSettings, type LayerSettings } from "./layer-settings";
import type { FeatureHit } from "./selection";
import type { LayerSetting } from "./url-state";

/** Sidebar tabs. */
export type Tab = "layers" | "progress" | "check";

/** Everything the user changes in the app, apart from the language (i18next) and the camera. */
export type AppState = {
  tab: Tab;
  layers: LayerSettings;
  basemap: boolean;
  /** Code of the district chosen in the search, shown in the sidebar summary. */
  district: string | null;
  /** Features under the last map click, shown in the attribute panel (empty: panel closed). */
  hits: FeatureHit[];
};

export type AppAction =
  /** The catalogue arrived: settings come from the link if it has a layer list, else defaults. */
  | { type: "catalog-loaded"; layers: readonly LayerEntry[]; fromUrl: LayerSetting[] | undefined }
  | { type: "set-visible"; id: string; visible: boolean }
  /** Opacity 0–1. */
  | { type: "set-opacity"; id: string; opacity: number }
  | { type: "set-tab"; tab: Tab }
  | { type: "set-basemap"; on: boolean }
  | { type: "select-district"; code: string | null }
  | { type: "set-hits"; hits: FeatureHit[] };

/** The state before anything has loaded. */
export function initialAppState(basemap: boolean): AppState {
  return { tab: "layers", layers: {}, basemap, district: null, hits: [] };
}

/** Applies one user or loading action. Unknown layer ids are ignored. */
export function appReducer(state: AppState, action: AppAction): AppState {
  switch (action.type) {
    case "catalog-loaded":
      return { ...state, layers: initialLayerSettings(action.layers, action.fromUrl) };
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
      return { ...state, basemap: action.on };
    case "select-district":
      return { ...state, district: action.code };
    case "set-hits":
      return { ...state, hits: action.hits };
  }
}
