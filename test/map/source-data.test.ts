import type { FeatureCollection } from "geojson";
import type { LayerSpecification, SourceSpecification } from "maplibre-gl";
import { describe, expect, it, vi } from "vitest";
import { packCollection } from "../../src/io/packed-collection";
import { PackedTiles } from "../../src/map/packed-tiles";
import { type SourceDataMap, SourceKinds } from "../../src/map/source-data";
import { TileWorkerClient, type TileWorkerPort } from "../../src/map/tile-worker-client";
import type { ToTileWorker } from "../../src/worker/tile-protocol";

vi.mock("maplibre-gl", () => ({
  setWorkerUrl: () => {},
  prewarm: () => {},
  addProtocol: () => {},
}));

/*
 * A large layer is drawn from the tile worker's vector tiles, a small one from a GeoJSON source;
 * the map's source changes kind when its data does, and its layers stay as they were, where they
 * were in the drawing order.
 */

/** A map holding its style as MapLibre's `getStyle` gives it. */
function fakeMap(): SourceDataMap & {
  layers: LayerSpecification[];
  sources: Map<string, SourceSpecification & { given?: unknown[] }>;
} {
  const layers: LayerSpecification[] = [];
  const sources = new Map<string, SourceSpecification & { given?: unknown[] }>();
  return {
    layers,
    sources,
    getStyle: () => ({
      layers: structuredClone(layers),
      sources: Object.fromEntries([...sources].map(([id, s]) => [id, { ...s }])),
    }),
    getSource: (id) => {
      const source = sources.get(id);
      if (!source) return undefined;
      return {
        type: source.type,
        setData: (data: unknown) => {
          source.given = [...(source.given ?? []), data];
        },
      } as { type: string };
    },
    addSource: (id, spec) => sources.set(id, { ...spec }),
    removeSource: (id) => sources.delete(id),
    addLayer: (spec, before) => {
      const at = before ? layers.findIndex((l) => l.id === before) : -1;
      if (at < 0) layers.push(spec);
      else layers.splice(at, 0, spec);
    },
    removeLayer: (id) => {
      layers.splice(
        layers.findIndex((l) => l.id === id),
        1,
      );
    },
  };
}

/** Runs the client's "on the next task" at once. */
const now = (task: () => void) => task();

/** A tile worker that records what the page sent it. */
function fakePort(): TileWorkerPort & { sent: ToTileWorker[] } {
  const sent: ToTileWorker[] = [];
  return { sent, post: (m) => sent.push(m), onMessage: () => {} };
}

const zones: FeatureCollection = {
  type: "FeatureCollection",
  features: [
    {
      type: "Feature",
      properties: { code: "ODT" },
      geometry: {
        type: "Polygon",
        coordinates: [
          [
            [105.8, 21],
            [105.81, 21],
            [105.81, 21.01],
            [105.8, 21],
          ],
        ],
      },
    },
  ],
};

/** A map with the proposal's source between two other layers, as the app draws it. */
function mapWithProposal() {
  const map = fakeMap();
  map.addSource("plan:proposal", { type: "geojson", data: zones, generateId: true });
  map.addSource("base:districts", { type: "geojson", data: zones });
  map.addLayer({ id: "below", type: "fill", source: "base:districts" });
  map.addLayer({
    id: "plan:proposal:fill",
    type: "fill",
    source: "plan:proposal",
    filter: ["==", ["get", "code"], "ODT"],
    paint: { "fill-color": "#f00", "fill-opacity": 0.4 },
  });
  map.addLayer({ id: "between", type: "line", source: "base:districts" });
  map.addLayer({
    id: "plan:proposal:outline",
    type: "line",
    source: "plan:proposal",
    layout: { visibility: "none" },
    paint: { "line-width": 1 },
  });
  map.addLayer({ id: "above", type: "line", source: "base:districts" });
  return map;
}

const order = (map: { layers: LayerSpecification[] }) => map.layers.map((l) => l.id);

describe("a map source that takes packed or parsed data", () => {
  it("draws packed data from the tile worker's tiles, its layers kept as and where they were", () => {
    const map = mapWithProposal();
    const port = fakePort();
    const client = new TileWorkerClient(port, now);
    const kinds = new SourceKinds(new PackedTiles(() => client));
    const before = structuredClone(map.layers);
    const packed = packCollection(zones);

    // a new source: its tiles are asked for at the next frame
    expect(kinds.put(map, "plan:proposal", packed, (d) => d)).toBe("new");

    expect(map.sources.get("plan:proposal")).toEqual({
      type: "vector",
      tiles: ["plan-tiles://p1/{z}/{x}/{y}"],
      maxzoom: 18,
    });
    expect(port.sent).toEqual([{ type: "load", key: "p1", blob: packed.blob }]);
    expect(order(map)).toEqual(order({ layers: before }));
    for (const layer of map.layers) {
      const was = before.find((l) => l.id === layer.id) as LayerSpecification;
      const expected =
        "source" in was && was.source === "plan:proposal"
          ? { ...was, "source-layer": "features" }
          : was;
      expect(layer).toEqual(expected);
    }
  });

  it("turns back into the GeoJSON source it was, with its options, when parsed data comes", () => {
    const map = mapWithProposal();
    const port = fakePort();
    const client = new TileWorkerClient(port, now);
    const kinds = new SourceKinds(new PackedTiles(() => client));
    const before = structuredClone(map.layers);
    kinds.put(map, "plan:proposal", packCollection(zones), (d) => d);
    const parsed: FeatureCollection = { type: "FeatureCollection", features: [] };

    expect(kinds.put(map, "plan:proposal", parsed, () => ({ ...parsed, numbered: true }))).toBe(
      "new",
    );

    expect(map.sources.get("plan:proposal")).toEqual({
      type: "geojson",
      generateId: true,
      data: { ...parsed, numbered: true },
    });
    expect(map.layers).toEqual(before);
    // the worker forgets the layer no source shows any more
    expect(port.sent.at(-1)).toEqual({ type: "drop", key: "p1" });
  });

  it("gives parsed data to a GeoJSON source through setData, changing nothing else", () => {
    const map = mapWithProposal();
    const port = fakePort();
    const kinds = new SourceKinds(new PackedTiles(() => new TileWorkerClient(port, now)));
    const before = structuredClone(map.layers);
    const parsed: FeatureCollection = { type: "FeatureCollection", features: [] };

    expect(kinds.put(map, "plan:proposal", parsed, (d) => d)).toBe("data");

    expect(map.sources.get("plan:proposal")?.given).toEqual([parsed]);
    expect(map.layers).toEqual(before);
    expect(port.sent).toEqual([]);
    expect(kinds.put(map, "no-such-source", parsed, (d) => d)).toBeNull();
  });

  it("hands the worker a packed layer once, while any source of any map shows it", () => {
    const port = fakePort();
    const client = new TileWorkerClient(port, now);
    const mainMap = new PackedTiles(() => client);
    const dossierMap = new PackedTiles(() => client);
    const packed = packCollection(zones);

    const first = mainMap.sourceFor("plan:proposal", packed);
    // the same data again, and on the dossier's map: the same tiles, nothing sent again
    expect(mainMap.sourceFor("plan:proposal", packed)).toEqual(first);
    expect(dossierMap.sourceFor("plan:proposal", packed)).toEqual(first);
    expect(port.sent.map((m) => m.type)).toEqual(["load"]);

    dossierMap.releaseAll();
    expect(port.sent.map((m) => m.type)).toEqual(["load"]);
    // other data for the source: the old layer is dropped, the new one loaded
    const other = packCollection(zones);
    mainMap.sourceFor("plan:proposal", other);
    expect(port.sent).toEqual([
      { type: "load", key: "p1", blob: packed.blob },
      { type: "drop", key: "p1" },
      { type: "load", key: "p2", blob: other.blob },
    ]);
  });

  it("keeps a layer let go and taken again in the same task (the dialog closes, the map takes it)", () => {
    const port = fakePort();
    const tasks: (() => void)[] = [];
    const client = new TileWorkerClient(port, (task) => tasks.push(task));
    const packed = packCollection(zones);
    client.acquire(packed);
    client.release(packed);
    const map = new PackedTiles(() => client);
    map.sourceFor("plan:proposal", packed);
    for (const task of tasks.splice(0)) task();
    expect(port.sent.map((m) => m.type)).toEqual(["load"]);
    // let go for good: dropped on the next task
    map.releaseAll();
    expect(port.sent.map((m) => m.type)).toEqual(["load"]);
    for (const task of tasks.splice(0)) task();
    expect(port.sent.map((m) => m.type)).toEqual(["load", "drop"]);
  });
});
