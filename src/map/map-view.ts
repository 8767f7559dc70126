import "maplibre-gl/dist/maplibre-gl.css";
import type { Feature, FeatureCollection } from "geojson";
import type { LayerSpecification } from "maplibre-gl";
import type { LayerEntry } from "../core/catalog/schema";
import type { Finding } from "../core/check/index";

import {
  featureAt,
  featureCount,
  isPacked,
  type LayerData,
  type PackedLayer,
} from "../io/packed-collection";
import type { BasemapChoice, BasemapSource } from "../state/basemap";
import type { Bbox } from "../state/bounds";
import type { FindingHighlight } from "../state/check-selection";
import { featureName } from "../state/feature-details";
import type { LayerSettings } from "../state/layer-settings";
import { orientationLabels } from "../state/orientation";
import { isSoftwareRenderer, pixelRatioFor, type RenderQuality } from "../state/render-quality";
import type { FeatureHit } from "../state/selection";
import type { MapCamera } from "../state/url-state";
import { BASE_LAYERS, BASE_SOURCES, baseStyle, EMPTY_COLLECTION, OSM_SOURCE } from "./base-style";
import {
  CHECK_FIRST_LAYER,
  CHECK_SOURCES,
  checkLayerSpecs,
  FINDING_CLICK_LAYERS,
  findingIdsAt,
  findingsMapData,
  highlightCollection,
  installCheckLayers,
} from "./check-layers";
import {
  COMPARE_FIRST_LAYER,
  COMPARE_SOURCES,
  compareImages,
  compareLayerSpecs,
} from "./compare-layers";
import { type DistrictLabel, DistrictLabels } from "./district-labels";
import { afterFrame, fenceContext, markFirstMap } from "./first-draw";
import { FlagDraw } from "./flag-draw";
import { FLAG_SOURCE, flagLayerSpecs } from "./flag-layers";
import {
  drawOnce,
  drawWhenLoaded,
  gateFrames,
  holdDuring,
  holdFramesWhileLoading,
} from "./frame-hold";
import { HoverTooltip } from "./hover-tooltip";
import { type BasemapFragment, INTRANET_PREFIX, loadBasemapFragment } from "./intranet-basemap";
import { MapControls, type MapLocale } from "./map-controls";
import { maplibregl } from "./maplibre";
import { OrientationLabels } from "./orientation-labels";
import { pictureLayerSpec } from "./packed-pictures";
import { PackedTiles } from "./packed-tiles";
import { type MarkedPlace, PlaceMarker } from "./place-marker";
import {
  drawOrder,
  opacityPaint,
  PLAN_LAYER_PREFIX,
  planLayerSpecs,
  planSourceId,
} from "./plan-layer-specs";
import { warmingUp, warmUpPrograms } from "./program-warmup";
import { SourceKinds } from "./source-data";

declare global {
  interface Window {
    /**
     * TEST-ONLY hook: the live maplibregl.Map, so browser tests can call `queryRenderedFeatures`
     * and `project`. The app itself never reads it.
     */
    __planLayersMap?: maplibregl.Map;
  }
}

/** A catalogue layer whose file has loaded (or the proposal: packed). */
export type PlanLayerData = { layer: LayerEntry; data: LayerData };

/** The base map's data, from `npm run data`. Missing context layers are simply not drawn. */
export type BaseData = {
  districts: FeatureCollection;
  provinces: FeatureCollection | null;
  boundary: FeatureCollection | null;
  labels: DistrictLabel[];
  /** The orientation layer (rivers, lakes, ring roads, district seats), or null without it. */
  orientation?: FeatureCollection | null;
};

export type MapViewOptions = {
  container: HTMLElement;
  /** Camera from a shared link; otherwise the map fits `bounds`. */
  camera: MapCamera | undefined;
  /** Hanoi's extent (WGS84): the first view without a camera, and where districts are expected. */
  bounds: Bbox;
  /** MapLibre's control strings in the UI's language. */
  locale: MapLocale;
  /** How finely to draw from the first frame (see `setRenderQuality`); default `auto`. */
  renderQuality?: RenderQuality;
  /** Called once the map knows whether its WebGL is drawn in software (see `render-quality.ts`). */
  onRenderer?: (software: boolean) => void;
  /** Called once, at the first `idle` after the districts are drawn. */
  onReady: () => void;
  /**
   * Called once, at the first `idle` after {@link MapView.release} at which the districts and the
   * plan layers shown are drawn: the app's first picture (`FIRST_MAP_MARK` is set then).
   */
  onFirstPicture: () => void;
  /** Called after every move with the new camera. */
  onMove: (camera: MapCamera) => void;
  /**
   * Called on every click with the features under it, topmost first (may be empty), and on Enter
   * in the focused map with the features at its centre.
   */
  onClick: (hits: FeatureHit[]) => void;
  /**
   * Called when the basemap (its tiles, style or archive) fails to load (offline, blocked, a wrong
   * address), with the reason; the map keeps working.
   */
  onBasemapError: (reason: string) => void;
  /** Called when a click lands on a piece of the comparison, with the piece's id. */
  onComparePiece: (id: string) => void;
  /**
   * Called when a click lands on the conflicts of the check's findings, with their ids (topmost
   * first); the click then opens no attribute panel: the finding says more than the zone.
   */
  onFindings: (ids: string[]) => void;
};

/** A comparison as the map draws it: its pieces and the selected one (see `compare-layers`). */
/** What the map draws of a comparison: its pieces (parsed, or packed by the compare worker), the selected one. */
export type ComparisonData = { pieces: LayerData; highlight: FeatureCollection };

const CLICK_TOLERANCE_PX = 5;

/** How long the camera glides to a place with a GPU (see {@link MapView.glideMs}). */
const GLIDE_MS = 600;

/** No order given: each level in the order its layers are given. */
const CATALOGUE_ORDER: readonly string[] = [];

/**
 * Longest hold of the redraws while a packed layer's tiles come in: its worker parses the whole
 * file first (a few seconds for 100 000 zones here); moving the map ends a hold at once.
 */
const PACKED_HOLD_MS = 5000;

/**
 * Longest hold of the redraws while new sources' tiles come in: the map's worker tiles every plan
 * layer shown at the start at once (over a second here while the machine is busy), and until then
 * the loading indicator is up; a layer switched on later keeps its old picture that long at most.
 */
const NEW_SOURCE_HOLD_MS = 3000;

/**
 * Longest time the map draws nothing while the data of its first picture comes in (it is all
 * drawn in one frame, see {@link MapView.release}); a layer file slower than this lets the
 * districts be drawn first.
 */
const FIRST_PICTURE_GATE_MS = 2500;

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
  private plan: { layers: PlanLayerData[]; settings: LayerSettings; order: readonly string[] } = {
    layers: [],
    settings: {},
    order: CATALOGUE_ORDER,
  };
  private basemap: BasemapChoice = "none";
  private basemapSource: BasemapSource | null = null;
  /** The intranet basemap on the map (its source, and the ids it added), or being loaded. */
  private intranet: { source: BasemapSource; fragment: BasemapFragment | null } | null = null;
  /** The highlighted feature as its source takes it, built once per `highlight` call. */
  private highlighted: FeatureCollection = EMPTY_COLLECTION;
  /** Conflicting parts of the check's findings, and the selected finding's features. */
  private findings: LayerData = EMPTY_COLLECTION;
  private findingHighlight: FeatureCollection = EMPTY_COLLECTION;
  private checkLayersAdded = false;
  private comparison: ComparisonData = { pieces: EMPTY_COLLECTION, highlight: EMPTY_COLLECTION };
  private compareLayersAdded = false;
  /** The reviewers' drawn flags (see `flag-layers.ts`). */
  private ownFlags: FeatureCollection = EMPTY_COLLECTION;
  private flagLayersAdded = false;
  /** Draws and moves the reviewers' own flags (terra-draw). */
  readonly flagDraw: FlagDraw;
  /**
   * Last collection given to each source, as given: skips redundant `setData` calls and turns a
   * rendered feature's id back into the original.
   */
  private readonly sourceData = new Map<string, LayerData>();
  /** Which sources show packed layers (vector tiles cut by the tile worker) and which GeoJSON. */
  private readonly sourceKinds = new SourceKinds(new PackedTiles());
  /** MapLibre layer ids added for each plan layer. */
  private readonly planLayerIds = new Map<string, string[]>();
  private readonly labels: DistrictLabels;
  private readonly orientationLabels: OrientationLabels;
  private readonly controls: MapControls;
  private readonly tooltip: HoverTooltip;
  private readonly marker: PlaceMarker;
  private readonly options: MapViewOptions;
  /** The layers of the base map, the check, the comparison and the flags, by source id. */
  private readonly overlayLayers = layerIdsBySource([
    ...baseStyle().layers,
    ...checkLayerSpecs(),
    ...compareLayerSpecs(),
    ...flagLayerSpecs(),
  ]);
  private destroyed = false;
  /**
   * Sources given new data in the current pass of `apply`: `content`, sources that take it through
   * `setData`; `tiles`, sources new to the map (their tiles are asked for at the next frame);
   * `pictures`, new picture sources of packed layers (new too, and drawn as soon as they are in).
   */
  private fresh: { content: string[]; tiles: string[]; pictures: string[] } = {
    content: [],
    tiles: [],
    pictures: [],
  };
  /** Takes the check layers' warm-up off the map, if it is on (see `warmUp`). */
  private endWarmup: () => void = () => {};
  /** The check's programs have been warmed up (see `warmUp`). */
  private checkWarmed = false;
  /** The pictures' program has been warmed up (see `warmUp`). */
  private picturesWarmed = false;
  /** The first picture is on the screen (its mark set). */
  private firstPictureShown = false;
  /** Whether the browser draws this map's WebGL in software (SwiftShader, llvmpipe…). */
  private readonly softwareRenderer: boolean;
  /** Lets the map draw: until the first picture's data is all given, it draws no frame. */
  private readonly openGate: () => void;
  /** The map has drawn a frame: a source given data before it has never asked for tiles. */
  private drawn = false;
  /** The check's, the comparison's and the flags' layers may join the style (see `applyAll`). */
  private overlaysDue = false;

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
      // added by MapControls, in the UI's language
      attributionControl: false,
      locale: options.locale,
      // No symbol layer fades in (labels are DOM, see district-labels.ts); with a fade the map
      // redraws every frame for 300 ms after each placement, and `idle` waits for the fade.
      fadeDuration: 0,
      dragRotate: false,
      pitchWithRotate: false,
      maxZoom: 18,
    });
    this.map.touchZoomRotate.disableRotation();
    this.map.once("render", () => {
      this.drawn = true;
    });
    // before the first frame: a software rasterizer's frames cost by the pixel
    this.softwareRenderer = isSoftwareRenderer(webglRenderer(this.map.getCanvas()));
    this.setRenderQuality(options.renderQuality ?? "auto");
    // No frame before the first picture's data is all in: each would draw the whole map (100 ms
    // or more with software WebGL) for a picture still missing most of its layers.
    this.openGate = gateFrames(this.map, FIRST_PICTURE_GATE_MS);
    options.onRenderer?.(this.softwareRenderer);
    this.controls = new MapControls(this.map, options.locale);
    this.tooltip = new HoverTooltip(this.map);
    this.marker = new PlaceMarker(this.map);
    this.labels = new DistrictLabels(this.map);
    this.orientationLabels = new OrientationLabels(this.map, () => this.labels.shown());
    this.flagDraw = new FlagDraw(this.map);
    // The style is ready for sources and layers before the map's first frame; `load` would wait
    // for frames drawn while nothing has come yet.
    this.map.once("style.load", () => {
      this.styleLoaded = true;
      // the base style's sources start with the empty collection: not given it a second time
      for (const id of Object.values(BASE_SOURCES)) this.adoptEmpty(id);
      this.apply();
      // a task of their own: with the style's and the base's, one long task of 150–300 ms
      setTimeout(() => {
        if (this.destroyed) return;
        this.overlaysDue = true;
        this.apply();
      });
    });
    this.map.on("load", () => this.flagDraw.attach());
    this.map.on("moveend", () => options.onMove(this.camera()));
    this.map.on("click", (event) => {
      // While a flag is drawn or moved, clicks place its vertices: nothing else is selected.
      if (this.flagDraw.active) return;
      const piece = this.comparePieceAt(event.point);
      if (piece !== null) options.onComparePiece(piece);
      const findings = this.findingsAt(event.point);
      if (findings.length > 0) options.onFindings(findings);
      else options.onClick(this.hitsAt(event.point));
    });
    this.map.on("mousemove", (event) => this.updateHover(event.point, event.lngLat));
    this.map.getCanvas().addEventListener("keydown", (event) => {
      // Keyboard identify: MapLibre's keys move and zoom the map; Enter asks what is at its centre.
      if (event.key !== "Enter" || event.altKey || event.ctrlKey || event.metaKey) return;
      event.preventDefault();
      const canvas = this.map.getCanvas();
      const centre = new maplibregl.Point(canvas.clientWidth / 2, canvas.clientHeight / 2);
      options.onClick(this.hitsAt(centre));
    });
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
    this.orientationLabels.set(base.orientation ? orientationLabels(base.orientation) : []);
    this.apply();
  }

  /**
   * Shows the loaded plan layers with each layer's visibility and opacity, stacked by `order` (ids,
   * topmost first within each plan level; see `flattenOrder`).
   */
  setLayers(layers: PlanLayerData[], settings: LayerSettings, order = CATALOGUE_ORDER): void {
    // a new order array is a new order: the App memoises it, so a redraw comes only from a move
    const reorder = order !== this.plan.order;
    this.plan = { layers, settings, order };
    this.apply();
    if (reorder && this.styleLoaded) this.orderPlanLayers();
  }

  /** MapLibre's controls in another language. */
  /**
   * Draws the map at the screen's resolution, or at half of it (`fast`, or `auto` where WebGL is
   * drawn in software): see `state/render-quality.ts`.
   */
  setRenderQuality(quality: RenderQuality): void {
    const ratio = pixelRatioFor(quality, this.softwareRenderer, window.devicePixelRatio || 1);
    if (this.map.getPixelRatio() !== ratio) this.map.setPixelRatio(ratio);
  }

  setLocale(locale: MapLocale): void {
    this.controls.setLocale(locale);
  }

  /** Marks a place found by coordinates (or removes the mark). */
  setMarker(place: MarkedPlace | null): void {
    this.marker.set(place);
  }

  /** Moves the camera to a point, close enough to see the plots around it. */
  flyTo(lat: number, lon: number): void {
    const duration = this.glideMs();
    this.map.flyTo({ center: [lon, lat], zoom: Math.max(this.map.getZoom(), 14), duration });
    if (duration === 0) drawOnce(this.map);
  }

  /**
   * How long the camera glides to a place it is sent to: 0, a jump drawn in one frame, with
   * software WebGL. There each frame of a glide redraws the whole map (0.25–0.5 s each here with a
   * 100 000-zone proposal loading: four such frames in the first 1.7 s after "load"), so the glide
   * is a few jerky pictures that hold up everything after it.
   */
  private glideMs(): number {
    return this.softwareRenderer ? 0 : GLIDE_MS;
  }

  /** Gives the map the keyboard focus (the skip link's target). */
  focus(): void {
    this.map.getCanvas().focus();
  }

  /**
   * Chooses the basemap: none, OpenStreetMap's raster tiles (off by default: it needs the internet),
   * or the intranet's (`source`: a style or a PMTiles archive).
   */
  setBasemap(choice: BasemapChoice, source: BasemapSource | null = null): void {
    this.basemap = choice;
    this.basemapSource = source;
    this.apply();
  }

  /** Outlines one feature (or nothing) above every layer. */
  highlight(feature: Feature | null): void {
    this.highlighted = feature
      ? { type: "FeatureCollection", features: [feature] }
      : EMPTY_COLLECTION;
    this.apply();
  }

  /**
   * Draws the conflicting parts of a check's findings: hatched, outlined by severity. `drawn`:
   * the same parts packed by the check workers, drawn instead for a large run (`findingsMapData`).
   */
  setFindings(findings: readonly Finding[], drawn: PackedLayer | null = null): void {
    this.endWarmup();
    this.findings = findingsMapData(findings, drawn);
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

  /** Draws the reviewers' own flags (see `ownFlagsCollection`). */
  setOwnFlags(flags: FeatureCollection): void {
    this.ownFlags = flags;
    this.apply();
  }

  /** Moves the camera to show a WGS84 box. */
  fitBounds(bbox: Bbox): void {
    const duration = this.glideMs();
    this.map.fitBounds(
      [
        [bbox[0], bbox[1]],
        [bbox[2], bbox[3]],
      ],
      { padding: 48, maxZoom: 15, duration },
    );
    // a jump is no animation: it does not end a hold waiting for tiles (see `jumpTo`)
    if (duration === 0) drawOnce(this.map);
  }

  /** Jumps to a camera without animation (a link pasted into the address bar). */
  jumpTo(camera: MapCamera): void {
    this.map.jumpTo({ center: [camera.lon, camera.lat], zoom: camera.zoom });
    // drawn now, even while a hold waits for tiles (a jump is no animation: it would not end one)
    drawOnce(this.map);
  }

  /** Frees the map, its WebGL context and its labels. */
  destroy(): void {
    this.destroyed = true;
    this.tooltip.hide();
    this.marker.set(null);
    this.labels.destroy();
    this.orientationLabels.destroy();
    this.flagDraw.destroy();
    this.map.remove();
    this.sourceKinds.forgetAll();
    if (window.__planLayersMap === this.map) delete window.__planLayersMap;
  }

  /**
   * Brings the map up to what it was given; then holds its redraws until the tiles of every source
   * that took new data in this pass are in. MapLibre would draw once when each source's data is
   * indexed and again as each batch of its tiles comes, every frame the whole map (about 100 ms
   * with software WebGL here). Now it is one frame per pass, plus those in which new sources ask
   * for their tiles.
   */
  private apply(): void {
    // held from the start: the frames MapLibre asks for as sources and layers are added would be
    // drawn before the new data's hold begins
    holdDuring(this.map, () => {
      this.applyAll();
      // pictures drawn with the layers as this pass left them
      this.fresh.pictures.push(...this.sourceKinds.refreshPictures(this.map));
      this.holdFresh();
    });
    if (this.released && this.styleLoaded) this.openGate();
  }

  /** Holds the redraws for the sources {@link MapView.fresh} lists (see `frame-hold.ts`). */
  private holdFresh(): void {
    const { content, tiles, pictures } = this.fresh;
    const packed = tiles.some((id) => isPacked(this.sourceData.get(id) ?? EMPTY_COLLECTION));
    this.fresh = { content: [], tiles: [], pictures: [] };
    holdFramesWhileLoading(this.map, content);
    holdFramesWhileLoading(this.map, [...tiles, ...pictures], {
      until: "tiles",
      maxMs: packed ? PACKED_HOLD_MS : NEW_SOURCE_HOLD_MS,
    });
    // the pictures drawn as soon as they are in, the vector tiles they stand for still coming
    drawWhenLoaded(this.map, pictures);
  }

  private applyAll(): void {
    if (!this.styleLoaded) return;
    this.applyBasemap();
    if (this.base) {
      this.setSourceData(BASE_SOURCES.districts, this.base.districts);
      this.setSourceData(BASE_SOURCES.provinces, this.base.provinces ?? EMPTY_COLLECTION);
      this.setSourceData(BASE_SOURCES.boundary, this.base.boundary ?? EMPTY_COLLECTION);
      this.setSourceData(BASE_SOURCES.orientation, this.base.orientation ?? EMPTY_COLLECTION);
      this.waitFor("ready", () => this.isDistrictLayerDrawn(), this.options.onReady);
    }
    this.setSourceData(BASE_SOURCES.highlight, this.highlighted);
    // The check's, the comparison's and the flags' layers while the first picture's frames are
    // held (their sources are empty: nothing to draw, but each layer added later changes the
    // style and draws the whole map once more), in a task after the style's (see `style.load`).
    if (this.overlaysDue || this.released) {
      this.addCheckLayers();
      this.addCompareLayers();
      this.addFlagLayers();
    }
    // No layer of the plan before the release: they are added in one pass, drawn in one frame.
    if (!this.released) return;
    this.applyPlanLayers();
    this.waitFor(
      "firstPicture",
      () => this.isFirstPictureDrawn(),
      () => this.showFirstPicture(),
    );
    this.setSourceData(COMPARE_SOURCES.pieces, this.comparison.pieces);
    this.setSourceData(COMPARE_SOURCES.highlight, this.comparison.highlight);
    this.setSourceData(CHECK_SOURCES.findings, this.findings);
    this.setSourceData(CHECK_SOURCES.highlight, this.findingHighlight);
    this.setSourceData(FLAG_SOURCE, this.ownFlags);
  }

  /**
   * The first picture is drawn: the mark and the callback come once the GPU has drawn the frame
   * that puts it on the screen (with software WebGL that drawing is the longest part), so the
   * benchmark times, and the loading indicator stays up until, the picture itself.
   */
  private showFirstPicture(): void {
    afterFrame(() => {
      if (this.destroyed) return;
      markFirstMap();
      this.firstPictureShown = true;
      this.options.onFirstPicture();
      whenQuiet(() => this.warmUp());
    }, fenceContext(this.map.getCanvas()));
  }

  /**
   * Draws once, invisibly (`program-warmup.ts`), what later frames will need compiled: the check's
   * layers, unless results are already there (their frames compiled them), and a large proposal's
   * pictures (a raster layer, `packed-pictures.ts`). Compiled later, a program's first use waits
   * for the GPU to finish every frame queued before it: 0.55–0.8 s on the page after a
   * 100 000-zone proposal's check. Called once the first picture is up and the page is quiet, and
   * again when files are imported (`preparePictures`). Results end a warm-up of the check's layers
   * (they draw them now); one ended before the pictures were drawn leaves them to the import.
   */
  private warmUp(): void {
    if (this.destroyed) return;
    // one warm-up at a time: this one at the map's idle after the other (its end redraws the map)
    if (warmingUp(this.map)) {
      this.map.once("idle", () => this.warmUp());
      return;
    }
    const check = !this.checkWarmed && featureCount(this.findings) === 0;
    const specs = [
      ...(check ? checkLayerSpecs() : []),
      ...(this.picturesWarmed ? [] : [PICTURES_WARMUP_SPEC]),
    ];
    if (specs.length === 0) return;
    const end = warmUpPrograms(
      this.map,
      specs,
      () => {
        this.picturesWarmed = true;
        if (check) this.checkWarmed = true;
      },
      this.afterDrawn,
    );
    if (check) this.endWarmup = end;
  }

  /**
   * Files are being imported: a large proposal's pictures will need their program. Compiled now,
   * while the import worker reads the files, when the warm-up after the first picture did not get
   * to draw it (a check's results came first). Not at every start: a warm-up of its own makes the
   * page wait for whatever the GPU process draws at that moment, and beside a check's first
   * results that was a task of 101 ms (a program's link waiting 62 ms).
   */
  preparePictures(): void {
    if (this.firstPictureShown) this.warmUp();
  }

  /** Calls `then` once the GPU has drawn the map's last frame (see `afterFrame`). */
  private readonly afterDrawn = (then: () => void): void =>
    afterFrame(then, fenceContext(this.map.getCanvas()));

  /** GeoJSON sources get numeric ids (the feature's index) so a click can find the original. */
  private setSourceData(sourceId: string, data: LayerData): void {
    const before = this.sourceData.get(sourceId);
    if (before === data) return;
    if (!this.map.getSource(sourceId)) return;
    this.sourceData.set(sourceId, data);
    // nothing for nothing (a new empty collection): no trip through the map's worker to wait for
    if (before && isEmptyParsed(before) && isEmptyParsed(data)) return;
    const notEmpty = featureCount(data) > 0;
    const hadFeatures = before !== undefined && featureCount(before) > 0;
    this.showWhileNotEmpty(sourceId, notEmpty);
    // packed: drawn from the tile worker's tiles, their features numbered by index as here
    const taken = this.sourceKinds.put(this.map, sourceId, data, withIndexIds);
    // Before the first frame no source has asked for tiles: it waits for its first ones. Nor has
    // an overlay whose layers were hidden while it was empty: its data looks loaded at once (no
    // tile to reload), and the frame that shows its layers asks for its tiles.
    const hadNoTiles = !this.drawn || (this.overlayLayers.has(sourceId) && !hadFeatures);
    if (taken === "new" || (taken === "data" && notEmpty && hadNoTiles)) {
      this.fresh.tiles.push(sourceId);
      const pictures = this.sourceKinds.picturesOf(sourceId);
      if (pictures) this.fresh.pictures.push(pictures);
    } else if (taken === "data" && !this.fresh.tiles.includes(sourceId)) {
      this.fresh.content.push(sourceId);
    }
  }

  /**
   * A source just added with the empty collection: kept as its data (so it is not given it again,
   * a round trip through the map's worker that the frame hold would wait for), its layers hidden.
   */
  private adoptEmpty(sourceId: string): void {
    if (!this.map.getSource(sourceId) || this.sourceData.has(sourceId)) return;
    this.sourceData.set(sourceId, EMPTY_COLLECTION);
    this.showWhileNotEmpty(sourceId, false);
  }

  /**
   * Hides the layers of a base, check, comparison or flag source while it has no feature, and
   * shows them once it has (the plan layers' visibility is the user's, and stays so). MapLibre
   * draws each layer that is shown, empty or not, and before each one whose source differs from
   * the last it masks the source's tiles: a pass over the whole canvas, twice a frame. The empty
   * comparison, findings, flags and highlights were a tenth of every frame of the default view.
   */
  private showWhileNotEmpty(sourceId: string, notEmpty: boolean): void {
    for (const layerId of this.overlayLayers.get(sourceId) ?? []) {
      if (this.map.getLayer(layerId)) {
        this.setLayout(layerId, "visibility", notEmpty ? "visible" : "none");
      }
    }
  }

  /**
   * The check's sources, layers and hatch images, once: the images are drawn here rather than read
   * from a sprite, so nothing is fetched. Check layers sit above the plan layers, below the
   * selection highlight.
   */
  private addCheckLayers(): void {
    if (this.checkLayersAdded) return;
    this.checkLayersAdded = true;
    installCheckLayers(this.map, BASE_LAYERS.highlightFill, window.devicePixelRatio || 1);
    for (const id of Object.values(CHECK_SOURCES)) this.adoptEmpty(id);
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
    for (const id of Object.values(COMPARE_SOURCES)) this.adoptEmpty(id);
  }

  /** The drawn flags' source and layers, once: above the check's findings, below the highlight. */
  private addFlagLayers(): void {
    if (this.flagLayersAdded) return;
    this.flagLayersAdded = true;
    this.map.addSource(FLAG_SOURCE, { type: "geojson", data: EMPTY_COLLECTION });
    for (const spec of flagLayerSpecs()) this.map.addLayer(spec, BASE_LAYERS.highlightFill);
    this.adoptEmpty(FLAG_SOURCE);
  }

  private applyPlanLayers(): void {
    const wanted = new Set(this.plan.layers.map((p) => p.layer.id));
    for (const [id, layerIds] of this.planLayerIds) {
      if (wanted.has(id)) continue;
      for (const layerId of layerIds) this.map.removeLayer(layerId);
      this.map.removeSource(planSourceId(id));
      this.sourceData.delete(planSourceId(id));
      this.sourceKinds.forget(this.map, planSourceId(id));
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
        // generateId: each feature's index as its id, as `withIndexIds` gives parsed data, so a
        // click finds the feature of packed data too. Parsed data goes in with the source: added
        // empty, then given its data, the source went to the map's worker twice, the second time
        // only once the first, queued behind every other source's tiles, was done.
        const parsed = isPacked(data) ? EMPTY_COLLECTION : withIndexIds(data);
        this.map.addSource(sourceId, { type: "geojson", data: parsed, generateId: true });
        if (!isPacked(data)) this.sourceData.set(sourceId, data);
        this.fresh.tiles.push(sourceId);
        for (const spec of specs) this.map.addLayer(spec, BASE_LAYERS.highlightFill);
        this.planLayerIds.set(
          layer.id,
          specs.map((s) => s.id),
        );
        added = true;
      }
      this.setSourceData(sourceId, data);
      for (const spec of specs) {
        this.setLayout(spec.id, "visibility", setting.visible ? "visible" : "none");
        for (const [name, value] of opacityPaint(spec, setting.opacity)) {
          this.setPaint(spec.id, name, value);
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
    const { polygons, above } = drawOrder(
      this.plan.layers.map((p) => p.layer),
      this.plan.order,
    );
    const move = (group: LayerEntry[], before: string) => {
      for (const layer of group) {
        // a large layer's pictures first: right under its own layers (see packed-pictures.ts)
        const pictures = this.sourceKinds.picturesOf(planSourceId(layer.id));
        if (pictures) this.map.moveLayer(pictures, before);
        for (const id of this.planLayerIds.get(layer.id) ?? []) this.map.moveLayer(id, before);
      }
    };
    move(polygons, BASE_LAYERS.districtsLine);
    move(above, COMPARE_FIRST_LAYER);
  }

  private applyBasemap(): void {
    const osm = this.basemap === "osm";
    this.applyIntranetBasemap(this.basemap === "intranet" ? this.basemapSource : null);
    const present = this.map.getSource(BASE_SOURCES.osm) !== undefined;
    if (osm && !present) {
      this.map.addSource(BASE_SOURCES.osm, OSM_SOURCE);
      this.map.addLayer(
        { id: BASE_LAYERS.osm, type: "raster", source: BASE_SOURCES.osm },
        BASE_LAYERS.provincesFill,
      );
    } else if (!osm && present) {
      this.map.removeLayer(BASE_LAYERS.osm);
      this.map.removeSource(BASE_SOURCES.osm);
    }
    // Over a basemap the context fills turn into a light veil instead of hiding it.
    const veil = this.basemap !== "none";
    this.setPaint(BASE_LAYERS.provincesFill, "fill-opacity", veil ? 0.15 : 0.9);
    this.setPaint(BASE_LAYERS.districtsFill, "fill-opacity", veil ? 0.1 : 0.55);
  }

  /**
   * Sets a paint property unless it already has that value: MapLibre redraws the whole map after
   * every `setPaintProperty`, even one that changes nothing, and `apply` sets them all on every
   * change (a check's findings, a selection).
   */
  private setPaint(
    layerId: string,
    name: keyof maplibregl.AllPaintProperties,
    value: number | string,
  ): void {
    // as the map takes it: an opacity of a source drawn as pictures at some zooms is 0 there
    const layer = this.map.getLayer(layerId);
    const taken = layer?.source
      ? this.sourceKinds.paintValue(layer.source, layer.type, name, value)
      : value;
    if (sameValue(this.map.getPaintProperty(layerId, name), taken)) return;
    this.map.setPaintProperty(layerId, name, taken as never);
  }

  /** Sets a layout property unless it already has that value (see `setPaint`). */
  private setLayout(
    layerId: string,
    name: keyof maplibregl.AllLayoutProperties,
    value: string,
  ): void {
    if (sameValue(this.map.getLayoutProperty(layerId, name), value)) return;
    this.map.setLayoutProperty(layerId, name, value);
  }

  /**
   * Puts the intranet basemap (or none) under the context layers. Its style or archive header loads
   * first; a choice changed meanwhile wins (the late result is dropped).
   */
  private applyIntranetBasemap(wanted: BasemapSource | null): void {
    const current = this.intranet;
    if (current?.source === wanted) return;
    if (current?.fragment) {
      for (const layer of current.fragment.layers) {
        if (this.map.getLayer(layer.id)) this.map.removeLayer(layer.id);
      }
      for (const id of Object.keys(current.fragment.sources)) {
        if (this.map.getSource(id)) this.map.removeSource(id);
      }
    }
    this.intranet = wanted ? { source: wanted, fragment: null } : null;
    if (!wanted) return;
    loadBasemapFragment(wanted).then(
      (fragment) => {
        if (this.intranet?.source !== wanted) return;
        this.intranet = { source: wanted, fragment };
        if (fragment.glyphs && !this.map.getStyle().glyphs) this.map.setGlyphs(fragment.glyphs);
        for (const [id, source] of Object.entries(fragment.sources)) this.map.addSource(id, source);
        for (const layer of fragment.layers) this.map.addLayer(layer, BASE_LAYERS.provincesFill);
      },
      (error: unknown) => {
        if (this.intranet?.source !== wanted) return;
        this.options.onBasemapError(error instanceof Error ? error.message : String(error));
      },
    );
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

  /**
   * A pointer over plan features tells the user there is something to click, and the tooltip names
   * the topmost feature under it (a district when nothing else is there).
   */
  private updateHover(point: maplibregl.Point, lngLat: maplibregl.LngLat): void {
    const hits = this.hitsAt(point);
    const findingLayers = FINDING_CLICK_LAYERS.filter((id) => this.map.getLayer(id));
    const overFinding =
      findingLayers.length > 0 &&
      this.map.queryRenderedFeatures(this.clickBox(point), { layers: findingLayers }).length > 0;
    this.map.getCanvas().style.cursor =
      overFinding || hits.some((hit) => hit.kind === "plan") ? "pointer" : "";
    const top = hits[0];
    this.tooltip.show(top ? this.hitName(top) : null, lngLat);
  }

  private hitName(hit: FeatureHit): string | null {
    if (hit.kind === "district") {
      const name = hit.feature.properties?.name;
      return typeof name === "string" && name !== "" ? name : null;
    }
    const layer = this.plan.layers.find((p) => p.layer.id === hit.layerId)?.layer;
    return layer ? featureName(layer, hit.feature.properties) : null;
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

  /** The ids of the findings whose conflicts lie under a click, topmost first. */
  private findingsAt(point: maplibregl.Point): string[] {
    const layers = FINDING_CLICK_LAYERS.filter((id) => this.map.getLayer(id));
    if (layers.length === 0) return [];
    return findingIdsAt(this.map.queryRenderedFeatures(this.clickBox(point), { layers }));
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
      const data = this.sourceData.get(sourceId);
      const original =
        typeof rendered_.id === "number" && data ? featureAt(data, rendered_.id) : null;
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
    if (
      sourceId === BASE_SOURCES.osm ||
      (typeof sourceId === "string" && sourceId.startsWith(INTRANET_PREFIX))
    ) {
      this.options.onBasemapError(event.error?.message ?? String(event.error));
      return;
    }
    console.warn("map error:", event.error?.message ?? event.error);
  }
}

/** The ids of the layers drawn from each source, by source id. */
function layerIdsBySource(specs: readonly LayerSpecification[]): Map<string, string[]> {
  const bySource = new Map<string, string[]>();
  for (const spec of specs) {
    if (!("source" in spec) || typeof spec.source !== "string") continue;
    bySource.set(spec.source, [...(bySource.get(spec.source) ?? []), spec.id]);
  }
  return bySource;
}

/** Style values (numbers, strings, expressions as arrays) compared by content. */
function sameValue(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}

/** A copy whose features carry their index as id (MapLibre keeps numeric ids through tiling). */
function withIndexIds(data: FeatureCollection): FeatureCollection {
  return {
    type: "FeatureCollection",
    features: data.features.map((feature, index) => ({ ...feature, id: index })),
  };
}

/**
 * The name of the renderer drawing `canvas`'s WebGL context (MapLibre's: asking the canvas for the
 * kind of context it already has returns that one), unmasked where the browser allows; "" if none.
 */
function webglRenderer(canvas: HTMLCanvasElement): string {
  const gl = (canvas.getContext("webgl2") ?? canvas.getContext("webgl")) as
    | WebGLRenderingContext
    | WebGL2RenderingContext
    | null;
  if (!gl) return "";
  const debug = gl.getExtension("WEBGL_debug_renderer_info");
  const name = gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER);
  return typeof name === "string" ? name : "";
}

/** The pictures' layer as the warm-ups draw it: only its type and paint count (own source). */
const PICTURES_WARMUP_SPEC = pictureLayerSpec("pictures", 0, true);

/**
 * Runs `then` when the page has nothing else to do (or after 2 s at the latest), where the browser
 * can tell; else after half a second.
 */
function whenQuiet(then: () => void): void {
  if (typeof requestIdleCallback === "function") requestIdleCallback(then, { timeout: 2000 });
  else setTimeout(then, 500);
}

/** Parsed data without a feature (packed data is a vector source: not the same source kind). */
function isEmptyParsed(data: LayerData): boolean {
  return !isPacked(data) && featureCount(data) === 0;
}
