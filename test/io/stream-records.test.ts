import { readFileSync } from "node:fs";
import * as flatbuffers from "flatbuffers";
import { Feature as FgbFeature } from "flatgeobuf/lib/mjs/flat-geobuf/feature.js";
import type { Geometry as FgbGeometry } from "flatgeobuf/lib/mjs/flat-geobuf/geometry.js";
import { describe, expect, it } from "vitest";
import { FeatureSink } from "../../src/io/feature-sink";
import { FgbFormatError } from "../../src/io/fgb-error";
import { fgbLayout } from "../../src/io/fgb-layout";
import { readFlatGeobuf } from "../../src/io/fgb-reader";
import { writeFlatGeobuf } from "../../src/io/fgb-writer";
import { DEFAULT_READ_LIMITS } from "../../src/io/read-limits";
import { memoryByteSource } from "../../src/io/stream/byte-source";
import { fgbRecords } from "../../src/io/stream/fgb-records";
import { ndjsonRecords } from "../../src/io/stream/ndjson-records";
import type { RecordLayer } from "../../src/io/stream/record-layer";
import { patched, zoning } from "./bad-fgb";
import { IO_FIXTURES, readBytes, SOURCE } from "./read-fixtures";

/*
 * The streaming readers read a file record by record exactly as the whole-file readers read it:
 * the same features, the same problems, numbered alike.
 */

/** Every record of a streamed layer read into one sink, as the whole-file reader fills its own. */
function readAll(layer: RecordLayer) {
  const sink = new FeatureSink(layer.file);
  for (let i = 0; i < layer.count; i++) layer.read(i, sink);
  return sink.finish({ format: layer.format, crs: layer.crs }, layer.count);
}

const encode = (text: string) => new TextEncoder().encode(text);

/** Each record's geometry read alone, against what `read` keeps of it into a sink. */
function expectGeometriesAsRead(layer: RecordLayer) {
  const read = readAll(layer);
  const kept = new Map(
    read.collection.features.map((f, k) => [read.positions?.index[k] ?? k, f.geometry]),
  );
  for (let i = 0; i < layer.count; i++) expect(layer.geometry(i)).toEqual(kept.get(i) ?? null);
}

/** A square at (x, y), its positions with a height when `z` is given. */
const square = (x: number, y: number, z?: number) =>
  [
    [x, y],
    [x + 0.01, y],
    [x + 0.01, y + 0.01],
    [x, y + 0.01],
    [x, y],
  ].map((p) => (z === undefined ? p : [...p, z]));

describe("ndjsonRecords", () => {
  it("reads every line as the whole-text reader does: blank lines, CRLF, RS, BOM, bad lines", async () => {
    const [a, b, c] = SOURCE.features;
    const text = [
      `\uFEFF${JSON.stringify(a)}`,
      "",
      `\u001e${JSON.stringify(b)}\r`,
      "   ",
      '{"type": "Feature", "geometry": ',
      `${"[".repeat(300)}${"]".repeat(300)}`,
      JSON.stringify(c?.geometry),
      '"not a feature"',
      "",
    ].join("\n");
    const whole = await readBytes("lines.ndjson", text);
    const streamed = readAll(
      ndjsonRecords("lines.ndjson", memoryByteSource(encode(text)), DEFAULT_READ_LIMITS),
    );
    expect(streamed.collection).toEqual(whole.collection);
    expect(streamed.problems).toEqual(whole.problems);
    expect(streamed.positions).toEqual(whole.positions);
    expect(streamed.collection.features).toHaveLength(3);
    expect(streamed.problems.map((p) => p.message.en).join("\n")).toMatch(/line 5 /);
  });

  it("reads each line's geometry alone as `read` keeps it, a bad line's as none", () => {
    const [a] = SOURCE.features;
    const lines = [
      JSON.stringify(a),
      '{"type": "Feature", "geometry": ',
      JSON.stringify({ type: "Polygon", coordinates: [square(105.8, 21, 12)] }),
      JSON.stringify({
        type: "GeometryCollection",
        geometries: [
          { type: "Polygon", coordinates: [square(105.8, 21)] },
          { type: "Polygon", coordinates: [square(105.9, 21)] },
        ],
      }),
      '{"type": "Feature", "properties": {}, "geometry": null}',
    ];
    const layer = ndjsonRecords(
      "lines.ndjson",
      memoryByteSource(encode(lines.join("\n"))),
      DEFAULT_READ_LIMITS,
    );
    expectGeometriesAsRead(layer);
    expect(layer.geometry(1)).toBeNull();
    expect(layer.geometry(2)).toEqual({ type: "Polygon", coordinates: [square(105.8, 21)] });
    expect(layer.geometry(3)?.type).toBe("MultiPolygon");
  });

  it("reads the fixture's zones", async () => {
    const bytes = new Uint8Array(readFileSync(`${IO_FIXTURES}geojson/zones.ndjson`));
    const whole = await readBytes("zones.ndjson", bytes);
    const streamed = readAll(
      ndjsonRecords("zones.ndjson", memoryByteSource(bytes), DEFAULT_READ_LIMITS),
    );
    expect(streamed.collection).toEqual(whole.collection);
    expect(streamed.problems).toEqual(whole.problems);
  });
});

describe("fgbRecords", () => {
  it("decodes each feature as readFlatGeobuf, ids restored", async () => {
    const collection = {
      type: "FeatureCollection" as const,
      features: SOURCE.features.map((f, i) => ({ ...f, id: i % 2 ? `Z${i}` : i })),
    };
    const bytes = writeFlatGeobuf(collection);
    const layer = fgbRecords("zones.fgb", memoryByteSource(bytes));
    expect(layer.count).toBe(collection.features.length);
    expect(layer.crs).toEqual({ kind: "epsg", code: 4326, from: "fgb" });
    expect(readAll(layer).collection).toEqual(await readFlatGeobuf(bytes));
  });

  it("reads each feature's geometry alone as `read` keeps it: its heights dropped", () => {
    const features = [
      ...SOURCE.features,
      {
        type: "Feature" as const,
        properties: { ten: "cao" },
        geometry: { type: "Polygon" as const, coordinates: [square(105.8, 21, 7)] },
      },
    ];
    const layer = fgbRecords(
      "zones.fgb",
      memoryByteSource(writeFlatGeobuf({ type: "FeatureCollection", features })),
    );
    expectGeometriesAsRead(layer);
    expect(layer.geometry(SOURCE.features.length)).toEqual({
      type: "Polygon",
      coordinates: [square(105.8, 21)],
    });
  });

  it("reads a corrupt feature's geometry as none: the first pass has said why", () => {
    const good = writeFlatGeobuf(zoning);
    const [first, second] = fgbLayout(good).featureStarts as [number, number];
    const buffer = new flatbuffers.ByteBuffer(good.subarray(first, second));
    const geometry = FgbFeature.getSizePrefixedRootAsFeature(buffer).geometry() as FgbGeometry;
    const field = geometry.bb_pos + buffer.__offset(geometry.bb_pos, 6); // the xy vector
    const lengthAt = first + field + buffer.readInt32(field);
    // 40 more numbers than it has: the bytes of the next feature
    const bad = patched(good, lengthAt, [geometry.xyLength() + 40, 0, 0, 0]);
    const layer = fgbRecords("zoning.fgb", memoryByteSource(bad));
    expect(() => layer.read(0, new FeatureSink("zoning.fgb"))).toThrow(FgbFormatError);
    expect(layer.geometry(0)).toBeNull();
    expect(layer.geometry(1)).toEqual(zoning.features[1]?.geometry);
  });

  it("refuses a cut-short file as the whole-file reader does", async () => {
    const bytes = writeFlatGeobuf({ type: "FeatureCollection", features: SOURCE.features });
    const cut = bytes.slice(0, bytes.length - 10);
    const whole = await readFlatGeobuf(cut).catch((error: unknown) => error);
    expect(whole).toBeInstanceOf(FgbFormatError);
    expect(() => fgbRecords("cut.fgb", memoryByteSource(cut))).toThrow(
      (whole as FgbFormatError).message,
    );
  });
});
