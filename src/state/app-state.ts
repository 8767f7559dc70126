import type { LayerEntry } from "../core/catalog/schema";
import type { BasemapChoice } from "./basemap";
import { IDLE_IMPORT, type ImportAction, type ImportState, importReducer } from "./import-state";
import {
  initialLayerOrder,
  type LayerOrder,
  moveLayerBy,
  moveLayerTo,
  shownSettings,
} from "./layer-order";
import { initialLayerSettings, type LayerSettings } from "./layer-settings";
import type { PlaceRef } from "./place-ref";
import type { LoadedProposal } from "./proposal-layer";
import type { RenderQuality } from "./render-quality";
import type { FeatureHit } from "./selection";
import type { LayerSetting, Tab } from "./url-state";

/** Sidebar tabs (defined with the link that carries them). */
export type { Tab } from "./url-state";

/** Everything the user changes in the app, apart from the language (i18next) and the camera. */
export type AppState = {
  tab: Tab;
  layers: LayerSettings;
  /** The layer list's order per plan level (see `layer-order.ts`). */
  layerOrder: LayerOrder;
  /** The layer shown alone, or null; `layers` keeps the view to go back to. */
  solo: string | null;
  basemap: BasemapChoice;
  /** Why the chosen basemap did not load (its tiles, style or archive), said beside the choice. */
  basemapFailed: string | null;
  /** The intranet basemap's address in use ("" none): set in the UI, else `PLAN_LAYERS_BASEMAP`. */
  basemapAddress: string;
  /** How finely the map is drawn (kept in this browser). */
  renderQuality: RenderQuality;
  /** Whether the map's WebGL is drawn in software; null until the map has started. */
  softwareRenderer: boolean | null;
  /** Code of the district chosen in the search, shown in the sidebar summary. */
  district: string | null;
  /**
   * Features under the last map click (or Enter on the map), topmost first and each once (see
   * `identifyHits`), shown in the attribute panel one at a time (empty: panel closed).
   */
  hits: FeatureHit[];
  /** Which of `hits` the attribute panel shows and the map outlines. */
  hitPage: number;
  /** The place chosen in the search (or opened from a link), kept in the link. */
  place: PlaceRef | null;
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
  | {
      type: "catalog-loaded";
      layers: readonly LayerEntry[];
      fromUrl: LayerSetting[] | undefined;
      /** The link's layer order and solo layer, if it has them. */
      order?: string[] | undefined;
      solo?: string | undefined;
    }
  /** Shows or hides a layer; while a layer is shown alone, the view shown becomes the settings. */
  | { type: "set-visible"; id: string; visible: boolean }
  /** A plan level's group checkbox: shows or hides all its layers at once. */
  | { type: "set-group-visible"; ids: readonly string[]; visible: boolean }
  /** Shows one layer alone (null: back to the earlier view). */
  | { type: "set-solo"; id: string | null }
  /** Moves a layer up (negative) or down within its plan level. */
  | { type: "move-layer"; id: string; steps: number }
  /** Moves a layer to another layer's place in the same level (drag and drop). */
  | { type: "move-layer-to"; id: string; target: string }
  /** Opacity 0–1. */
  | { type: "set-opacity"; id: string; opacity: number }
  | { type: "set-tab"; tab: Tab }
  /** Choosing a basemap forgets an earlier failure to load one. */
  | { type: "set-basemap"; basemap: BasemapChoice }
  | { type: "basemap-failed"; reason: string }
  /** The intranet basemap's address typed in the UI ("" goes back to none). */
  | { type: "set-basemap-address"; address: string }
  | { type: "set-render-quality"; quality: RenderQuality }
  /** The map has started and says how its WebGL is drawn. */
  | { type: "renderer-detected"; software: boolean }
  | { type: "select-district"; code: string | null }
  /** New hits show their first page. */
  | { type: "set-hits"; hits: FeatureHit[] }
  /** Page through the hits (kept within them). */
  | { type: "set-hit-page"; page: number }
  | { type: "set-place"; place: PlaceRef | null }
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
export function initialAppState(
  basemap: BasemapChoice,
  basemapAddress = "",
  renderQuality: RenderQuality = "auto",
): AppState {
  return {
    tab: "layers",
    layers: {},
    layerOrder: {},
    solo: null,
    basemap,
    basemapFailed: null,
    basemapAddress,
    renderQuality,
    softwareRenderer: null,
    district: null,
    hits: [],
    hitPage: 0,
    place: null,
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
      const solo = action.solo !== undefined && layers[action.solo] ? action.solo : null;
      return { ...state, layers, layerOrder: initialLayerOrder(action.layers, action.order), solo };
    }
    case "set-visible":
      return setVisible(state, [action.id], action.visible);
    case "set-group-visible":
      return setVisible(state, action.ids, action.visible);
    case "set-solo":
      if (action.id !== null && !state.layers[action.id]) return state;
      return { ...state, solo: action.id };
    case "move-layer":
      return { ...state, layerOrder: moveLayerBy(state.layerOrder, action.id, action.steps) };
    case "move-layer-to":
      return { ...state, layerOrder: moveLayerTo(state.layerOrder, action.id, action.target) };
    case "set-opacity": {
      const current = state.layers[action.id];
      if (!current) return state;
      const opacity = Math.min(1, Math.max(0, action.opacity));
      return { ...state, layers: { ...state.layers, [action.id]: { ...current, opacity } } };
    }
    case "set-tab":
      return { ...state, tab: action.tab };
    case "set-basemap":
      return { ...state, basemap: action.basemap, basemapFailed: null };
    case "set-render-quality":
      return { ...state, renderQuality: action.quality };
    case "renderer-detected":
      return { ...state, softwareRenderer: action.software };
    case "set-basemap-address":
      return { ...state, basemapAddress: action.address.trim(), basemapFailed: null };
    case "basemap-failed":
      return state.basemap === "none" ? state : { ...state, basemapFailed: action.reason };
    case "select-district": {
      // closing the district's summary drops it as the chosen place too
      const place = action.code === null && state.place?.kind === "district" ? null : state.place;
      return { ...state, district: action.code, place };
    }
    case "set-hits":
      return { ...state, hits: action.hits, hitPage: 0 };
    case "set-hit-page": {
      const page = Math.max(0, Math.min(action.page, state.hits.length - 1));
      return page === state.hitPage ? state : { ...state, hitPage: page };
    }
    case "set-place":
      return { ...state, place: action.place };
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
        hitPage: 0,
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
      return { ...state, layers, hits, hitPage: 0, tab, proposal: null };
    }
  }
}

/**
 * Shows or hides layers. While a layer is shown alone the change starts from what is shown (that
 * layer only), and solo ends: what the user sees is what the checkboxes change.
 */
function setVisible(state: AppState, ids: readonly string[], visible: boolean): AppState {
  const known = ids.filter((id) => state.layers[id]);
  if (known.length === 0) return state;
  const layers = { ...shownSettings(state.layers, state.solo) };
  for (const id of known) layers[id] = { ...(layers[id] ?? { opacity: 1 }), visible };
  return { ...state, layers, solo: null };
}
