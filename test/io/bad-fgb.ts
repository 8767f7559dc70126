import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { FeatureCollection } from "geojson";
import { buildHeader, type Envelope, readHeader } from "../../src/io/fgb-header";
import { writeFlatGeobuf } from "../../src/io/fgb-writer";

/**
 * Broken FlatGeobuf files for tests, made from a good one written by the project's writer: bytes
 * cut off or patched the way a failed download, a full disk or a hostile file would leave them.
 */

/** The CLI fixture's zoning layer: 3 polygons with ids, indexed. */
export const zoning = JSON.parse(
  readFileSync(
    fileURLToPath(new URL("../fixtures/cli/basic/layers/city/zoning.geojson", import.meta.url)),
    "utf8",
  ),
) as FeatureCollection;

/** Where the header ends: 8 magic bytes, the 4-byte size prefix, the header. */
export function headerEnd(bytes: Uint8Array): number {
  return 12 + new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
}

/** The file with its header rewritten to announce `count` features, all else unchanged. */
export function withFeaturesCount(bytes: Uint8Array, count: number): Uint8Array {
  const meta = readHeader(bytes);
  const header = buildHeader({
    name: "",
    geometryType: meta.geometryType,
    columns: meta.columns ?? [],
    featuresCount: count,
    indexNodeSize: meta.indexNodeSize,
    envelope: meta.envelope ? (Array.from(meta.envelope) as Envelope) : null,
    crsCode: 4326,
    ...(meta.metadata ? { metadata: meta.metadata } : {}),
  });
  const rest = bytes.subarray(headerEnd(bytes));
  const out = new Uint8Array(8 + header.length + rest.length);
  out.set(bytes.subarray(0, 8));
  out.set(header, 8);
  out.set(rest, 8 + header.length);
  return out;
}

/** Position of the first occurrence of `text` (UTF-8) in the bytes. */
export function find(bytes: Uint8Array, text: string): number {
  const needle = new TextEncoder().encode(text);
  for (let i = 0; i + needle.length <= bytes.length; i++) {
    if (needle.every((b, j) => bytes[i + j] === b)) return i;
  }
  throw new Error(`"${text}" not in the file`);
}

/** A copy of the bytes with `values` written at `at`. */
export function patched(bytes: Uint8Array, at: number, values: readonly number[]): Uint8Array {
  const out = bytes.slice();
  out.set(values, at);
  return out;
}

/** Every broken file the CLI tests feed the check, by the name the test gives it. */
export function badFiles(): Record<string, Uint8Array> {
  const good = writeFlatGeobuf(zoning);
  return {
    "zero-count.fgb": withFeaturesCount(good, 0),
    "cut-40.fgb": good.slice(0, 40),
    "huge-count.fgb": withFeaturesCount(good, 2 ** 40),
    "cut-feature.fgb": good.slice(0, good.length - 10),
    "cut-index.fgb": good.slice(0, headerEnd(good) + 60),
  };
}
