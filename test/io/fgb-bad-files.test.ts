import * as flatbuffers from "flatbuffers";
import { Feature } from "flatgeobuf/lib/mjs/flat-geobuf/feature.js";
import type { Geometry } from "flatgeobuf/lib/mjs/flat-geobuf/geometry.js";
import { serialize } from "flatgeobuf/lib/mjs/geojson.js";
import type { FeatureCollection } from "geojson";
import { describe, expect, it } from "vitest";
import { FgbFormatError } from "../../src/io/fgb-error";
import { readHeader } from "../../src/io/fgb-header";
import { fgbLayout } from "../../src/io/fgb-layout";
import { readFlatGeobuf } from "../../src/io/fgb-reader";
import { writeFlatGeobuf } from "../../src/io/fgb-writer";
import { packedTreeBytes, packedTreeLevels } from "../../src/io/packed-rtree";
import { find, headerEnd, patched, withFeaturesCount, zoning } from "./bad-fgb";

const good = writeFlatGeobuf(zoning);

/** The reader's English message for the bytes; fails the test if they read. */
async function problem(bytes: Uint8Array): Promise<string> {
  try {
    await readFlatGeobuf(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(FgbFormatError);
    const { vi, en } = (error as FgbFormatError).problem;
    expect(vi).not.toBe(en);
    return en;
  }
  throw new Error("expected the file to be refused");
}

const ids = (collection: FeatureCollection) => collection.features.map((f) => f.id);

// Every case here hung or read as an empty layer before the file was checked against its size;
// vitest's per-test timeout turns a hang back into a failure.
describe("readFlatGeobuf on files that do not fit their header", () => {
  it("reads the good file the bad ones are made from", async () => {
    expect(ids(await readFlatGeobuf(good))).toEqual(["Z1", "Z2", "Z3"]);
  });

  it("refuses a count of 0 (unknown) with an index, which cannot be placed", async () => {
    expect(await problem(withFeaturesCount(good, 0))).toBe(
      "the header says 0 features (count unknown) yet declares a spatial index, whose size depends on the count: the file is corrupt",
    );
  });

  it("reads a count of 0 without index sequentially, as the spec allows", async () => {
    const plain = withFeaturesCount(serialize(zoning), 0);
    expect(readHeader(plain)).toMatchObject({ featuresCount: 0, indexNodeSize: 0 });
    expect((await readFlatGeobuf(plain)).features).toHaveLength(3);
    // and a header alone, announcing no features, is an empty layer
    const empty = writeFlatGeobuf({ type: "FeatureCollection", features: [] });
    expect((await readFlatGeobuf(empty)).features).toEqual([]);
  });

  it("refuses a file cut after 40 bytes, inside its header", async () => {
    expect(await problem(good.slice(0, 40))).toBe(
      `the header says it is ${headerEnd(good) - 12} bytes long but only 28 bytes follow: the file is cut short`,
    );
    expect(await problem(good.slice(0, 10))).toBe(
      "the file has only 10 bytes: it is cut short inside its header",
    );
  });

  it("refuses a header claiming 2^40 features instead of reading an empty layer", async () => {
    const room = good.length - headerEnd(good);
    expect(await problem(withFeaturesCount(good, 2 ** 40))).toBe(
      `the header says 1099511627776 (2^40) features but the ${room} bytes after it have room for at most ${Math.floor(room / 56)}: the file is cut short or its header is corrupt`,
    );
  });

  it("refuses a file cut inside its index", async () => {
    expect(await problem(good.slice(0, headerEnd(good) + 60))).toMatch(
      /^the header says 3 features but the 60 bytes after it have room for at most 1: the file is cut short/,
    );
    // one feature: its 2-node index (80 bytes) is longer than the smallest feature (16 bytes)
    const one = writeFlatGeobuf({ ...zoning, features: zoning.features.slice(0, 1) });
    expect(await problem(one.slice(0, headerEnd(one) + 70))).toBe(
      "the spatial index of 1 features needs 80 bytes but only 70 bytes follow the header: the file is cut short",
    );
  });

  it("refuses a file cut inside a feature, or between features", async () => {
    expect(await problem(good.slice(0, good.length - 10))).toMatch(
      /^feature 3\/3 needs \d+ bytes from byte \d+ but only \d+ remain: the file is cut short$/,
    );
    const { featureStarts } = fgbLayout(good);
    const third = featureStarts[2] as number;
    expect(await problem(good.slice(0, third))).toBe(
      "the header says 3 features but the file holds only 2: it is cut short",
    );
    expect(await problem(good.slice(0, third + 2))).toBe(
      `the file ends inside the size of feature 3/3 (byte ${third}): it is cut short`,
    );
  });

  it("refuses bytes after the announced features", async () => {
    const longer = new Uint8Array(good.length + 24);
    longer.set(good);
    expect(await problem(longer)).toContain(
      "after the 3 features its header announces, the file holds 24 more bytes",
    );
  });

  it("refuses a feature whose table points outside it, naming the feature", async () => {
    const start = fgbLayout(good).featureStarts[1] as number;
    // the root offset, just after the size prefix, sent far beyond the feature
    expect(await problem(patched(good, start + 4, [0x00, 0xff, 0xff, 0x7f]))).toMatch(
      new RegExp(
        `^feature 2 \\(byte ${start}\\) is corrupt \\(a table lies outside the feature\\)$`,
      ),
    );
  });

  it("refuses a coordinate vector that runs past its feature into the next", async () => {
    const [first, second] = fgbLayout(good).featureStarts as [number, number];
    const buffer = new flatbuffers.ByteBuffer(good.subarray(first, second));
    const geometry = Feature.getSizePrefixedRootAsFeature(buffer).geometry() as Geometry;
    const field = geometry.bb_pos + buffer.__offset(geometry.bb_pos, 6); // the xy vector
    const lengthAt = first + field + buffer.readInt32(field);
    const xyLength = geometry.xyLength();
    expect(buffer.readInt32(lengthAt - first)).toBe(xyLength);
    // 40 more numbers than it has: the bytes of the next feature, read as coordinates before
    const longer = patched(good, lengthAt, [xyLength + 40, 0, 0, 0]);
    expect(await problem(longer)).toBe(
      `feature 1 (byte ${first}) is corrupt (a vector runs past the feature's end)`,
    );
  });

  it("refuses a property that runs past its feature, or text that is not UTF-8", async () => {
    const at = find(good, "ODT");
    const tooLong = patched(good, at - 4, [0xff, 0xff, 0x00, 0x00]);
    expect(await problem(tooLong)).toMatch(
      /is corrupt \(a property value runs past the feature's end\)/,
    );
    const notUtf8 = patched(good, at + 1, [0xff]);
    expect(await problem(notUtf8)).toMatch(
      /is corrupt \(the value of column "land_use_code" is not valid UTF-8\)/,
    );
  });

  it("keeps a column named __proto__ as a property, never as the prototype", async () => {
    const hostile = JSON.parse(
      '{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"__proto__":{"polluted":true}},"geometry":{"type":"Point","coordinates":[105.8,21]}}]}',
    ) as FeatureCollection;
    const [feature] = (await readFlatGeobuf(writeFlatGeobuf(hostile))).features;
    const properties = feature?.properties as Record<string, unknown>;
    expect(Object.getPrototypeOf(properties)).toBe(Object.prototype);
    expect(Object.hasOwn(properties, "__proto__")).toBe(true);
    expect(properties.polluted).toBeUndefined();
  });

  it("refuses an index whose inner node points elsewhere, when querying a box", async () => {
    // the root node (first after the header) holds the index of its first child at byte 32
    const bent = patched(good, headerEnd(good) + 32, [7]);
    const rect = { minX: 0, minY: 0, maxX: 180, maxY: 90 };
    await expect(readFlatGeobuf(bent, { rect })).rejects.toThrow(
      "the spatial index is corrupt: node 0 points at node 7 instead of 1",
    );
    expect(ids(await readFlatGeobuf(good, { rect }))).toEqual(["Z1", "Z2", "Z3"]);
  });
});

describe("packed R-tree size", () => {
  it("matches the reference layout, one level above the leaves even for one item", () => {
    expect(packedTreeLevels(1, 16)).toEqual([
      [1, 2],
      [0, 1],
    ]);
    expect(packedTreeLevels(20, 16)).toEqual([
      [3, 23],
      [1, 3],
      [0, 1],
    ]);
    expect(packedTreeBytes(3, 16)).toBe(4 * 40);
  });

  it("refuses the counts that made flatgeobuf's computation loop forever", () => {
    expect(() => packedTreeLevels(0, 16)).toThrow(RangeError);
    expect(() => packedTreeLevels(5, 1)).toThrow(RangeError);
    expect(() => packedTreeLevels(2 ** 64, 16)).toThrow(RangeError);
  });
});
