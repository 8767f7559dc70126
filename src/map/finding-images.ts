import type { Geometry } from "geojson";
import type { LayerEntry } from "../core/catalog/schema";
import type { Severity } from "../core/check/index";
import type { LayerData } from "../io/packed-collection";
import { collectionBbox } from "../state/bounds";
import { BASE_LAYERS, BASE_SOURCES, baseStyle, EMPTY_COLLECTION } from "./base-style";
import { CHECK_FIRST_LAYER, CHECK_SOURCES, installCheckLayers } from "./check-layers";
import type { PlanLayerData } from "./map-view";
import { maplibregl } from "./maplibre";
import { PackedTiles } from "./packed-tiles";
import { drawOrder, planLayerSpecs, planSourceId } from "./plan-layer-specs";
import { scaleBar } from "./scale-bar";
import { SourceKinds } from "./source-data";

/** One map image to render: the area to show hatched and the plan layers to draw under it. */
export type FindingImageItem = {
  /** Key of the image in the result (the dossier uses the flag id). */
  key: string;
  geometry: Geometry;
  /** Hatch of the area: cross for errors, single for warnings. */
  severity: Severity;
  /** Ids of the plan layers to draw (the finding's subject and constraint layers). */
  layers: readonly string[];
};

export type FindingImageOptions = {
  /** Every plan layer an item may name, with its data. */
  planLayers: readonly PlanLayerData[];
  /** District polygons for context (may be null). */
  districts: LayerData | null;
  /** Image size in CSS pixels; the PNG has `pixelRatio` times as many. */
  width?: number;
  height?: number;
  pixelRatio?: number;
  /** Longest wait for one image to draw, ms; an image that takes longer is left out. */
  timeoutMs?: number;
  /** Longest time for all images, ms: the images not started by then are left out. */
  budgetMs?: number;
  signal?: AbortSignal;
  /** Called after each image (drawn or left out). */
  onProgress?: (done: number, total: number) => void;
};

/**
 * At most this many images are rendered for one dossier: each takes a second or more in a software
 * WebGL (and ~0.3–1 MB of PNG in the page); a dossier with more flags prints the rest without.
 */
export const MAX_FINDING_IMAGES = 60;
/** The first image also waits for the plan layers to be read by MapLibre's worker: 14–40 s measured. */
const DEFAULT_TIMEOUT_MS = 60_000;
/** 60 images at 5–8 s each in a software WebGL (measured: the first 15–25 s, loading the layers). */
const DEFAULT_BUDGET_MS = 8 * 60_000;
/** Room around the area, as a share of its size, so the image shows where it lies. */
const CONTEXT_MARGIN = 0.6;

/**
 * Renders a map image of each item (at most {@link MAX_FINDING_IMAGES}) on one offscreen MapLibre
 * map, one after the other: the districts, the item's plan layers, the area hatched as the app
 * hatches a conflict, and a scale bar. Each image is taken at the map's `idle` (everything drawn),
 * from a canvas kept after drawing (`preserveDrawingBuffer`). An image that does not draw within
 * `timeoutMs` is left out, and so are the images not started within `budgetMs`; the map is removed
 * at the end, also when aborted (`signal`: rejects with its reason). Returns PNG data URLs by key.
 */
export async function renderFindingImages(
  items: readonly FindingImageItem[],
  options: FindingImageOptions,
): Promise<Map<string, string>> {
  const images = new Map<string, string>();
  const todo = items.slice(0, MAX_FINDING_IMAGES);
  if (todo.length === 0) return images;
  const width = options.width ?? 640;
  const height = options.height ?? 400;
  const pixelRatio = options.pixelRatio ?? 2;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const deadline = Date.now() + (options.budgetMs ?? DEFAULT_BUDGET_MS);
  const { signal } = options;
  const container = document.createElement("div");
  container.setAttribute("aria-hidden", "true");
  // Laid out (MapLibre needs a size) but out of sight and out of print.
  Object.assign(container.style, {
    position: "fixed",
    left: "-20000px",
    top: "0",
    width: `${width}px`,
    height: `${height}px`,
    visibility: "hidden",
  });
  document.body.append(container);
  const map = new maplibregl.Map({
    container,
    style: baseStyle(),
    interactive: false,
    attributionControl: false,
    pixelRatio,
    fadeDuration: 0,
    canvasContextAttributes: { preserveDrawingBuffer: true, antialias: true },
    center: [105.85, 21.03],
    zoom: 9,
  });
  // a large proposal stays packed: drawn from the tile worker's tiles
  const kinds = new SourceKinds(new PackedTiles());
  try {
    if (!(await nextEvent(map, "load", timeoutMs, signal))) return images;
    kinds.put(map, BASE_SOURCES.districts, options.districts ?? EMPTY_COLLECTION, asGiven);
    installCheckLayers(map, BASE_LAYERS.highlightFill, pixelRatio);
    const wanted = new Set(todo.flatMap((item) => item.layers));
    const layerIds = addPlanLayers(
      map,
      options.planLayers.filter((p) => wanted.has(p.layer.id)),
      kinds,
    );
    for (const [index, item] of todo.entries()) {
      signal?.throwIfAborted();
      if (Date.now() > deadline) break;
      const shown = new Set(item.layers);
      for (const [layerId, ids] of layerIds) {
        for (const id of ids) {
          map.setLayoutProperty(id, "visibility", shown.has(layerId) ? "visible" : "none");
        }
      }
      map.getSource<maplibregl.GeoJSONSource>(CHECK_SOURCES.findings)?.setData({
        type: "FeatureCollection",
        features: [
          {
            type: "Feature",
            geometry: item.geometry,
            properties: { id: item.key, severity: item.severity },
          },
        ],
      });
      const bounds = viewOf(item.geometry);
      if (bounds) map.fitBounds(bounds, { animate: false, padding: 16, maxZoom: 16 });
      map.triggerRepaint();
      if (await drawn(map, timeoutMs, signal)) images.set(item.key, snapshot(map, pixelRatio));
      options.onProgress?.(index + 1, todo.length);
    }
    return images;
  } finally {
    map.remove();
    kinds.forgetAll();
    container.remove();
  }
}

/** The plan layers' sources and layers, hidden, in drawing order; MapLibre layer ids by layer id. */
function addPlanLayers(
  map: maplibregl.Map,
  planLayers: readonly PlanLayerData[],
  kinds: SourceKinds,
): Map<string, string[]> {
  const ids = new Map<string, string[]>();
  const dataById = new Map(planLayers.map((p) => [p.layer.id, p.data]));
  const { polygons, above } = drawOrder(planLayers.map((p) => p.layer));
  const add = (layer: LayerEntry, before: string) => {
    const data = dataById.get(layer.id);
    const sourceId = planSourceId(layer.id);
    map.addSource(sourceId, { type: "geojson", data: EMPTY_COLLECTION });
    const specs = planLayerSpecs(layer, false, layer.opacity);
    for (const spec of specs) map.addLayer(spec, before);
    if (data !== undefined) kinds.put(map, sourceId, data, asGiven);
    ids.set(
      layer.id,
      specs.map((s) => s.id),
    );
  };
  for (const layer of polygons) add(layer, BASE_LAYERS.districtsLine);
  for (const layer of above) add(layer, CHECK_FIRST_LAYER);
  return ids;
}

/** The area's box widened by {@link CONTEXT_MARGIN} on each side, as MapLibre takes bounds. */
function viewOf(geometry: Geometry): [[number, number], [number, number]] | null {
  const box = collectionBbox({
    type: "FeatureCollection",
    features: [{ type: "Feature", geometry, properties: {} }],
  });
  if (!box) return null;
  const dx = (box[2] - box[0]) * CONTEXT_MARGIN;
  const dy = (box[3] - box[1]) * CONTEXT_MARGIN;
  return [
    [box[0] - dx, box[1] - dy],
    [box[2] + dx, box[3] + dy],
  ];
}

/**
 * Whether the map has drawn everything after the last change: an `idle` once every source has
 * loaded (an `idle` that comes before a source's new data is read is followed by another).
 */
async function drawn(map: maplibregl.Map, timeoutMs: number, signal?: AbortSignal) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0 || !(await nextEvent(map, "idle", left, signal))) return false;
    if (map.loaded()) return true;
    map.triggerRepaint();
  }
}

/** Resolves true at the map's next `event`, false after `timeoutMs`; rejects when aborted. */
function nextEvent(
  map: maplibregl.Map,
  event: "load" | "idle",
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const stop = () => {
      clearTimeout(timer);
      map.off(event, onEvent);
      signal?.removeEventListener("abort", onAbort);
    };
    const done = (result: boolean) => {
      stop();
      resolve(result);
    };
    const onEvent = () => done(true);
    const onAbort = () => {
      stop();
      reject(signal?.reason);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    map.on(event, onEvent);
    signal?.addEventListener("abort", onAbort);
  });
}

/** The map's canvas with a scale bar in its lower left corner, as a PNG data URL. */
function snapshot(map: maplibregl.Map, pixelRatio: number): string {
  const source = map.getCanvas();
  const canvas = document.createElement("canvas");
  canvas.width = source.width;
  canvas.height = source.height;
  const context = canvas.getContext("2d");
  if (!context) return source.toDataURL("image/png");
  context.drawImage(source, 0, 0);
  const cssWidth = source.width / pixelRatio;
  const cssHeight = source.height / pixelRatio;
  // ground distance across the middle of the image, as MapLibre's own scale control measures it
  const y = cssHeight / 2;
  const left = map.unproject([cssWidth / 2 - 50, y]);
  const right = map.unproject([cssWidth / 2 + 50, y]);
  const bar = scaleBar(left.distanceTo(right) / 100, cssWidth / 4);
  if (bar) {
    context.scale(pixelRatio, pixelRatio);
    const x = 12;
    const base = cssHeight - 12;
    context.fillStyle = "rgba(255,255,255,0.85)";
    context.fillRect(x - 6, base - 26, bar.pixels + 12, 32);
    context.strokeStyle = "#1b1f24";
    context.lineWidth = 2;
    context.beginPath();
    context.moveTo(x, base - 8);
    context.lineTo(x, base);
    context.lineTo(x + bar.pixels, base);
    context.lineTo(x + bar.pixels, base - 8);
    context.stroke();
    context.fillStyle = "#1b1f24";
    context.font = "12px system-ui, sans-serif";
    context.textBaseline = "alphabetic";
    context.fillText(bar.label, x + 2, base - 12);
  }
  return canvas.toDataURL("image/png");
}

/** Parsed data as the GeoJSON source takes it (the snapshots need no feature ids). */
const asGiven = <T>(data: T): T => data;
