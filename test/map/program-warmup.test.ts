import { featureFilter } from "@maplibre/maplibre-gl-style-spec";
import type { Feature, FeatureCollection } from "geojson";
import type { FilterSpecification, LayerSpecification } from "maplibre-gl";
import { describe, expect, it, vi } from "vitest";
import { checkLayerSpecs } from "../../src/map/check-layers";
import { pictureLayerSpec } from "../../src/map/packed-pictures";
import {
  FRAMES_PER_BATCH,
  PROGRAMS_PER_FRAME,
  programSignature,
  WARMUP_OPACITY,
  WARMUP_RASTER_SOURCE,
  WARMUP_SOURCE,
  type WarmupMap,
  warmingUp,
  warmUpPrograms,
  warmupFeatures,
  warmupFrames,
  warmupLayerSpecs,
} from "../../src/map/program-warmup";

/** Whether `layer`'s filter keeps `feature`, evaluated as MapLibre does (geometry type 1 point, 3 polygon). */
function keeps(layer: LayerSpecification, feature: Feature): boolean {
  const filter = "filter" in layer ? (layer.filter as FilterSpecification | undefined) : undefined;
  const type = feature.geometry.type === "Point" ? 1 : 3;
  return featureFilter(filter, "filter").filter({ zoom: 10 }, {
    type,
    properties: feature.properties ?? {},
  } as never);
}

describe("the check layers' warm-up copies", () => {
  const originals = checkLayerSpecs();
  const copies = warmupLayerSpecs(originals);

  it("draws each check layer with its own program: same type and paint but opacity", () => {
    expect(copies).not.toBeNull();
    expect(copies).toHaveLength(originals.length);
    copies?.forEach((copy, i) => {
      const original = originals[i] as LayerSpecification & { paint?: Record<string, unknown> };
      const paint = (copy as { paint: Record<string, unknown> }).paint;
      expect(copy.id).toBe(`${WARMUP_SOURCE}:${original.id}`);
      expect(copy.type).toBe(original.type);
      expect("source" in copy && copy.source).toBe(WARMUP_SOURCE);
      // a filter picks features, not the program: the copy has none (see the test below)
      expect(copy).not.toHaveProperty("filter");
      for (const [name, value] of Object.entries(original.paint ?? {})) {
        if (/opacity$/.test(name)) continue;
        // a data-driven property stays data-driven, a constant stays a constant
        expect(paint[name], `${copy.id} ${name}`).toEqual(value);
      }
      for (const [name, value] of Object.entries(paint)) {
        if (/opacity$/.test(name)) expect(value, `${copy.id} ${name}`).toBe(WARMUP_OPACITY);
      }
      expect(Object.keys(paint).filter((n) => /opacity$/.test(n)).length).toBeGreaterThan(0);
    });
  });

  it("leaves the pixels as they were: under half a step of an 8-bit channel", () => {
    expect(WARMUP_OPACITY).toBeGreaterThan(0);
    expect(WARMUP_OPACITY * 255).toBeLessThan(0.5);
  });

  it("gives every check layer something to draw, of each severity its paint tells apart", () => {
    const features = warmupFeatures([105.85, 21.03], 0.001).features;
    for (const layer of originals) {
      const drawn = features.filter((f) => keeps(layer, f));
      expect(drawn.length, layer.id).toBeGreaterThan(0);
    }
    const hatched = originals.find((l) => l.id === "check:findings-hatch") as LayerSpecification;
    const severities = new Set(
      features.filter((f) => keeps(hatched, f)).map((f) => f.properties?.severity),
    );
    expect([...severities].sort()).toEqual(["error", "warning"]);
  });

  it("has no copy for a layer it cannot make invisible", () => {
    expect(
      warmupLayerSpecs([{ id: "labels", type: "symbol", source: "x", layout: {} }]),
    ).toBeNull();
  });
});

type Listener = (event: { sourceId?: string; sourceDataType?: string; tile?: unknown }) => void;

/** A map that keeps its sources, layers and their opacity, and fires its events when the test says. */
function fakeMap() {
  /** Each source: its features, or an image source's spec. */
  const sources = new Map<string, FeatureCollection | { url: string; coordinates: unknown }>();
  /** Each layer and its opacity-like paint (0: MapLibre does not draw it). */
  const layers = new Map<string, Record<string, unknown>>();
  const listeners = { render: new Set<Listener>(), data: new Set<Listener>() };
  const map: WarmupMap = {
    getCenter: () => ({ lng: 105.85, lat: 21.03 }),
    /** A frame asked for. */
    triggerRepaint: vi.fn(),
    getZoom: () => 10,
    getSource: (id) => sources.get(id),
    getLayer: (id) => layers.get(id),
    addSource: (id, spec) => sources.set(id, spec.type === "geojson" ? spec.data : spec),
    addLayer: (spec) => {
      const paint = (spec as { paint?: Record<string, unknown> }).paint ?? {};
      layers.set(
        spec.id,
        Object.fromEntries(Object.entries(paint).filter(([n]) => /opacity$/.test(n))),
      );
    },
    removeLayer: (id) => layers.delete(id),
    removeSource: (id) => sources.delete(id),
    setPaintProperty: (id, name, value) => {
      const paint = layers.get(id);
      if (paint) paint[name] = value;
    },
    isSourceLoaded: vi.fn(() => true),
    on: (type, listener) => listeners[type].add(listener),
    off: (type, listener) => listeners[type].delete(listener),
  };
  const emit = (type: keyof typeof listeners, event: Parameters<Listener>[0] = {}) => {
    for (const listener of [...listeners[type]]) listener(event);
  };
  /** Layers a frame now would draw: opacity over 0. */
  const drawn = () =>
    [...layers].filter(([, paint]) => Object.values(paint).some((v) => v !== 0)).map(([id]) => id);
  const listening = () => listeners.render.size + listeners.data.size;
  return { map, sources, layers, emit, drawn, listening };
}

describe("warming up the programs", () => {
  it("draws the copies at the map's centre, a few programs a frame once their tiles are in, then takes them away", () => {
    const { map, sources, layers, emit, drawn, listening } = fakeMap();
    const draw = vi.mocked(map.triggerRepaint);
    warmUpPrograms(map, checkLayerSpecs());
    expect(layers.size).toBe(checkLayerSpecs().length);
    const square = (sources.get(WARMUP_SOURCE) as FeatureCollection).features[0]?.geometry;
    if (square?.type !== "Polygon") throw new Error("the warm-up's first feature is no square");
    // a few pixels at zoom 10: 8 px of 512 × 2^10 over 360°
    const ring = square.coordinates[0] ?? [];
    expect((ring[1]?.[0] ?? 0) - (ring[0]?.[0] ?? 0)).toBeCloseTo((8 * 360) / (512 * 1024), 10);
    expect(ring[0]).toEqual([105.85, 21.03]);
    // nothing drawn before the tiles are in; its data in the map's worker: a frame asks for them
    expect(drawn()).toEqual([]);
    emit("data", { sourceId: "base:districts", sourceDataType: "metadata" });
    expect(draw).not.toHaveBeenCalled();
    emit("data", { sourceId: WARMUP_SOURCE, sourceDataType: "metadata" });
    expect(draw).toHaveBeenCalledTimes(1);
    vi.mocked(map.isSourceLoaded).mockReturnValue(false);
    emit("render");
    expect(drawn()).toEqual([]);
    vi.mocked(map.isSourceLoaded).mockReturnValue(true);
    emit("data", { sourceId: WARMUP_SOURCE, tile: {} });
    // then one batch for FRAMES_PER_BATCH frames: each program once, at most PROGRAMS_PER_FRAME a
    // frame; a layer not ready in the first frame of its batch is drawn in the next
    const frames = warmupFrames(warmupLayerSpecs(checkLayerSpecs()) ?? []);
    expect(frames.length).toBeGreaterThan(0);
    expect(FRAMES_PER_BATCH).toBeGreaterThan(1);
    const programs = new Set<string>();
    for (const [i, batch] of frames.entries()) {
      expect(batch.length).toBeLessThanOrEqual(PROGRAMS_PER_FRAME);
      for (const spec of batch) programs.add(programSignature(spec));
      for (let frame = 0; frame < FRAMES_PER_BATCH; frame++) {
        expect(draw).toHaveBeenCalledTimes(2 + i * FRAMES_PER_BATCH + frame);
        expect(drawn()).toEqual(batch.map((spec) => spec.id));
        emit("render");
      }
    }
    expect(programs.size).toBe(frames.flat().length);
    expect(layers.size).toBe(0);
    expect(sources.has(WARMUP_SOURCE)).toBe(false);
    expect(listening()).toBe(0);
  });

  it("shows each frame of the warm-up once the GPU has drawn the one before, not sooner", () => {
    const { map, emit, drawn, listening } = fakeMap();
    const draw = vi.mocked(map.triggerRepaint);
    const gpu: (() => void)[] = [];
    const afterDrawn = (then: () => void) => gpu.push(then);
    const onDone = vi.fn();
    warmUpPrograms(map, checkLayerSpecs(), onDone, afterDrawn);
    const frames = warmupFrames(warmupLayerSpecs(checkLayerSpecs()) ?? []);
    emit("data", { sourceId: WARMUP_SOURCE, sourceDataType: "metadata" });
    emit("data", { sourceId: WARMUP_SOURCE, tile: {} });
    // the tiles are in: the first batch waits for the frame the GPU is drawing
    emit("data", { sourceId: WARMUP_SOURCE, tile: {} });
    expect(gpu).toHaveLength(1);
    expect(drawn()).toEqual([]);
    gpu.shift()?.();
    for (const batch of frames) {
      for (let frame = 0; frame < FRAMES_PER_BATCH; frame++) {
        expect(drawn()).toEqual(batch.map((spec) => spec.id));
        const asked = draw.mock.calls.length;
        emit("render");
        // frames drawn while the GPU draws this one are not the batch's
        emit("render");
        emit("render");
        expect(gpu).toHaveLength(1);
        expect(draw).toHaveBeenCalledTimes(asked);
        expect(drawn()).toEqual(batch.map((spec) => spec.id));
        gpu.shift()?.();
      }
    }
    expect(onDone).toHaveBeenCalledTimes(1);
    expect(drawn()).toEqual([]);
    expect(listening()).toBe(0);
  });

  it("does nothing when the GPU is done after the warm-up was ended", () => {
    const { map, emit, layers, drawn } = fakeMap();
    const gpu: (() => void)[] = [];
    const onDone = vi.fn();
    const end = warmUpPrograms(map, checkLayerSpecs(), onDone, (then) => gpu.push(then));
    emit("data", { sourceId: WARMUP_SOURCE, tile: {} });
    end();
    gpu.shift()?.();
    expect(layers.size).toBe(0);
    expect(drawn()).toEqual([]);
    expect(onDone).not.toHaveBeenCalled();
  });

  it("draws a raster layer's copy (a proposal's pictures) over one transparent pixel, at any zoom, once the pixel is in", () => {
    const { map, sources, emit, drawn, listening } = fakeMap();
    const pictures = pictureLayerSpec("plan:proposal", 9, false);
    warmUpPrograms(map, [...checkLayerSpecs(), pictures]);
    const image = sources.get(WARMUP_RASTER_SOURCE) as { url: string; coordinates: number[][] };
    expect(image.url).toMatch(/^data:image\/png;base64,/);
    // the features' square: top left, clockwise
    const size = (8 * 360) / (512 * 1024);
    expect(image.coordinates[0]).toEqual([105.85, 21.03 + size]);
    expect(image.coordinates[2]).toEqual([105.85 + size, 21.03]);
    const copy = `${WARMUP_SOURCE}:${pictures.id}`;
    const copies = warmupLayerSpecs([pictures]) ?? [];
    expect(copies[0]).toMatchObject({ type: "raster", source: WARMUP_RASTER_SOURCE });
    // its original is hidden above the pictures' zoom (and here): the copy is drawn at the map's
    expect(copies[0]).not.toHaveProperty("maxzoom");
    expect(copies[0]?.layout?.visibility).toBe("visible");
    // the features' tiles are in, the pixel not yet: nothing drawn
    vi.mocked(map.isSourceLoaded).mockImplementation((id) => id !== WARMUP_RASTER_SOURCE);
    emit("data", { sourceId: WARMUP_SOURCE, sourceDataType: "metadata" });
    emit("data", { sourceId: WARMUP_SOURCE, tile: {} });
    expect(drawn()).toEqual([]);
    vi.mocked(map.isSourceLoaded).mockReturnValue(true);
    emit("data", { sourceId: WARMUP_RASTER_SOURCE, sourceDataType: "metadata" });
    const seen = new Set<string>();
    for (let i = 0; i < 20 && listening() > 0; i++) {
      for (const id of drawn()) seen.add(id);
      emit("render");
    }
    expect(seen).toContain(copy);
    expect(sources.size).toBe(0);
    expect(listening()).toBe(0);
  });

  it("warms a raster layer alone from the pixel only: no features to wait the tiles of", () => {
    const { map, sources, layers, emit, drawn, listening } = fakeMap();
    const draw = vi.mocked(map.triggerRepaint);
    const onDone = vi.fn();
    warmUpPrograms(map, [pictureLayerSpec("plan:proposal", 9, false)], onDone);
    // a GeoJSON source without a layer would never be tiled, and the warm-up never end
    expect([...sources.keys()]).toEqual([WARMUP_RASTER_SOURCE]);
    expect(warmingUp(map)).toBe(true);
    // one warm-up at a time
    warmUpPrograms(map, checkLayerSpecs());
    expect(layers.size).toBe(1);
    emit("data", { sourceId: WARMUP_RASTER_SOURCE, sourceDataType: "metadata" });
    expect(drawn()).toEqual(["warmup:plan:proposal:pictures"]);
    for (let frame = 0; frame < FRAMES_PER_BATCH; frame++) {
      expect(draw).toHaveBeenCalledTimes(frame + 1);
      expect(onDone).not.toHaveBeenCalled();
      emit("render");
    }
    expect(onDone).toHaveBeenCalledTimes(1);
    expect(sources.size).toBe(0);
    expect(warmingUp(map)).toBe(false);
    expect(listening()).toBe(0);
  });

  it("puts at most PROGRAMS_PER_FRAME programs in a frame, each program once", () => {
    // lines that differ in which paint properties read the feature: a program each
    const names = ["line-color", "line-width", "line-opacity", "line-blur", "line-gap-width"];
    const specs: LayerSpecification[] = [];
    for (let mask = 1; mask < 1 << names.length; mask++) {
      const paint = Object.fromEntries(
        names.map((name, i) => [name, mask & (1 << i) ? ["get", name] : 1]),
      );
      specs.push({ id: `l${mask}`, type: "line", source: "s", paint } as LayerSpecification);
    }
    const frames = warmupFrames([...specs, ...specs]);
    expect(frames.length).toBe(Math.ceil(specs.length / PROGRAMS_PER_FRAME));
    for (const frame of frames) expect(frame.length).toBeLessThanOrEqual(PROGRAMS_PER_FRAME);
    expect(new Set(frames.flat().map(programSignature)).size).toBe(specs.length);
  });

  it("draws one copy of each program: layers alike share one", () => {
    const copies = warmupLayerSpecs(checkLayerSpecs()) ?? [];
    const signatures = new Set(copies.map(programSignature));
    expect(warmupFrames(copies).flat()).toHaveLength(signatures.size);
    // constant or read from the feature: not the same program
    const line = (color: unknown) =>
      ({
        id: "l",
        type: "line",
        source: "s",
        paint: { "line-color": color },
      }) as LayerSpecification;
    expect(programSignature(line("#fff"))).not.toBe(
      programSignature(line(["match", ["get", "code"], "LUA", "#f00", "#fff"])),
    );
    expect(programSignature(line("#fff"))).toBe(programSignature(line("#000")));
    expect(programSignature(line("#fff"))).toBe(
      programSignature(line(["interpolate", ["linear"], ["zoom"], 8, "#fff", 12, "#000"])),
    );
  });

  it("ends at once when results come, and a second warm-up while one is on adds nothing", () => {
    const { map, sources, layers, listening } = fakeMap();
    const end = warmUpPrograms(map, checkLayerSpecs());
    const count = layers.size;
    warmUpPrograms(map, checkLayerSpecs());
    expect(layers.size).toBe(count);
    end();
    end();
    expect(layers.size).toBe(0);
    expect(sources.size).toBe(0);
    expect(listening()).toBe(0);
  });

  it("copies each layer without its filter, so that every copy draws the warm-up's features", () => {
    const copies = warmupLayerSpecs(checkLayerSpecs()) ?? [];
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) expect(copy).not.toHaveProperty("filter");
  });
});
