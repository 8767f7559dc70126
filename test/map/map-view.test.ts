import type { Feature, FeatureCollection } from "geojson";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { LayerEntry } from "../../src/core/catalog/schema";
import { FIRST_MAP_MARK } from "../../src/map/first-draw";
import { landUseLayer, layerEntry } from "../state/layer-fixture";

/**
 * A stand-in for maplibregl.Map that keeps what MapView changes: the layer order, the data each
 * source was given, and the calls that cost a redraw. Only what MapView calls is here.
 */
class FakeMap {
  static last: FakeMap | null = null;
  /** The WebGL renderer the next map's canvas reports: headless Chromium's SwiftShader. */
  static renderer =
    "ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero)), SwiftShader driver)";
  /** Camera moves asked of the map, with their options. */
  readonly cameraMoves: { kind: string; options: Record<string, unknown> }[] = [];
  order: string[];
  readonly layers = new Map<
    string,
    { source?: string; layout: Record<string, unknown>; paint: Record<string, unknown> }
  >();
  /** Each source, and every data it was given: with the source, then by `setData`. */
  readonly sources = new Map<string, { setData: ReturnType<typeof vi.fn>; given: unknown[] }>();
  readonly handlers = new Map<string, ((event: unknown) => void)[]>();
  moves = 0;
  /** Style property calls: MapLibre redraws the whole map after each, changed or not. */
  styleCalls = 0;
  rendered: { source: string; id: unknown }[] = [];
  /** Sources whose data MapLibre is still tiling. */
  readonly loading = new Set<string>();
  touchZoomRotate = { disableRotation: () => {} };
  _locale: Record<string, string> = {};
  readonly canvas = {
    clientWidth: 800,
    clientHeight: 600,
    style: { cursor: "" },
    setAttribute: () => {},
    addEventListener: () => {},
    /** WebGL as headless Chromium gives it: drawn by SwiftShader. */
    getContext: () => ({
      RENDERER: 0x1f01,
      getExtension: () => null,
      getParameter: () => FakeMap.renderer,
    }),
  };
  pixelRatio = 1;
  getPixelRatio() {
    return this.pixelRatio;
  }
  setPixelRatio(ratio: number) {
    this.pixelRatio = ratio;
  }
  /** The options MapView made the map with. */
  readonly options: Record<string, unknown>;

  constructor(options: {
    style: { sources: Record<string, unknown>; layers: { id: string; layout?: object }[] };
  }) {
    FakeMap.last = this;
    this.options = options;
    for (const [id, spec] of Object.entries(options.style.sources))
      this.addSource(id, spec as object);
    this.order = [];
    for (const layer of options.style.layers) this.addLayer(layer);
  }
  on(type: string, handler: (event: unknown) => void) {
    this.handlers.set(type, [...(this.handlers.get(type) ?? []), handler]);
  }
  off(type: string, handler: (event: unknown) => void) {
    this.handlers.set(
      type,
      (this.handlers.get(type) ?? []).filter((h) => h !== handler),
    );
  }
  once(type: string, handler: (event: unknown) => void) {
    const once = (event: unknown) => {
      this.off(type, once);
      handler(event);
    };
    this.on(type, once);
  }
  fire(type: string, event: unknown = {}) {
    for (const handler of [...(this.handlers.get(type) ?? [])]) handler(event);
  }
  getZoom() {
    return 9;
  }
  getCenter() {
    return { lat: 21, lng: 105.8 };
  }
  addControl() {}
  removeControl() {}
  addImage() {}
  addSource(id: string, spec?: { data?: unknown }) {
    const given: unknown[] = spec?.data === undefined ? [] : [spec.data];
    const setData = vi.fn(async (data: unknown) => {
      given.push(data);
    });
    this.sources.set(id, { setData, given });
  }
  getSource(id: string) {
    return this.sources.get(id);
  }
  removeSource(id: string) {
    this.sources.delete(id);
  }
  addLayer(spec: { id: string; source?: string; layout?: object }, before?: string) {
    this.layers.set(spec.id, { source: spec.source, layout: { ...spec.layout }, paint: {} });
    const at = before ? this.order.indexOf(before) : -1;
    if (at < 0) this.order.push(spec.id);
    else this.order.splice(at, 0, spec.id);
  }
  getLayer(id: string) {
    return this.layers.get(id);
  }
  removeLayer(id: string) {
    this.layers.delete(id);
    this.order = this.order.filter((l) => l !== id);
  }
  moveLayer(id: string, before: string) {
    this.moves++;
    this.order = this.order.filter((l) => l !== id);
    this.order.splice(this.order.indexOf(before), 0, id);
  }
  setLayoutProperty(id: string, name: string, value: unknown) {
    this.styleCalls++;
    const layer = this.layers.get(id);
    if (layer) layer.layout[name] = value;
  }
  getLayoutProperty(id: string, name: string) {
    return this.layers.get(id)?.layout[name];
  }
  setPaintProperty(id: string, name: string, value: unknown) {
    this.styleCalls++;
    const layer = this.layers.get(id);
    if (layer) layer.paint[name] = value;
  }
  getPaintProperty(id: string, name: string) {
    return this.layers.get(id)?.paint[name];
  }
  fitBounds(_bounds: unknown, options: Record<string, unknown>) {
    this.cameraMoves.push({ kind: "fitBounds", options });
  }
  flyTo(options: Record<string, unknown>) {
    this.cameraMoves.push({ kind: "flyTo", options });
  }
  /** Frames drawn: MapLibre asks for each through `triggerRepaint`, its own too. */
  redraws = 0;
  triggerRepaint() {
    this.redraws++;
  }
  /** Drawn at once (MapLibre's resize observer). */
  redraw() {
    this.redraws++;
  }
  isMoving() {
    return false;
  }
  getCanvas() {
    return this.canvas;
  }
  queryRenderedFeatures() {
    return this.rendered;
  }
  isSourceLoaded(id: string) {
    return !this.loading.has(id);
  }
  remove() {}
}

vi.mock("maplibre-gl", () => ({
  Map: FakeMap,
  setWorkerUrl: () => {},
  prewarm: () => {},
  NavigationControl: class {},
  ScaleControl: class {},
  Marker: class {},
  AttributionControl: class {},
  Point: class {},
  Popup: class {
    setText() {
      return this;
    }
    setLngLat() {
      return this;
    }
    addTo() {
      return this;
    }
    remove() {}
  },
}));

const { MapView } = await import("../../src/map/map-view");
type MapLocale = import("../../src/map/map-controls").MapLocale;

const collection = (n: number): FeatureCollection => ({
  type: "FeatureCollection",
  features: Array.from({ length: n }, (_, i) => ({
    type: "Feature",
    properties: { n: i },
    geometry: { type: "Point", coordinates: [105.8 + i * 0.01, 21] },
  })),
});

/** A MapView whose style has loaded, released (the app's first picture is due) unless `held`. */
function startView(
  onClick = vi.fn(),
  { held = false, onFirstPicture = () => {}, onMove = () => {} } = {},
) {
  const view = new MapView({
    container: {} as HTMLElement,
    camera: undefined,
    bounds: [105.3, 20.5, 106.1, 21.4],
    locale: {} as MapLocale,
    onReady: () => {},
    onFirstPicture,
    onMove,
    onClick,
    onBasemapError: () => {},
    onComparePiece: () => {},
    onFindings: () => {},
  });
  const map = FakeMap.last;
  if (!map) throw new Error("MapView made no map");
  map.fire("style.load");
  map.fire("load");
  if (!held) view.release();
  return { view, map };
}

const layer = (entry: LayerEntry, n = 2) => ({ layer: entry, data: collection(n) });
const settings = (entries: LayerEntry[], opacity = 0.5) =>
  Object.fromEntries(entries.map((e) => [e.id, { visible: true, opacity }]));

beforeEach(() => {
  vi.stubGlobal("window", { devicePixelRatio: 1 });
  vi.stubGlobal("ImageData", class {});
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("MapView", () => {
  const land = landUseLayer();
  const road = layerEntry();
  const districtRoad = layerEntry({ id: "district-road", level: "district" });

  it("jumps to a place in one frame with software WebGL, and glides there with a GPU", () => {
    const renderer = FakeMap.renderer;
    try {
      const moves: [string, unknown, number][] = [];
      for (const name of [renderer, "ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11)"]) {
        FakeMap.renderer = name;
        const { view, map } = startView();
        for (const move of [
          () => view.fitBounds([105.8, 21, 105.9, 21.1]),
          () => view.flyTo(21, 105.8),
        ]) {
          const before = map.redraws;
          move();
          const last = map.cameraMoves.at(-1);
          moves.push([last?.kind ?? "", last?.options.duration, map.redraws - before]);
        }
      }
      expect(moves).toEqual([
        ["fitBounds", 0, 1],
        ["flyTo", 0, 1],
        ["fitBounds", 600, 0],
        ["flyTo", 600, 0],
      ]);
    } finally {
      FakeMap.renderer = renderer;
    }
  });

  it("draws at half resolution where WebGL is drawn in software, unless told to draw in full", () => {
    const onRenderer = vi.fn();
    const view = new MapView({
      container: {} as HTMLElement,
      camera: undefined,
      bounds: [105.3, 20.5, 106.1, 21.4],
      locale: {} as MapLocale,
      onRenderer,
      onReady: () => {},
      onFirstPicture: () => {},
      onMove: () => {},
      onClick: () => {},
      onBasemapError: () => {},
      onComparePiece: () => {},
      onFindings: () => {},
    });
    const map = FakeMap.last as FakeMap;
    // set before the first frame (the style has not even loaded)
    expect(map.pixelRatio).toBe(0.5);
    expect(onRenderer).toHaveBeenCalledWith(true);
    view.setRenderQuality("full");
    expect(map.pixelRatio).toBe(1);
    view.setRenderQuality("fast");
    expect(map.pixelRatio).toBe(0.5);
  });

  it("draws polygons under the district outlines and lines above them, lower plans first", () => {
    const { map, view } = startView();
    view.setLayers([layer(road), layer(land)], settings([road, land]));
    const at = (id: string) => map.order.indexOf(id);
    expect(at("plan:national-land-use:fill")).toBeLessThan(at("base:districts-line"));
    expect(at("plan:ring-road-4:line")).toBeGreaterThan(at("base:districts-line"));
    expect(at("plan:ring-road-4:line")).toBeLessThan(at("check:findings-tint"));
    view.setLayers(
      [layer(road), layer(land), layer(districtRoad)],
      settings([road, land, districtRoad]),
    );
    expect(at("plan:district-road:line")).toBeLessThan(at("plan:ring-road-4:line"));
    expect(at("plan:ring-road-4:line")).toBeLessThan(at("check:findings-tint"));
  });

  it("moves no layer when only visibility or opacity change, and keeps the order on removal", () => {
    const { map, view } = startView();
    const layers = [layer(road), layer(land), layer(districtRoad)];
    view.setLayers(layers, settings([road, land, districtRoad]));
    const order = [...map.order];
    const moves = map.moves;
    view.setLayers(layers, {
      ...settings([road, land, districtRoad], 0.9),
      [road.id]: { visible: false, opacity: 0.9 },
    });
    expect(map.moves).toBe(moves);
    expect(map.order).toEqual(order);
    expect(map.getLayoutProperty("plan:ring-road-4:line", "visibility")).toBe("none");
    view.setLayers(layers.slice(0, 2), settings([road, land]));
    expect(map.order).toEqual(order.filter((id) => !id.startsWith("plan:district-road")));
    expect(map.sources.has("plan:district-road")).toBe(false);
  });

  it("stacks a level's layers as the list orders them, topmost first, and only moves on a new order", () => {
    const { map, view } = startView();
    const other = layerEntry({ id: "rail" });
    const layers = [layer(road), layer(other)];
    const at = (id: string) => map.order.indexOf(id);
    const order = ["ring-road-4", "rail"];
    view.setLayers(layers, settings([road, other]), order);
    expect(at("plan:ring-road-4:line")).toBeGreaterThan(at("plan:rail:line"));
    const moves = map.moves;
    view.setLayers(layers, settings([road, other], 0.2), order);
    expect(map.moves).toBe(moves);
    view.setLayers(layers, settings([road, other]), ["rail", "ring-road-4"]);
    expect(at("plan:rail:line")).toBeGreaterThan(at("plan:ring-road-4:line"));
  });

  it("gives each source its data once, and the highlight only when it changes", () => {
    const { map, view } = startView();
    const layers = [layer(road)];
    view.setLayers(layers, settings([road]));
    view.setLayers(layers, settings([road], 0.2));
    // with the source itself: one trip to the map's worker, not an empty one first
    expect(map.sources.get("plan:ring-road-4")?.given).toHaveLength(1);
    expect(map.sources.get("plan:ring-road-4")?.setData).not.toHaveBeenCalled();
    const highlight = map.sources.get("base:highlight")?.setData;
    const before = highlight?.mock.calls.length ?? 0;
    const feature = collection(1).features[0] as Feature;
    view.highlight(feature);
    view.setLayers(layers, settings([road], 0.3));
    view.setFindings([]);
    expect(highlight?.mock.calls.length).toBe(before + 1);
    expect(highlight?.mock.calls.at(-1)?.[0].features).toEqual([{ ...feature, id: 0 }]);
    view.highlight(null);
    expect(highlight?.mock.calls.at(-1)?.[0].features).toEqual([]);
  });

  it("sets no style property again when only the findings or the selection change", () => {
    const { map, view } = startView();
    const layers = [layer(road), layer(land)];
    view.setLayers(layers, settings([road, land]));
    view.highlight(collection(1).features[0] as Feature);
    const calls = map.styleCalls;
    view.setFindings([]);
    view.highlight(collection(2).features[1] as Feature);
    view.highlightFinding(null);
    view.setLayers(layers, settings([road, land]));
    expect(map.styleCalls).toBe(calls);
    view.setLayers(layers, settings([road, land], 0.8));
    expect(map.styleCalls).toBeGreaterThan(calls);
  });

  it("turns a clicked feature's id back into the plan feature it was given", () => {
    const onClick = vi.fn();
    const { map, view } = startView(onClick);
    const roads = layer(road, 3);
    view.setLayers([roads], settings([road]));
    map.rendered = [
      { source: "plan:ring-road-4", id: 2 },
      { source: "plan:ring-road-4", id: 2 },
      { source: "check:findings", id: 0 },
    ];
    map.fire("click", { point: { x: 10, y: 10 } });
    expect(onClick).toHaveBeenCalledWith([
      { kind: "plan", layerId: "ring-road-4", feature: roads.data.features[2] },
    ]);
  });
});

describe("MapView and the reviewers' drawn flags", () => {
  it("draws them above the check's findings and below the selection highlight", () => {
    const { map, view } = startView();
    const flags = collection(2);
    view.setOwnFlags(flags);
    const at = (id: string) => map.order.indexOf(id);
    expect(at("review:own-flags-fill")).toBeGreaterThan(at("check:findings-point"));
    expect(at("review:own-flags-point")).toBeLessThan(at("base:highlight-fill"));
    const given = map.sources.get("review:own-flags")?.setData.mock.lastCall?.[0];
    expect(given.features).toHaveLength(2);
    view.setOwnFlags(flags); // the same collection again: not given twice
    expect(map.sources.get("review:own-flags")?.setData.mock.lastCall?.[0]).toBe(given);
  });

  it("reports no click while a flag is drawn or moved: the click places a vertex", () => {
    const onClick = vi.fn();
    const { map, view } = startView(onClick);
    const active = vi.spyOn(view.flagDraw, "active", "get").mockReturnValue(true);
    map.fire("click", { point: { x: 10, y: 10 } });
    expect(onClick).not.toHaveBeenCalled();
    active.mockReturnValue(false);
    map.fire("click", { point: { x: 10, y: 10 } });
    expect(onClick).toHaveBeenCalledTimes(1);
  });
});

describe("MapView: the first picture", () => {
  const land = landUseLayer();
  const road = layerEntry();
  const hidden = layerEntry({ id: "hidden-road" });

  beforeEach(() => performance.clearMarks(FIRST_MAP_MARK));

  it("draws no plan layer until released, then every layer given in one pass", () => {
    const { map, view } = startView(vi.fn(), { held: true });
    const styleLayers = [...map.order];
    view.setLayers([layer(road)], settings([road]));
    view.setLayers([layer(road), layer(land)], settings([road, land]));
    expect(map.order).toEqual(styleLayers);
    expect(map.sources.has("plan:ring-road-4")).toBe(false);
    view.release();
    expect(map.sources.get("plan:ring-road-4")?.given).toHaveLength(1);
    expect(map.sources.get("plan:national-land-use")?.given).toHaveLength(1);
    expect(map.order).toContain("check:findings-tint");
  });

  it("marks its first picture after the frame that shows it, at the first idle at which the layers shown have loaded", async () => {
    const onReady = vi.fn();
    const { map, view } = startView(vi.fn(), { held: true, onFirstPicture: onReady });
    const frame = () => new Promise((resolve) => setTimeout(resolve, 0));
    view.setLayers([layer(road)], settings([road]));
    map.fire("idle");
    await frame();
    expect(onReady).not.toHaveBeenCalled();
    view.release();
    map.loading.add("plan:ring-road-4");
    map.fire("idle");
    await frame();
    expect(onReady).not.toHaveBeenCalled();
    expect(performance.getEntriesByName(FIRST_MAP_MARK)).toHaveLength(0);
    map.loading.clear();
    map.fire("idle");
    // not at the idle itself: once the frame drawn is on the screen
    expect(performance.getEntriesByName(FIRST_MAP_MARK)).toHaveLength(0);
    await frame();
    expect(onReady).toHaveBeenCalledTimes(1);
    expect(performance.getEntriesByName(FIRST_MAP_MARK)).toHaveLength(1);
    map.fire("idle");
    await frame();
    expect(onReady).toHaveBeenCalledTimes(1);
  });

  it("neither marks nor calls back for a picture whose map was destroyed before it was shown", async () => {
    const onReady = vi.fn();
    const { map, view } = startView(vi.fn(), { onFirstPicture: onReady });
    map.fire("idle");
    view.destroy();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(onReady).not.toHaveBeenCalled();
    expect(performance.getEntriesByName(FIRST_MAP_MARK)).toHaveLength(0);
  });

  it("draws nothing until released, then one frame to ask every source for its tiles and one once they are in", async () => {
    const { map, view } = startView(vi.fn(), { held: true });
    const settled = () => new Promise((resolve) => setTimeout(resolve, 0));
    view.setBaseData({
      districts: collection(3),
      provinces: collection(2),
      boundary: collection(1),
      labels: [],
      orientation: collection(1),
    });
    const baseSources = [
      "base:districts",
      "base:provinces",
      "base:hanoi-boundary",
      "base:orientation",
    ];
    // MapLibre asks for a frame as each source's data is indexed: none is drawn before the release
    for (const id of baseSources) {
      map.triggerRepaint();
      map.fire("data", { sourceId: id, sourceDataType: "content" });
    }
    await settled();
    expect(map.redraws).toBe(0);
    view.setLayers([layer(road), layer(land)], settings([road, land]));
    view.release();
    const planSources = ["plan:ring-road-4", "plan:national-land-use"];
    // the check's, the comparison's and the flags' sources are there, and not given data again
    expect(map.sources.get("check:findings")?.given).toHaveLength(1);
    expect(map.sources.get("review:own-flags")?.given).toHaveLength(1);
    expect(map.redraws).toBe(0);
    // once every new source's data is in the map's worker: the one frame that asks for tiles
    map.fire("data", { sourceId: planSources[0], sourceDataType: "metadata" });
    await settled();
    expect(map.redraws).toBe(0);
    map.fire("data", { sourceId: planSources[1], sourceDataType: "metadata" });
    await settled();
    expect(map.redraws).toBe(1);
    const all = [...baseSources, ...planSources];
    for (const id of all) map.loading.add(id);
    map.fire("render");
    for (const id of all) {
      map.triggerRepaint();
      map.loading.delete(id);
      map.fire("data", { sourceId: id, tile: {} });
      await settled();
      // drawn once, when the last tiles are in: the first picture
      expect(map.redraws, id).toBe(id === all.at(-1) ? 2 : 1);
    }
  });

  it("adds a hidden layer to the map only when it is first shown", () => {
    const { map, view } = startView();
    const layers = [layer(road), layer(hidden)];
    view.setLayers(layers, { ...settings([road]), [hidden.id]: { visible: false, opacity: 1 } });
    expect(map.sources.has("plan:hidden-road")).toBe(false);
    expect(map.order).not.toContain("plan:hidden-road:line");
    view.setLayers(layers, settings([road, hidden]));
    expect(map.sources.get("plan:hidden-road")?.given).toHaveLength(1);
    expect(map.getLayoutProperty("plan:hidden-road:line", "visibility")).toBe("visible");
    view.setLayers(layers, { ...settings([road]), [hidden.id]: { visible: false, opacity: 1 } });
    expect(map.getLayoutProperty("plan:hidden-road:line", "visibility")).toBe("none");
  });
});

describe("MapView: what a frame draws", () => {
  const visibility = (map: FakeMap, id: string) => map.getLayoutProperty(id, "visibility");

  it("makes the map without symbol fades or paint transitions (each made it redraw for 300 ms)", () => {
    const { map } = startView();
    expect(map.options.fadeDuration).toBe(0);
    expect((map.options.style as { transition?: unknown }).transition).toEqual({
      duration: 0,
      delay: 0,
    });
  });

  it("leaves the layers of an empty highlight, check, comparison or flag source out of the frame until they have features", () => {
    const { map, view } = startView();
    const overlays = [
      "base:highlight-fill",
      "check:findings-tint",
      "check:highlight-subject",
      "compare:changed-fill",
      "compare:highlight-line",
      "review:own-flags-fill",
    ];
    for (const id of overlays) expect(visibility(map, id), id).toBe("none");

    view.highlight(collection(1).features[0] as Feature);
    expect(visibility(map, "base:highlight-fill")).toBe("visible");
    expect(visibility(map, "base:highlight-point")).toBe("visible");
    view.setOwnFlags(collection(1));
    expect(visibility(map, "review:own-flags-point")).toBe("visible");
    expect(visibility(map, "check:findings-tint")).toBe("none");

    view.highlight(null);
    view.setOwnFlags(collection(0));
    expect(visibility(map, "base:highlight-fill")).toBe("none");
    expect(visibility(map, "review:own-flags-point")).toBe("none");
  });

  it("waits for the first tiles of an overlay its first features show: one frame asks for them, one draws them", async () => {
    const { map, view } = startView();
    const settled = () => new Promise((resolve) => setTimeout(resolve, 0));
    const id = "review:own-flags";
    map.fire("render");
    await settled();
    const before = map.redraws;
    view.setOwnFlags(collection(2));
    // MapLibre asks for a frame as the layers are shown; the data reaches its worker, and the
    // source looks loaded (its hidden layers had no tile to reload)
    map.triggerRepaint();
    map.fire("data", { sourceId: id, sourceDataType: "metadata" });
    await settled();
    expect(map.redraws - before).toBe(1);
    // that frame asked for the tiles
    map.loading.add(id);
    map.fire("render");
    map.fire("data", { sourceId: id, sourceDataType: "content" });
    map.triggerRepaint();
    await settled();
    expect(map.redraws - before).toBe(1);
    map.loading.delete(id);
    map.fire("data", { sourceId: id, tile: {} });
    await settled();
    expect(map.redraws - before).toBe(2);
  });

  it("keeps a plan layer's visibility the user's, even with no feature", () => {
    const { map, view } = startView();
    const road = layerEntry();
    view.setLayers([layer(road, 0)], settings([road]));
    expect(visibility(map, "plan:ring-road-4:line")).toBe("visible");
  });
});
