import { BASEMAP_CHOICES, type BasemapChoice } from "./basemap";
import { formatPlaceRef, type PlaceRef, parsePlaceRef } from "./place-ref";
import { formatTriageParams, parseTriageParams, type TriageLink } from "./triage-link";

/** UI languages; Vietnamese is the default. */
export const LANGUAGES = ["vi", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

/** Sidebar tabs, in the order they are shown. */
export const TABS = ["layers", "progress", "check", "compare"] as const;
export type Tab = (typeof TABS)[number];

/** Map camera: zoom level and centre in WGS84 degrees. */
export type MapCamera = { zoom: number; lat: number; lon: number };

/** One visible layer and its opacity in percent (0–100). */
export type LayerSetting = { id: string; opacityPercent: number };

/**
 * What a shared link carries. Every part is optional: a missing part means "use the default", and
 * `layers: []` (present but empty) means "no plan layer visible".
 */
export type UrlState = {
  camera?: MapCamera;
  layers?: LayerSetting[];
  lang?: Language;
  basemap?: BasemapChoice;
  /** The layer list's order (ids, highest plan level first, each level topmost first). */
  order?: string[];
  /** The layer shown alone, if any. */
  solo?: string;
  /** The open sidebar tab. */
  tab?: Tab;
  /** The selected finding's id (stable across runs), so a link opens the same finding. */
  finding?: string;
  /** The findings list's filter and order, when the reviewer narrowed or reordered it. */
  triage?: TriageLink;
  /** The place chosen in the search (district, zone or point). */
  place?: PlaceRef;
};

const LAYER_ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
/** Finding ids are FNV-1a 64 hex; anything of that alphabet and size is passed on (and not found). */
const FINDING_ID = /^[0-9a-z]{1,32}$/;
const isTab = (value: string | null): value is Tab =>
  value !== null && (TABS as readonly string[]).includes(value);

function parseCamera(value: string): MapCamera | undefined {
  const parts = value.split("/");
  if (parts.length !== 3 || parts.some((p) => p.trim() === "")) return undefined;
  const [zoom, lat, lon] = parts.map(Number) as [number, number, number];
  if (![zoom, lat, lon].every(Number.isFinite)) return undefined;
  if (zoom < 0 || zoom > 24 || Math.abs(lat) > 85.06 || Math.abs(lon) > 180) return undefined;
  return { zoom, lat, lon };
}

function parseIds(value: string): string[] {
  return [...new Set(value.split(",").filter((id) => LAYER_ID.test(id)))];
}

function parseLayers(value: string): LayerSetting[] {
  const seen = new Set<string>();
  const layers: LayerSetting[] = [];
  for (const item of value.split(",")) {
    const [id = "", opacity] = item.split(":");
    if (!LAYER_ID.test(id) || seen.has(id)) continue;
    const parsed = opacity === undefined || opacity === "" ? 100 : Number(opacity);
    if (!Number.isFinite(parsed)) continue;
    seen.add(id);
    layers.push({ id, opacityPercent: Math.min(100, Math.max(0, Math.round(parsed))) });
  }
  return layers;
}

/**
 * Reads the state a link carries in its hash, e.g.
 * `#map=10.5/21.0285/105.8542&layers=city-zoning:70,ring-road-4:100&lang=vi&basemap=osm`, plus
 * `order=` (the layer list's order, when not the catalogue's), `solo=` (the layer shown alone),
 * `tab=check` and `finding=3f2a…` (the selected finding), the findings filter and order
 * (`status=open,needs-revision&district=001,017&minarea=1&sort=share-desc`, see `triage-link.ts`).
 * Malformed parts are ignored (a hand-edited link must never break the app); a layer without an
 * opacity is fully opaque.
 */
export function parseUrlState(hash: string): UrlState {
  const params = new URLSearchParams(hash.replace(/^#/, ""));
  const state: UrlState = {};
  const map = params.get("map");
  const camera = map === null ? undefined : parseCamera(map);
  if (camera) state.camera = camera;
  const layers = params.get("layers");
  if (layers !== null) state.layers = parseLayers(layers);
  const lang = params.get("lang");
  if (lang === "vi" || lang === "en") state.lang = lang;
  const basemap = BASEMAP_CHOICES.find((choice) => choice === params.get("basemap"));
  if (basemap) state.basemap = basemap;
  const order = params.get("order");
  if (order !== null) state.order = parseIds(order);
  const solo = params.get("solo");
  if (solo !== null && LAYER_ID.test(solo)) state.solo = solo;
  const tab = params.get("tab");
  if (isTab(tab)) state.tab = tab;
  const finding = params.get("finding");
  if (finding !== null && FINDING_ID.test(finding)) state.finding = finding;
  const triage = parseTriageParams(params);
  if (triage) state.triage = triage;
  const place = params.get("place");
  const placeRef = place === null ? undefined : parsePlaceRef(place);
  if (placeRef) state.place = placeRef;
  return state;
}

function trimNumber(value: number, decimals: number): string {
  const fixed = Number(value.toFixed(decimals));
  return String(Object.is(fixed, -0) ? 0 : fixed);
}

/**
 * Writes the state as a hash (without "#"), in a fixed order so equal states give equal links.
 * Zoom keeps 2 decimals and coordinates 5 (about 1 m), enough to reproduce the view.
 * Commas and colons are left unescaped so links stay readable.
 */
export function formatUrlState(state: UrlState): string {
  const parts: string[] = [];
  const { camera, layers, lang, basemap, order, solo, tab, finding, triage, place } = state;
  if (camera) {
    parts.push(
      `map=${trimNumber(camera.zoom, 2)}/${trimNumber(camera.lat, 5)}/${trimNumber(camera.lon, 5)}`,
    );
  }
  if (layers) {
    const list = layers
      .filter((l) => LAYER_ID.test(l.id))
      .map((l) => `${l.id}:${Math.min(100, Math.max(0, Math.round(l.opacityPercent)))}`);
    parts.push(`layers=${list.join(",")}`);
  }
  if (lang) parts.push(`lang=${lang}`);
  if (basemap !== undefined) parts.push(`basemap=${basemap}`);
  if (order) parts.push(`order=${order.filter((id) => LAYER_ID.test(id)).join(",")}`);
  if (solo !== undefined && LAYER_ID.test(solo)) parts.push(`solo=${solo}`);
  if (tab) parts.push(`tab=${tab}`);
  if (finding && FINDING_ID.test(finding)) parts.push(`finding=${finding}`);
  if (triage) parts.push(...formatTriageParams(triage));
  if (place) parts.push(`place=${formatPlaceRef(place)}`);
  return parts.join("&");
}
