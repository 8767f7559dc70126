import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { serialize } from "flatgeobuf/lib/mjs/geojson.js";
import type { Feature, FeatureCollection } from "geojson";
import { afterEach, describe, expect, it, vi } from "vitest";
import { readFlatGeobuf } from "../../src/io/fgb-reader";
import { writeFlatGeobuf } from "../../src/io/fgb-writer";

const input = JSON.parse(
  readFileSync(fileURLToPath(new URL("../fixtures/io/mixed.geojson", import.meta.url)), "utf8"),
) as FeatureCollection;

/** What a GeoJSON feature looks like after a FlatGeobuf round trip: null properties are dropped. */
const withoutNulls = (feature: Feature): Feature => ({
  ...feature,
  properties: Object.fromEntries(
    Object.entries(feature.properties ?? {}).filter(([, value]) => value !== null),
  ),
});

const byId = (a: Feature, b: Feature) => String(a.id).localeCompare(String(b.id));

describe("readFlatGeobuf", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("reads back what writeFlatGeobuf wrote, ids included", async () => {
    const read = await readFlatGeobuf(writeFlatGeobuf(input));
    expect(read.type).toBe("FeatureCollection");
    expect([...read.features].sort(byId)).toEqual(input.features.map(withoutNulls).sort(byId));
  });

  it("reads only the features in a box through the index", async () => {
    vi.spyOn(console, "debug").mockImplementation(() => undefined);
    // Meets the rice area and the stations' box; the ring road's box starts north of it.
    const rect = { minX: 105.79, minY: 20.69, maxX: 105.86, maxY: 20.81 };
    const read = await readFlatGeobuf(writeFlatGeobuf(input), { rect });
    expect(read.features.map((feature) => feature.id).sort()).toEqual(["mp1", "p1"]);
  });

  it("reads a view into a larger buffer, as Node's pooled Buffers are", async () => {
    const bytes = writeFlatGeobuf(input);
    const padded = new Uint8Array(bytes.length + 100);
    padded.set(bytes, 37);
    const view = padded.subarray(37, 37 + bytes.length);
    vi.spyOn(console, "debug").mockImplementation(() => undefined);
    const read = await readFlatGeobuf(view, {
      rect: { minX: 105.801, minY: 21.21, maxX: 105.81, maxY: 21.22 },
    });
    expect(read.features.map((feature) => feature.id)).toEqual(["pt1"]);
  });

  it("reads files of other writers, without inventing ids, and refuses a box query without index", async () => {
    const plain = serialize({
      type: "FeatureCollection",
      features: input.features.filter((feature) => feature.geometry.type === "Polygon"),
    });
    const read = await readFlatGeobuf(plain);
    expect(read.features).toHaveLength(1);
    expect(read.features[0]?.id).toBeUndefined();
    expect(read.features[0]?.properties?.name).toBe("Vùng lúa Ứng Hòa");
    await expect(
      readFlatGeobuf(plain, { rect: { minX: 0, minY: 0, maxX: 1, maxY: 1 } }),
    ).rejects.toThrow(/no spatial index/);
  });

  it("refuses bytes that are not FlatGeobuf", async () => {
    await expect(readFlatGeobuf(new TextEncoder().encode('{"type":"x"}'))).rejects.toThrow(
      /not a FlatGeobuf file/,
    );
  });
});
