import { readFileSync } from "node:fs";
import { join } from "node:path";
import { VectorTile } from "@mapbox/vector-tile";
import type { Feature, FeatureCollection, Position } from "geojson";
import { PbfReader } from "pbf";
import { describe, expect, it } from "vitest";
import { packCollection } from "../../src/io/packed-collection";
import { createTileHandler, SMALL_FEATURE_PIXELS } from "../../src/worker/tile-handler";
import type { PictureContext } from "../../src/worker/tile-picture";
import {
  type FromTileWorker,
  PACKED_SOURCE_LAYER,
  SMALL_FEATURE,
} from "../../src/worker/tile-protocol";

/*
 * The tile worker cuts a packed layer into vector tiles as MapLibre's GeoJSON source does: every
 * feature of the file in the tiles it covers, its index as its id, its attributes, its shape to
 * within the tile grid. Input: test/fixtures/map/packed-tiles/zones.geojson.
 */

const FIXTURE = join(__dirname, "../fixtures/map/packed-tiles/zones.geojson");
const zones = JSON.parse(readFileSync(FIXTURE, "utf8")) as FeatureCollection;

/** The tile x/y at zoom z holding lon/lat (web mercator). */
function tileOf(lon: number, lat: number, z: number): { x: number; y: number } {
  const n = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return {
    x: Math.floor(((lon + 180) / 360) * n),
    y: Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n),
  };
}

function handler() {
  const posted: { message: FromTileWorker; transfer: Transferable[] }[] = [];
  const handle = createTileHandler((message, transfer) => posted.push({ message, transfer }));
  let next = 1;
  const tile = async (key: string, z: number, x: number, y: number) => {
    const requestId = next++;
    await handle({ type: "tile", key, requestId, z, x, y });
    const answer = posted.find((p) => p.message.requestId === requestId);
    if (answer?.message.type !== "tile") throw new Error("no answer");
    return { message: answer.message, transfer: answer.transfer };
  };
  return { handle, tile };
}

/** The features of a tile's bytes, as GeoJSON in lon/lat, with their ids. */
function decode(bytes: ArrayBuffer, z: number, x: number, y: number): Feature[] {
  const layer = new VectorTile(new PbfReader(new Uint8Array(bytes))).layers[PACKED_SOURCE_LAYER];
  if (!layer) return [];
  return Array.from({ length: layer.length }, (_, i) => {
    const feature = layer.feature(i);
    return { ...feature.toGeoJSON(x, y, z), id: feature.id } as Feature;
  });
}

const ringsOf = (feature: Feature): Position[][] => {
  const g = feature.geometry;
  if (g.type === "Polygon") return g.coordinates;
  if (g.type === "MultiPolygon") return g.coordinates.flat();
  throw new Error(`not a polygon: ${g.type}`);
};

describe("the tile worker's vector tiles of a packed layer", () => {
  it("holds every feature where it lies, numbered by its index, with its attributes", async () => {
    const { handle, tile } = handler();
    await handle({ type: "load", key: "p1", blob: packCollection(zones).blob });
    const z = 12;
    const { x, y } = tileOf(105.85, 21.03, z);
    const answer = await tile("p1", z, x, y);
    expect(answer.message.error).toBeUndefined();
    // the bytes cross to the page without a copy
    expect(answer.transfer).toEqual([answer.message.bytes]);
    const features = decode(answer.message.bytes, z, x, y);
    const first = features.find((f) => f.id === 0);
    expect(first?.properties).toEqual({
      land_use_code: "ODT",
      ten: "Khu ở Hoàn Kiếm",
      dien_tich_ha: 12.5,
    });
    // corners within a tile unit (z12, 8 192 units: under a metre) of the file's
    const input = ringsOf(zones.features[0] as Feature)[0] as Position[];
    const drawn = ringsOf(first as Feature).flat();
    for (const [lon = 0, lat = 0] of input) {
      const near = drawn.some(
        ([x = 0, y = 0]) => Math.abs(x - lon) < 1e-5 && Math.abs(y - lat) < 1e-5,
      );
      expect(near, `corner ${lon} ${lat}`).toBe(true);
    }
    // the ring road's zone with its hole covers this tile too; a null attribute is left out, as
    // MapLibre's GeoJSON source leaves it out of its tiles
    expect(features.find((f) => f.id === 2)?.properties).toEqual({
      land_use_code: "DGT",
      ten: "Đường Vành đai 3",
    });
  });

  it("puts all features in the tile of the city, each once, and leaves out what is under a pixel", async () => {
    const { handle, tile } = handler();
    await handle({ type: "load", key: "p1", blob: packCollection(zones).blob });
    const { x, y } = tileOf(105.85, 21.03, 9);
    const features = decode((await tile("p1", 9, x, y)).message.bytes, 9, x, y);
    expect(features.map((f) => f.id).sort()).toEqual([0, 1, 2]);
    expect(features.find((f) => f.id === 1)?.geometry.type).toBe("MultiPolygon");
    // a quarter of the world in one tile (zoom 2): zones a few kilometres wide are under its
    // tolerance (as in MapLibre's GeoJSON source), the ring road's 25 km zone is not
    const far = tileOf(105.85, 21.03, 2);
    const quarter = decode((await tile("p1", 2, far.x, far.y)).message.bytes, 2, far.x, far.y);
    expect(quarter.map((f) => f.id)).toEqual([2]);
  });

  it("marks the polygons a few pixels across in their tile, and only in that tile", async () => {
    const { handle, tile } = handler();
    await handle({ type: "load", key: "p1", blob: packCollection(zones).blob });
    const small = async (z: number) => {
      const { x, y } = tileOf(105.85, 21.03, z);
      const features = decode((await tile("p1", z, x, y)).message.bytes, z, x, y);
      return features
        .filter((f) => f.properties?.[SMALL_FEATURE] === true)
        .map((f) => f.id)
        .sort();
    };
    // zone 0 is about 1.3 km across: 15 pixels at zoom 9, 7 at zoom 8, under 4 at zoom 7; the
    // park's two parts span as much; the ring road's zone (25 km) is 45 pixels wide at zoom 7
    expect(SMALL_FEATURE_PIXELS).toBe(4);
    expect(await small(7)).toEqual([0, 1]);
    // the features of the zoom 8 tile share their attributes with those of zoom 7: unmarked
    expect(await small(8)).toEqual([]);
    expect(await small(7)).toEqual([0, 1]);
    expect(await small(12)).toEqual([]);
  });

  it("answers a tile with no feature, and a tile of an unknown or dropped layer, with no bytes", async () => {
    const { handle, tile } = handler();
    await handle({ type: "load", key: "p1", blob: packCollection(zones).blob });
    const far = tileOf(-70, 40, 12);
    expect((await tile("p1", 12, far.x, far.y)).message.bytes.byteLength).toBe(0);
    expect((await tile("p9", 0, 0, 0)).message.bytes.byteLength).toBe(0);
    await handle({ type: "drop", key: "p1" });
    const dropped = await tile("p1", 0, 0, 0);
    expect(dropped.message.bytes.byteLength).toBe(0);
    expect(dropped.transfer).toEqual([]);
  });

  it("makes a tile asked for while its layer is being read wait for it", async () => {
    const { handle, tile } = handler();
    // not awaited: the request comes in while the bytes are still being parsed
    void handle({ type: "load", key: "p1", blob: packCollection(zones).blob });
    const { x, y } = tileOf(105.85, 21.03, 9);
    const features = decode((await tile("p1", 9, x, y)).message.bytes, 9, x, y);
    expect(features).toHaveLength(3);
  });

  it("says why when the layer's bytes cannot be read, tile by tile", async () => {
    const { handle, tile } = handler();
    await handle({ type: "load", key: "p1", blob: new Blob(["{not json"]) });
    const answer = await tile("p1", 0, 0, 0);
    expect(answer.message.error).toMatch(/JSON/);
    expect(answer.message.bytes.byteLength).toBe(0);
  });
});

describe("the tile worker's pictures of a packed layer", () => {
  /** Canvases that count the fills drawn on them; the "image" is that count. */
  function countingPictures() {
    const drawn: { pixels: number; fills: number; strokes: number }[] = [];
    const noop = () => {};
    return {
      drawn,
      pictures: {
        canvas(pixels: number) {
          const record = { pixels, fills: 0, strokes: 0 };
          drawn.push(record);
          const context = {
            beginPath: noop,
            moveTo: noop,
            lineTo: noop,
            closePath: noop,
            arc: noop,
            stroke: () => {
              record.strokes++;
            },
            setLineDash: noop,
            fill: () => {
              record.fills++;
            },
          } as unknown as PictureContext;
          return { context, image: () => record as unknown as ArrayBuffer };
        },
        pattern: () => null,
      },
    };
  }

  const style = {
    layers: [
      {
        type: "fill" as const,
        paint: { "fill-color": "#f00", "fill-opacity": 0.5 },
        layout: {},
      },
    ],
    images: new Map(),
  };

  it("draws a tile's features with the style of its version; an older version gets none", async () => {
    const posted: FromTileWorker[] = [];
    const { drawn, pictures } = countingPictures();
    const handle = createTileHandler((message) => posted.push(message), pictures);
    await handle({ type: "load", key: "p1", blob: packCollection(zones).blob });
    await handle({ type: "picture-style", key: "p1", version: 3, style });
    const z = 12;
    const { x, y } = tileOf(105.85, 21.03, z);
    await handle({ type: "picture", key: "p1", version: 3, requestId: 1, z, x, y, pixels: 1024 });
    await handle({ type: "picture", key: "p1", version: 2, requestId: 2, z, x, y, pixels: 1024 });
    await handle({ type: "picture", key: "p9", version: 3, requestId: 3, z, x, y, pixels: 1024 });

    const answers = new Map(posted.map((m) => [m.requestId, m]));
    const first = answers.get(1);
    expect(first?.type === "picture" && first.image).toBe(drawn[0]);
    // one fill per polygon of the same tile's vector tile, on a canvas of the size asked for
    const vectors = handler();
    await vectors.handle({ type: "load", key: "p1", blob: packCollection(zones).blob });
    const { message } = await vectors.tile("p1", z, x, y);
    const polygons = decode(message.bytes, z, x, y).filter((f) =>
      f.geometry.type.endsWith("Polygon"),
    );
    expect(polygons.length).toBeGreaterThan(0);
    expect(drawn).toHaveLength(1);
    expect(drawn[0]?.pixels).toBe(1024);
    expect(drawn[0]?.fills).toBe(polygons.length);
    expect(answers.get(2)).toEqual({ type: "picture", requestId: 2, image: null });
    expect(answers.get(3)).toEqual({ type: "picture", requestId: 3, image: null });
  });

  it("keeps the latest styles of a layer, one per map: an older map's pictures still drawn", async () => {
    const posted: FromTileWorker[] = [];
    const { drawn, pictures } = countingPictures();
    const handle = createTileHandler((message) => posted.push(message), pictures);
    await handle({ type: "load", key: "p1", blob: packCollection(zones).blob });
    const z = 12;
    const { x, y } = tileOf(105.85, 21.03, z);
    const outline = {
      ...style,
      layers: [...style.layers, { type: "line" as const, paint: { "line-width": 1 }, layout: {} }],
    };
    await handle({ type: "picture-style", key: "p1", version: 7, style });
    await handle({ type: "picture-style", key: "p1", version: 8, style: outline });
    for (const [requestId, version] of [
      [1, 7],
      [2, 8],
    ]) {
      await handle({
        type: "picture",
        key: "p1",
        version,
        requestId,
        z,
        x,
        y,
        pixels: 512,
      } as never);
    }
    expect(posted.map((m) => m.type === "picture" && m.image !== null)).toEqual([true, true]);
    // each drawn with its own style: the second strokes each zone's outline once more than its
    // fill's antialiased edge
    const [first, second] = drawn;
    expect(first?.strokes).toBe(first?.fills);
    expect(second?.fills).toBe(first?.fills);
    expect(second?.strokes).toBe(2 * (first?.fills ?? 0));
    // four newer versions later, the oldest is gone
    for (const version of [9, 10, 11, 12]) {
      await handle({ type: "picture-style", key: "p1", version, style });
    }
    await handle({ type: "picture", key: "p1", version: 7, requestId: 3, z, x, y, pixels: 512 });
    await handle({ type: "picture", key: "p1", version: 12, requestId: 4, z, x, y, pixels: 512 });
    expect(posted.slice(2).map((m) => m.type === "picture" && m.image !== null)).toEqual([
      false,
      true,
    ]);
  });
});
