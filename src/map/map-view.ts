import "maplibre-gl/dist/maplibre-gl.css";
import type { Feature, FeatureCollection } from "geojson";
import * as maplibregl from "maplibre-gl";
import workerUrl from "maplibre-gl/dist/maplibre-gl-worker.mjs?url";
import type { LayerEntry } from "../core/catalog/schema";
import type { Finding } from "../core/check/index";
import type { Bbox } from "../state/bounds";
import type { FindingHighlight } from "../state/check-selection";
import type { LayerSettings } from "../state/layer-settings";
import type { FeatureHit } from "../state/selection";
import type { MapCamera } from "../state/url-state";
import { BASE_LAYERS, BASE_SOURCES, baseStyle, EMPTY_COLLECTION, OSM_SOURCE } from "./base-style";
import {
  CHECK_FIRST_LAYER,
  CHECK_SOURCES,
  checkLayerSpecs,
  findingsCollection,
  hatchImageId,
  hatchPattern,
  hexToRgb,
  highlightCollection,
  SEVERITY_COLORS,
} from "./check-layers";
import {
  COMPARE_FIRST_LAYER,
  COMPARE_SOURCES,
  compareImages,
  compareLayerSpecs,
} from "./compare-layers";
import { type DistrictLabel, DistrictLabels } from "./district-labels";
import { markFirstMap } from "./first-draw";
import { opacityPaint, PLAN_LAYER_PREFIX, planLayerSpecs, planSourceId } from "./plan-layer-specs";

maplibregl.setWorkerUrl(workerUrl);

declare global {
  interface Window {
    /**
     * TEST-ONLY hook: the live maplibregl.Map, so browser tests can call `queryRenderedFeatures`
     * and `project`. The app itself never reads it.
     */
    __planLayersMap?: maplibregl.Map;
  }
}

/** A catalogue layer whose file has loaded. */
export type PlanLayerData = { layer: LayerEntry; data: FeatureCollection };

/** The base map's data, from `npm run data`. Missing context layers are simply not drawn. */
export type BaseData = {
  districts: FeatureCollection;
  provinces: FeatureCollection | null;
  boundary: FeatureCollection | null;
  labels: DistrictLabel[];
};

export type MapViewOptions = {
  container: HTMLElement;
  /** Camera from a shared link; otherwise the map fits `bounds`. */
  camera: MapCamera | undefined;
  /** Hanoi's extent (WGS84): the first view without a camera, and where districts are expected. */
  bounds: Bbox;
  /** Called once, at the first `idle` after the districts are drawn. */
  onReady: () => void;
  /**
   * Called once, at the first `idle` after {@link MapView.release} at which the districts and the
   * plan layers shown are drawn: the app's first picture (`FIRST_MAP_MARK` is set then).
   */
  onFirstPicture: () => void;
  /** Called after every move with the new camera. */
  onMove: (camera: MapCamera) => void;
  /** Called on every click with the features under it, topmost first (may be empty). */
  onClick: (hits: FeatureHit[]) => void;
  /** Called when a basemap tile fails to load (offline, blocked); the map keeps working. */
  onBasemapError: () => void;
  /** Called when a click lands on a piece of the comparison, with the piece's id. */
  onComparePiece: (id: string) => void;
};

/** A comparison as the map draws it: its pieces and the selected one (see `compare-layers`). */
export type ComparisonData = { pieces: FeatureCollection; highlight: FeatureCollection };

/** Hierarchy rank used for drawing: lower plans below higher ones. */
const LEVEL_DRAW_ORDER: LayerEntry["level"][] = [
  "district",
  "city",
  "regional",
  "sector",
  "national",
];

const CLICK_TOLERANCE_PX = 5;

/**
 * Owns the MapLibre map: the offline base style, the plan layers, the district labels, the
 * highlight and the optional OpenStreetMap basemap. It keeps no application state: React passes the
 * desired state in (setters are idempotent and may be called before the style has loaded, they are
 * applied once it has) and hears back through the callbacks.
 */
export class MapView {
  readonly map: maplibregl.Map;
  private styleLoaded = false;
  /** The data of the first picture has all been given: draw it (see {@link release}). */
  private released = false;
  private readonly waiting = { ready: false, firstPicture: false };
  private readonly fired = { ready: false, firstPicture: false };
  private base: BaseData | null = null;
  private plan: { layers: PlanLayerData[]; settings: LayerSettings } = { layers: [], settings: {} };
  private basemap = false;
  /** The highlighted feature as its source takes it, built once per `highlight` call. */
  private highlighted: FeatureCollection = EMPTY_COLLECTION;
  /** Conflicting parts of the check's findings, and the selected finding's features. */
  private findings: FeatureCollection = EMPTY_COLLECTION;
  private findingHighlight: FeatureCollection = EMPTY_COLLECTION;
  private checkLayersAdded = false;
  private comparison: ComparisonData = { pieces: EMPTY_COLLECTION, highlight: EMPTY_COLLECTION };
  private compareLayersAdded = false;
  /**
   * Last collection given to each source, as given: skips redundant `setData` calls and turns a
   * rendered feature's id back into the original.
   */
  private readonly sourceData = new Map<string, FeatureCollection>();
  /** MapLibre layer ids added for each plan layer. */
  private readonly planLayerIds = new Map<string, string[]>();
  private readonly labels: DistrictLabels;
  private readonly options: MapViewOptions;

  constructor(options: MapViewOptions) {
    this.options = options;
    const { camera, bounds } = options;
    this.map = new maplibregl.Map({
      container: options.container,
      style: baseStyle(),
      ...(camera
        ? { center: [camera.lon, camera.lat] as [number, number], zoom: camera.zoom }
        : {
            bounds: [bounds[0], bounds[1], bounds[2], bounds[3]],
            fitBoundsOptions: { padding: 24 },
          }),
      attributionControl: { compact: true },
      dragRotate: false,
      pitchWithRotate: false,
      maxZoom: 18,
    });
    this.map.touchZoomRotate.disableRotation();
    this.map.addControl(new maplibregl.NavigationControl({ showCompass: false }), "top-right");
    this.map.addControl(new maplibregl.ScaleControl({ unit: "metric" }), "bottom-right");
    this.labels = new DistrictLabels(this.map);
    this.map.on("load", () => {
      this.styleLoaded = true;
      this.apply();
    });
    this.map.on("moveend", () => options.onMove(this.camera()));
    this.map.on("click", (event) => {
      const piece = this.comparePieceAt(event.point);
      if (piece !== null) options.onComparePiece(piece);
      options.onClick(this.hitsAt(event.point));
    });
    this.map.on("mousemove", (event) => this.updateCursor(event.point));
    this.map.on("error", (event) => this.onError(event));
    window.__planLayersMap = this.map;
  }

  /**
   * Draws the plan layers given so far, and from now on every change at once. Until then they are
   * only kept (the districts are drawn as soon as they come): the app calls this when every layer
   * shown at the start has loaded or failed, so the plan is drawn in one pass. Each layer drawn on
   * its own as it came in made the map tile and redraw once per layer: about 15 frames before the
   * first full picture, up to 2 s each with software WebGL.
   */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.apply();
  }

  /** The current camera: zoom and centre (WGS84). */
  camera(): MapCamera {
    const center = this.map.getCenter();
    return { zoom: this.map.getZoom(), lat: center.lat, lon: center.lng };
  }

  /** Draws the districts, their labels and the national context. */
  setBaseData(base: BaseData): void {
    if (this.base === base) return;
    this.base = base;
    this.labels.set(base.labels);
    this.apply();
  }

  /** Shows the loaded plan layers with each layer's visibility and opacity. */
  setLayers(layers: PlanLayerData[], settings: LayerSettings): void {
    this.plan = { layers, settings };
    this.apply();
  }

  /** Switches the OpenStreetMap raster basemap on or off (off by default: it needs the internet). */
  setBasemap(on: boolean): void {
    this.basemap = on;
    this.apply();
  }

  /** Outlines one feature (or nothing) above every layer. */
  highlight(feature: Feature | null): void {
    this.highlighted = feature
      ? { type: "FeatureCollection", features: [feature] }
      : EMPTY_COLLECTION;
    this.apply();
  }

  /** Draws the conflicting parts of a check's findings: hatched, outlined by severity. */
  setFindings(findings: readonly Finding[]): void {
    this.findings = findingsCollection(findings);
    this.apply();
  }

  /** Outlines a finding's subject and constraint features and its conflicting part (or nothing). */
  highlightFinding(highlight: FindingHighlight | null): void {
    this.findingHighlight = highlightCollection(highlight);
    this.apply();
  }

  /** Draws what a proposal changes (or nothing): pieces tinted, hatched or dashed by kind. */
  setComparison(comparison: ComparisonData | null): void {
    this.comparison = comparison ?? { pieces: EMPTY_COLLECTION, highlight: EMPTY_COLLECTION };
    this.apply();
  }

  /** Moves the camera to show a WGS84 box. */
  fitBounds(bbox: Bbox): void {
    this.map.fitBounds(
      [
        [bbox[0], bbox[1]],
        [bbox[2], bbox[3]],
      ],
      { padding: 48, maxZoom: 15, duration: 600 },
    );
  }

  /** Jumps to a camera without animation (a link pasted into the address bar). */
  jumpTo(camera: MapCamera): void {
    this.map.jumpTo({ center: [camera.lon, camera.lat], zoom: camera.zoom });
  }

  /** Frees the map, its WebGL context and its labels. */
  destroy(): void {
    this.labels.destroy();
    this.map.remove();
    if (window.__planLayersMap === this.map) delete window.__planLayersMap;
  }

  private apply(): void {
    if (!this.styleLoaded) return;
    this.applyBasemap();
    if (this.base) {
      this.setSourceData(BASE_SOURCES.districts, this.base.districts);
      this.setSourceData(BASE_SOURCES.provinces, this.base.provinces ?? EMPTY_COLLECTION);
      this.setSourceData(BASE_SOURCES.boundary, this.base.boundary ?? EMPTY_COLLECTION);
      this.waitFor("ready", () => this.isDistrictLayerDrawn(), this.options.onReady);
    }
    // No layer of the plan, the check or the comparison before the release: each added would
    // change the style and redraw the map once more.
    if (!this.released) return;
    this.addCheckLayers();
    this.addCompareLayers();
    this.applyPlanLayers();
    this.waitFor(
      "firstPicture",
      () => this.isFirstPictureDrawn(),
      () => {
        markFirstMap();
        this.options.onFirstPicture();
      },
    );
    this.setSourceData(COMPARE_SOURCES.pieces, this.comparison.pieces);
    this.setSourceData(COMPARE_SOURCES.highlight, this.comparison.highlight);
    this.setSourceData(CHECK_SOURCES.findings, this.findings);
    this.setSourceData(CHECK_SOURCES.highlight, this.findingHighlight);
    this.setSourceData(BASE_SOURCES.highlight, this.highlighted);
  }

  /** GeoJSON sources get numeric ids (the feature's index) so a click can find the original. */
  private setSourceData(sourceId: string, data: FeatureCollection): void {
    if (this.sourceData.get(sourceId) === data) return;
    const source = this.map.getSource<maplibregl.GeoJSONSource>(sourceId);
    if (!source) return;
    this.sourceData.set(sourceId, data);
    void source.setData(withIndexIds(data));
  }

  /**
   * The check's sources, layers and hatch images, once: the images are drawn here rather than read
   * from a sprite, so nothing is fetched. Check layers sit above the plan layers, below the
   * selection highlight.
   */
  private addCheckLayers(): void {
    if (this.checkLayersAdded) return;
    this.checkLayersAdded = true;
    const ratio = Math.max(1, Math.round(window.devicePixelRatio || 1));
    for (const severity of ["error", "warning"] as const) {
      const { width, height, data } = hatchPattern(
        hexToRgb(SEVERITY_COLORS[severity]),
        severity === "error",
        12 * ratio,
        2 * ratio,
      );
      this.map.addImage(hatchImageId(severity), new ImageData(data, width, height), {
        pixelRatio: ratio,
      });
    }
    for (const id of Object.values(CHECK_SOURCES)) {
      this.map.addSource(id, { type: "geojson", data: EMPTY_COLLECTION });
    }
    for (const spec of checkLayerSpecs()) this.map.addLayer(spec, BASE_LAYERS.highlightFill);
  }

  /**
   * The comparison's sources, layers and hatch images, once, under the check's findings (a conflict
   * stays readable over a change).
   */
  private addCompareLayers(): void {
    if (this.compareLayersAdded) return;
    this.compareLayersAdded = true;
    for (const { id, image, pixelRatio } of compareImages(window.devicePixelRatio || 1)) {
      this.map.addImage(id, new ImageData(image.data, image.width, image.height), { pixelRatio });
    }
    for (const id of Object.values(COMPARE_SOURCES)) {
      this.map.addSource(id, { type: "geojson", data: EMPTY_COLLECTION });
    }
    for (const spec of compareLayerSpecs(true)) this.map.addLayer(spec, CHECK_FIRST_LAYER);
  }

  private applyPlanLayers(): void {
    const wanted = new Set(this.plan.layers.map((p) => p.layer.id));
    for (const [id, layerIds] of this.planLayerIds) {
      if (wanted.has(id)) continue;
      for (const layerId of layerIds) this.map.removeLayer(layerId);
      this.map.removeSource(planSourceId(id));
      this.sourceData.delete(planSourceId(id));
      this.planLayerIds.delete(id);
    }
    let added = false;
    for (const { layer, data } of this.plan.layers) {
      const setting = this.plan.settings[layer.id] ?? { visible: false, opacity: layer.opacity };
      const specs = planLayerSpecs(layer, setting.visible, setting.opacity);
      const sourceId = planSourceId(layer.id);
      // A hidden layer joins the style when first shown: one coming in after the first picture
      // would otherwise change the style and redraw the whole map for nothing to see.
      if (!this.planLayerIds.has(layer.id) && !setting.visible) continue;
      if (!this.map.getSource(sourceId)) {
        this.map.addSource(sourceId, { type: "geojson", data: EMPTY_COLLECTION });
        for (const spec of specs) this.map.addLayer(spec, BASE_LAYERS.highlightFill);
        this.planLayerIds.set(
          layer.id,
          specs.map((s) => s.id),
        );
        added = true;
      }
      this.setSourceData(sourceId, data);
      for (const spec of specs) {
        this.map.setLayoutProperty(spec.id, "visibility", setting.visible ? "visible" : "none");
        for (const [name, value] of opacityPaint(spec, setting.opacity)) {
          this.map.setPaintProperty(spec.id, name, value);
        }
      }
    }
    // Every move marks the style's layer order changed and redraws the map, even a move to where the
    // layer already is; removals keep the others in order, so only a new layer (added just under the
    // highlight) needs the order made again.
    if (added) this.orderPlanLayers();
  }

  /**
   * Polygons go under the district outlines so boundaries stay readable; lines and points go above
   * them, below the check's findings. In each group lower plans are drawn first, so a higher plan is
   * never hidden by a lower one.
   */
  private orderPlanLayers(): void {
    const byRank = [...this.plan.layers].sort(
      (a, b) => LEVEL_DRAW_ORDER.indexOf(a.layer.level) - LEVEL_DRAW_ORDER.indexOf(b.layer.level),
    );
    const polygons = byRank.filter((p) => p.layer.geometryType === "polygon");
    const lines = byRank.filter((p) => p.layer.geometryType === "line");
    const points = byRank.filter((p) => p.layer.geometryType === "point");
    const move = (group: PlanLayerData[], before: string) => {
      for (const { layer } of group) {
        for (const id of this.planLayerIds.get(layer.id) ?? []) this.map.moveLayer(id, before);
      }
    };
    move(polygons, BASE_LAYERS.districtsLine);
    move([...lines, ...points], COMPARE_FIRST_LAYER);
  }

  private applyBasemap(): void {
    const present = this.map.getSource(BASE_SOURCES.osm) !== undefined;
    if (this.basemap && !present) {
      this.map.addSource(BASE_SOURCES.osm, OSM_SOURCE);
      this.map.addLayer(
        { id: BASE_LAYERS.osm, type: "raster", source: BASE_SOURCES.osm },
        BASE_LAYERS.provincesFill,
      );
    } else if (!this.basemap && present) {
      this.map.removeLayer(BASE_LAYERS.osm);
      this.map.removeSource(BASE_SOURCES.osm);
    }
    // Over a basemap the context fills turn into a light veil instead of hiding it.
    this.map.setPaintProperty(BASE_LAYERS.provincesFill, "fill-opacity", this.basemap ? 0.15 : 0.9);
    this.map.setPaintProperty(BASE_LAYERS.districtsFill, "fill-opacity", this.basemap ? 0.1 : 0.55);
  }

  /**
   * Calls `then` once, at the first `idle` at which `drawn` holds. One listener per event at a
   * time; an idle that comes too early leaves it waiting for the next one, which follows the next
   * change.
   */
  private waitFor(event: "ready" | "firstPicture", drawn: () => boolean, then: () => void): void {
    if (this.fired[event] || this.waiting[event]) return;
    this.waiting[event] = true;
    const onIdle = () => {
      if (!drawn()) return;
      this.map.off("idle", onIdle);
      this.waiting[event] = false;
      this.fired[event] = true;
      then();
    };
    this.map.on("idle", onIdle);
  }

  private isFirstPictureDrawn(): boolean {
    if (this.base && !this.isDistrictLayerDrawn()) return false;
    return this.plan.layers.every(({ layer }) => {
      if (!this.plan.settings[layer.id]?.visible) return true;
      const id = planSourceId(layer.id);
      return this.map.getSource(id) !== undefined && this.map.isSourceLoaded(id);
    });
  }

  /**
   * The districts' source has loaded and either district features are on screen or the camera
   * shows no part of Hanoi (a link to another place must not leave the app "not ready" for ever).
   */
  private isDistrictLayerDrawn(): boolean {
    if (!this.map.isSourceLoaded(BASE_SOURCES.districts)) return false;
    if (this.map.queryRenderedFeatures({ layers: [BASE_LAYERS.districtsFill] }).length > 0) {
      return true;
    }
    const view = this.map.getBounds();
    const [w, s, e, n] = this.options.bounds;
    return view.getEast() < w || view.getWest() > e || view.getNorth() < s || view.getSouth() > n;
  }

  /** A pointer over plan features tells the user there is something to click. */
  private updateCursor(point: maplibregl.Point): void {
    const layers = this.visiblePlanLayerIds();
    const over =
      layers.length > 0 &&
      this.map.queryRenderedFeatures(this.clickBox(point), { layers }).length > 0;
    this.map.getCanvas().style.cursor = over ? "pointer" : "";
  }

  private visiblePlanLayerIds(): string[] {
    return [...this.planLayerIds.values()]
      .flat()
      .filter(
        (id) => this.map.getLayer(id) && this.map.getLayoutProperty(id, "visibility") !== "none",
      );
  }

  private clickBox(point: maplibregl.Point): [[number, number], [number, number]] {
    return [
      [point.x - CLICK_TOLERANCE_PX, point.y - CLICK_TOLERANCE_PX],
      [point.x + CLICK_TOLERANCE_PX, point.y + CLICK_TOLERANCE_PX],
    ];
  }

  /** The id of the comparison piece under a click (the topmost), or null. */
  private comparePieceAt(point: maplibregl.Point): string | null {
    const layers = compareLayerSpecs()
      .filter((spec) => "source" in spec && spec.source === COMPARE_SOURCES.pieces)
      .map((spec) => spec.id)
      .filter((id) => this.map.getLayer(id));
    if (layers.length === 0) return null;
    const [hit] = this.map.queryRenderedFeatures(this.clickBox(point), { layers });
    const id = hit?.properties?.id;
    return typeof id === "string" ? id : null;
  }

  private hitsAt(point: maplibregl.Point): FeatureHit[] {
    const queryable = [...this.visiblePlanLayerIds(), BASE_LAYERS.districtsFill];
    const rendered = this.map.queryRenderedFeatures(this.clickBox(point), { layers: queryable });
    const seen = new Set<string>();
    const hits: FeatureHit[] = [];
    for (const rendered_ of rendered) {
      const sourceId = rendered_.source;
      const key = `${sourceId}#${String(rendered_.id)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const original =
        typeof rendered_.id === "number"
          ? this.sourceData.get(sourceId)?.features[rendered_.id]
          : undefined;
      if (!original) continue;
      if (sourceId === BASE_SOURCES.districts) hits.push({ kind: "district", feature: original });
      else if (sourceId.startsWith(PLAN_LAYER_PREFIX)) {
        hits.push({
          kind: "plan",
          layerId: sourceId.slice(PLAN_LAYER_PREFIX.length),
          feature: original,
        });
      }
    }
    return hits;
  }

  private onError(event: maplibregl.ErrorEvent): void {
    const sourceId = (event as { sourceId?: unknown }).sourceId;
    if (sourceId === BASE_SOURCES.osm) {
      this.options.onBasemapError();
      return;
    }
    console.warn("map error:", event.error?.message ?? event.error);
  }
}

/** A copy whose features carry their index as id (MapLibre keeps numeric ids through tiling). */
function withIndexIds(data: FeatureCollection): FeatureCollection {
  return {
    type: "FeatureCollection",
    features: data.features.map((feature, index) => ({ ...feature, id: index })),
  };
}
