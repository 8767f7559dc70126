import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { bbox } from "@turf/turf";
import { ColumnType } from "flatgeobuf/lib/mjs/flat-geobuf/column-type.js";
import { deserialize } from "flatgeobuf/lib/mjs/geojson.js";
import { calcTreeSize } from "flatgeobuf/lib/mjs/packedrtree.js";
import type { Feature, FeatureCollection, Polygon } from "geojson";
import { afterEach, describe, expect, it, vi } from "vitest";
import { readHeader } from "../../src/io/fgb-header";
import { writeFlatGeobuf } from "../../src/io/fgb-writer";
import { seededRandom } from "../support/seeded-random";

const fixture = (name: string): FeatureCollection =>
  JSON.parse(
    readFileSync(fileURLToPath(new URL(`../fixtures/io/${name}`, import.meta.url)), "utf8"),
  ) as FeatureCollection;

/** `count` small squares scattered over Hà Nội's extent, numbered by property `n`. */
function scatteredSquares(count: number, seed: number): FeatureCollection<Polygon> {
  const next = seededRandom(seed);
  const features: Feature<Polygon>[] = [];
  for (let n = 0; n < count; n++) {
    const x = 105.285 + next() * 0.73;
    const y = 20.564 + next() * 0.82;
    const size = 0.001 + next() * 0.03;
    features.push({
      type: "Feature",
      properties: { n, label: `ô ${n}`, even: n % 2 === 0 },
      geometry: {
        type: "Polygon",
        coordinates: [
          [
            [x, y],
            [x + size, y],
            [x + size, y + size],
            [x, y + size],
            [x, y],
          ],
        ],
      },
    });
  }
  return { type: "FeatureCollection", features };
}

async function collect(bytes: Uint8Array, rect?: Parameters<typeof deserialize>[1]) {
  const features: Feature[] = [];
  for await (const feature of deserialize(bytes, rect)) features.push(feature as Feature);
  return features;
}

const byN = (a: Feature, b: Feature) => Number(a.properties?.n) - Number(b.properties?.n);

describe("writeFlatGeobuf", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("round-trips geometry of every type and properties of every kind through flatgeobuf's reader", async () => {
    const input = fixture("mixed.geojson");
    const read = await collect(writeFlatGeobuf(input));
    const id = (feature: Feature) => String(feature.properties?.id);
    expect(read.map(id).sort()).toEqual(input.features.map((f) => String(f.id)).sort());
    for (const original of input.features) {
      const copy = read.find((feature) => feature.properties?.id === original.id);
      expect(copy?.geometry).toEqual(original.geometry);
      const { id: storedId, ...properties } = copy?.properties ?? {};
      expect(storedId).toBe(original.id);
      const expected = Object.fromEntries(
        Object.entries(original.properties ?? {}).filter(([, value]) => value !== null),
      );
      expect(properties).toEqual(expected);
    }
  });

  it("writes a header with the index, envelope, columns and EPSG:4326", () => {
    const input = fixture("mixed.geojson");
    const header = readHeader(writeFlatGeobuf(input, { name: "mixed", title: "Hỗn hợp" }));
    expect(header.indexNodeSize).toBe(16);
    expect(header.featuresCount).toBe(6);
    expect(header.crs?.code).toBe(4326);
    expect(header.title).toBe("Hỗn hợp");
    expect(Array.from(header.envelope ?? [])).toEqual(bbox(input));
    expect(header.columns?.map((column) => [column.name, column.type])).toEqual([
      ["code", ColumnType.Json],
      ["name", ColumnType.String],
      ["area_ha", ColumnType.Double],
      ["protected", ColumnType.Bool],
      ["tags", ColumnType.Json],
      ["id", ColumnType.String],
    ]);
    expect(JSON.parse(header.metadata ?? "{}")).toEqual({ idColumn: "id" });
  });

  it("stores features in Hilbert order, so neighbours in the file are neighbours on the map", async () => {
    const input = scatteredSquares(600, 7);
    const read = await collect(writeFlatGeobuf(input));
    const centre = (feature: Feature) => {
      const [w, s, e, n] = bbox(feature);
      return [(w + e) / 2, (s + n) / 2] as const;
    };
    const meanStep = (features: Feature[]) => {
      let sum = 0;
      for (let i = 1; i < features.length; i++) {
        const [x0, y0] = centre(features[i - 1] as Feature);
        const [x1, y1] = centre(features[i] as Feature);
        sum += Math.hypot(x1 - x0, y1 - y0);
      }
      return sum / (features.length - 1);
    };
    expect(read.map((f) => f.properties?.n)).not.toEqual(
      input.features.map((f) => f.properties?.n),
    );
    expect(meanStep(read)).toBeLessThan(meanStep(input.features) / 5);
    expect([...read].sort(byN).map((f) => f.geometry)).toEqual(
      input.features.map((f) => f.geometry),
    );
  });

  it("has an index that finds exactly the features whose bbox meets a query box", async () => {
    // flatgeobuf's index search logs every step at debug level.
    vi.spyOn(console, "debug").mockImplementation(() => undefined);
    const input = scatteredSquares(600, 11);
    const bytes = writeFlatGeobuf(input);
    const header = readHeader(bytes);
    expect(header.indexNodeSize).toBe(16);
    const next = seededRandom(3);
    const rects = Array.from({ length: 40 }, () => {
      const minX = 105.2 + next() * 0.8;
      const minY = 20.5 + next() * 0.9;
      const size = next() * 0.3;
      return { minX, minY, maxX: minX + size, maxY: minY + size };
    });
    // Each feature's own box must find it: a parent box that misses a child fails here.
    for (const feature of input.features) {
      const [minX, minY, maxX, maxY] = bbox(feature);
      rects.push({ minX, minY, maxX, maxY });
    }
    for (const rect of rects) {
      const expected = input.features
        .filter((feature) => {
          const [w, s, e, n] = bbox(feature);
          return w <= rect.maxX && e >= rect.minX && s <= rect.maxY && n >= rect.minY;
        })
        .map((feature) => feature.properties?.n)
        .sort((a, b) => a - b);
      const found = (await collect(bytes, { rect }))
        .map((feature) => feature.properties?.n)
        .sort((a, b) => a - b);
      expect(found).toEqual(expected);
    }
  });

  it("lays out magic bytes, header, a tree of the spec's size, then the features", () => {
    const input = scatteredSquares(40, 5);
    const bytes = writeFlatGeobuf(input);
    const headerLength = new DataView(bytes.buffer).getUint32(8, true);
    const treeStart = 8 + 4 + headerLength;
    const treeLength = calcTreeSize(40, 16);
    // The first leaf (after the root and the 3 inner nodes) points at the first feature: offset 0.
    const view = new DataView(bytes.buffer, treeStart, treeLength);
    const firstLeaf = (1 + 3) * 40;
    expect(view.getBigUint64(firstLeaf + 32, true)).toBe(0n);
    // The root covers everything and points at its first child, node 1.
    expect([0, 8, 16, 24].map((at) => view.getFloat64(at, true))).toEqual(bbox(input));
    expect(view.getBigUint64(32, true)).toBe(1n);
    const firstFeatureLength = new DataView(bytes.buffer).getUint32(treeStart + treeLength, true);
    expect(firstFeatureLength).toBeGreaterThan(0);
  });

  it("writes an empty collection as a valid file without index", async () => {
    const bytes = writeFlatGeobuf({ type: "FeatureCollection", features: [] });
    expect(readHeader(bytes).indexNodeSize).toBe(0);
    expect(await collect(bytes)).toEqual([]);
  });

  it("refuses a feature without geometry", () => {
    expect(() =>
      writeFlatGeobuf({
        type: "FeatureCollection",
        features: [{ type: "Feature", properties: {}, geometry: null as unknown as Polygon }],
      }),
    ).toThrow(/feature 0 has no geometry/);
  });
});
