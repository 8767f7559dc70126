import { featureFilter } from "@maplibre/maplibre-gl-style-spec";
import type { Feature, FeatureCollection } from "geojson";
import type { FilterSpecification, LayerSpecification } from "maplibre-gl";
import { describe, expect, it, vi } from "vitest";
import { checkLayerSpecs } from "../../src/map/check-layers";
import {
  WARMUP_OPACITY,
  WARMUP_SOURCE,
  type WarmupMap,
  warmUpPrograms,
  warmupFeatures,
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

/** A map that keeps its sources and layers, and fires its events when the test says. */
function fakeMap() {
  const sources = new Map<string, FeatureCollection>();
  const layers: string[] = [];
  const listeners = {
    idle: new Set<Listener>(),
    render: new Set<Listener>(),
    data: new Set<Listener>(),
  };
  const idle = listeners.idle;
  const map: WarmupMap = {
    getCenter: () => ({ lng: 105.85, lat: 21.03 }),
    getZoom: () => 10,
    getSource: (id) => sources.get(id),
    getLayer: (id) => (layers.includes(id) ? { id } : undefined),
    addSource: (id, spec) => sources.set(id, spec.data),
    addLayer: (spec) => layers.push(spec.id),
    removeLayer: (id) => layers.splice(layers.indexOf(id), 1),
    removeSource: (id) => sources.delete(id),
    isSourceLoaded: vi.fn(() => true),
    on: (type, listener) => listeners[type].add(listener),
    off: (type, listener) => listeners[type].delete(listener),
  };
  const emit = (type: keyof typeof listeners, event: Parameters<Listener>[0] = {}) => {
    for (const listener of [...listeners[type]]) listener(event);
  };
  const fireIdle = () => emit("idle");
  const listening = () => listeners.idle.size + listeners.render.size + listeners.data.size;
  return { map, sources, layers, idle, fireIdle, emit, listening };
}

describe("warming up the check's programs", () => {
  it("draws the copies at the map's centre, then takes them away at the first idle after", () => {
    const { map, sources, layers, idle, fireIdle } = fakeMap();
    warmUpPrograms(map, checkLayerSpecs());
    expect(layers).toHaveLength(checkLayerSpecs().length);
    const square = sources.get(WARMUP_SOURCE)?.features[0]?.geometry;
    if (square?.type !== "Polygon") throw new Error("the warm-up's first feature is no square");
    // a few pixels at zoom 10: 8 px of 512 × 2^10 over 360°
    const ring = square.coordinates[0] ?? [];
    expect((ring[1]?.[0] ?? 0) - (ring[0]?.[0] ?? 0)).toBeCloseTo((8 * 360) / (512 * 1024), 10);
    expect(ring[0]).toEqual([105.85, 21.03]);
    // tiles not in yet: an idle before them keeps the copies
    vi.mocked(map.isSourceLoaded).mockReturnValueOnce(false);
    fireIdle();
    expect(layers).not.toHaveLength(0);
    fireIdle();
    expect(layers).toHaveLength(0);
    expect(sources.has(WARMUP_SOURCE)).toBe(false);
    expect(idle.size).toBe(0);
  });

  it("ends at once when results come, and a second warm-up while one is on adds nothing", () => {
    const { map, sources, layers, idle } = fakeMap();
    const end = warmUpPrograms(map, checkLayerSpecs());
    const count = layers.length;
    warmUpPrograms(map, checkLayerSpecs());
    expect(layers).toHaveLength(count);
    end();
    end();
    expect(layers).toHaveLength(0);
    expect(sources.size).toBe(0);
    expect(idle.size).toBe(0);
  });

  it("with the map's frames held, draws the frame that asks for its tiles and the one that draws them, then ends", () => {
    const { map, sources, layers, emit, listening } = fakeMap();
    const draw = vi.fn();
    warmUpPrograms(map, checkLayerSpecs(), draw);
    // its data is in the map's worker: a frame to ask for its tiles
    emit("data", { sourceId: "base:districts", sourceDataType: "metadata" });
    expect(draw).not.toHaveBeenCalled();
    emit("data", { sourceId: WARMUP_SOURCE, sourceDataType: "metadata" });
    expect(draw).toHaveBeenCalledTimes(1);
    emit("data", { sourceId: WARMUP_SOURCE, sourceDataType: "content" });
    vi.mocked(map.isSourceLoaded).mockReturnValue(false);
    emit("render");
    expect(layers).not.toHaveLength(0);
    // its tiles are in: a frame to draw them, after which it is over
    vi.mocked(map.isSourceLoaded).mockReturnValue(true);
    emit("data", { sourceId: WARMUP_SOURCE, tile: {} });
    expect(draw).toHaveBeenCalledTimes(2);
    emit("render");
    expect(layers).toHaveLength(0);
    expect(sources.size).toBe(0);
    expect(listening()).toBe(0);
  });

  it("copies each layer without its filter, so that every copy draws the warm-up's features", () => {
    const copies = warmupLayerSpecs(checkLayerSpecs()) ?? [];
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) expect(copy).not.toHaveProperty("filter");
  });
});
