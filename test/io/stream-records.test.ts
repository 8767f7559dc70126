import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FeatureSink } from "../../src/io/feature-sink";
import { FgbFormatError } from "../../src/io/fgb-error";
import { readFlatGeobuf } from "../../src/io/fgb-reader";
import { writeFlatGeobuf } from "../../src/io/fgb-writer";
import { DEFAULT_READ_LIMITS } from "../../src/io/read-limits";
import { memoryByteSource } from "../../src/io/stream/byte-source";
import { fgbRecords } from "../../src/io/stream/fgb-records";
import { ndjsonRecords } from "../../src/io/stream/ndjson-records";
import type { RecordLayer } from "../../src/io/stream/record-layer";
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
