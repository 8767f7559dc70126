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
    getLayer: (id) => layers.find((l) => l.id === id),
    setLayoutProperty: (id, name, value) => {
      const layer = layers.find((l) => l.id === id) as LayerSpecification;
      layer.layout = { ...layer.layout, [name]: value };
    },
    getImage: () => null,
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

/** The style version in the URL of the map's proposal pictures. */
function pictureVersion(map: ReturnType<typeof fakeMap>): number {
  const source = map.sources.get("plan:proposal:pictures") as { tiles: string[] } | undefined;
  const match = /^plan-pictures:\/\/p\d+\/(\d+)\//.exec(source?.tiles[0] ?? "");
  if (!match) throw new Error("no pictures");
  return Number(match[1]);
}

describe("a large packed layer of small features, drawn as pictures below a zoom", () => {
  /** 6 000 zones about 110 m across: drawn as pictures below zoom 14 (see packed-pictures.ts). */
  const many: FeatureCollection = {
    type: "FeatureCollection",
    features: Array.from({ length: 6000 }, (_, i) => {
      const x = 105.5 + (i % 100) * 0.002;
      const y = 20.8 + Math.floor(i / 100) * 0.002;
      return {
        type: "Feature" as const,
        properties: { code: "ODT" },
        geometry: {
          type: "Polygon" as const,
          coordinates: [
            [
              [x, y],
              [x + 0.001, y],
              [x + 0.001, y + 0.001],
              [x, y],
            ],
          ],
        },
      };
    }),
  };

  function shown(drawsPictures = true) {
    const map = mapWithProposal();
    const port = fakePort();
    const client = new TileWorkerClient(port, now);
    const kinds = new SourceKinds(new PackedTiles(() => client, drawsPictures));
    kinds.put(map, "plan:proposal", packCollection(many), (d) => d);
    return { map, port, kinds };
  }

  it("two maps showing one layer draw its pictures each with its own style", () => {
    const port = fakePort();
    const client = new TileWorkerClient(port, now);
    const packed = packCollection(many);
    const main = mapWithProposal();
    const dossier = mapWithProposal();
    dossier.setLayoutProperty("plan:proposal:outline", "visibility", "visible");
    new SourceKinds(new PackedTiles(() => client, true)).put(
      main,
      "plan:proposal",
      packed,
      (d) => d,
    );
    new SourceKinds(new PackedTiles(() => client, true)).put(
      dossier,
      "plan:proposal",
      packed,
      (d) => d,
    );
    // one layer in the worker, two styles under two versions
    expect(port.sent.filter((m) => m.type === "load")).toHaveLength(1);
    const styles = port.sent.filter((m) => m.type === "picture-style");
    expect(styles.map((m) => m.type === "picture-style" && m.version)).toEqual([
      pictureVersion(main),
      pictureVersion(dossier),
    ]);
    expect(pictureVersion(main)).not.toBe(pictureVersion(dossier));
  });

  it("in a browser whose workers cannot draw, drawn feature by feature as before", () => {
    const { map, port, kinds } = shown(false);
    expect(kinds.picturesOf("plan:proposal")).toBeNull();
    expect(map.sources.has("plan:proposal:pictures")).toBe(false);
    expect(map.layers.map((l) => l.id)).not.toContain("plan:proposal:pictures");
    const fill = map.layers.find((l) => l.id === "plan:proposal:fill") as { paint: object };
    expect(fill.paint).toEqual({ "fill-color": "#f00", "fill-opacity": 0.4 });
    expect(port.sent.map((m) => m.type)).toEqual(["load"]);
  });

  it("its pictures come under its layers, which draw nothing below that zoom", () => {
    const { map, port, kinds } = shown();
    expect(kinds.picturesOf("plan:proposal")).toBe("plan:proposal:pictures");
    expect(order(map)).toEqual([
      "below",
      "plan:proposal:pictures",
      "plan:proposal:fill",
      "between",
      "plan:proposal:outline",
      "above",
    ]);
    expect(map.sources.get("plan:proposal:pictures")).toEqual({
      type: "raster",
      tiles: [`plan-pictures://p1/${pictureVersion(map)}/{z}/{x}/{y}`],
      tileSize: 512,
      maxzoom: 14,
    });
    const sentStyle = port.sent.find((m) => m.type === "picture-style");
    expect(sentStyle?.type === "picture-style" && sentStyle.version).toBe(pictureVersion(map));
    const fill = map.layers.find((l) => l.id === "plan:proposal:fill");
    expect(fill && "paint" in fill && fill.paint).toEqual({
      "fill-color": "#f00",
      "fill-opacity": ["step", ["zoom"], 0, 14, 0.4],
    });
    // the worker draws them with the visible layer, its opacity as given
    const style = port.sent.find((m) => m.type === "picture-style");
    expect(style?.type === "picture-style" && style.style.layers).toEqual([
      {
        type: "fill",
        filter: ["==", ["get", "code"], "ODT"],
        paint: { "fill-color": "#f00", "fill-opacity": 0.4 },
        layout: {},
      },
    ]);
    // an opacity the user sets reaches the map stepped too
    expect(kinds.paintValue("plan:proposal", "fill", "fill-opacity", 0.8)).toEqual([
      "step",
      ["zoom"],
      0,
      14,
      0.8,
    ]);
    expect(kinds.paintValue("plan:proposal", "fill", "fill-color", "#0f0")).toBe("#0f0");
  });

  it("drawn again when a layer changes; hidden, not drawn again, while none is visible", () => {
    const { map, port, kinds } = shown();
    expect(kinds.refreshPictures(map)).toEqual([]);
    const fill = map.layers.find((l) => l.id === "plan:proposal:fill") as LayerSpecification & {
      paint: Record<string, unknown>;
    };
    fill.paint = { ...fill.paint, "fill-opacity": ["step", ["zoom"], 0, 14, 0.9] };
    const before = pictureVersion(map);

    expect(kinds.refreshPictures(map)).toEqual(["plan:proposal:pictures"]);
    expect(map.sources.get("plan:proposal:pictures")?.type).toBe("raster");
    expect(pictureVersion(map)).toBeGreaterThan(before);
    expect(order(map).indexOf("plan:proposal:pictures")).toBe(
      order(map).indexOf("plan:proposal:fill") - 1,
    );

    map.setLayoutProperty("plan:proposal:fill", "visibility", "none");
    const sent = port.sent.length;
    expect(kinds.refreshPictures(map)).toEqual([]);
    expect(map.layers.find((l) => l.id === "plan:proposal:pictures")?.layout).toEqual({
      visibility: "none",
    });
    expect(port.sent.length).toBe(sent);
  });

  it("parsed data again: no pictures, its layers drawn at every zoom as they were", () => {
    const { map, kinds } = shown();
    const parsed: FeatureCollection = { type: "FeatureCollection", features: [] };
    kinds.put(map, "plan:proposal", parsed, (d) => d);
    expect(map.sources.has("plan:proposal:pictures")).toBe(false);
    expect(kinds.picturesOf("plan:proposal")).toBeNull();
    // an opacity that was not set comes back as MapLibre's default, 1
    const expected = mapWithProposal().layers.map((l) =>
      l.id === "plan:proposal:outline"
        ? { ...l, paint: { "line-width": 1, "line-opacity": 1 } }
        : l,
    );
    expect(map.layers).toEqual(expected);
  });

  it("the layer removed from the map: its pictures leave with it", () => {
    const { map, kinds } = shown();
    for (const id of ["plan:proposal:fill", "plan:proposal:outline"]) map.removeLayer(id);
    map.removeSource("plan:proposal");
    kinds.forget(map, "plan:proposal");
    expect(order(map)).toEqual(["below", "between", "above"]);
    expect(map.sources.has("plan:proposal:pictures")).toBe(false);
  });
});
