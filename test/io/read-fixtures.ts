import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import type { Feature } from "geojson";
import type { ReadOptions, ReadResult } from "../../src/io/format-types";
import { DEFAULT_READ_LIMITS } from "../../src/io/read-limits";
import { readSource } from "../../src/io/registry";
import type { SourceFile } from "../../src/io/source-files";

/** test/fixtures/io/, where the format fixtures are (see its README for how each was made). */
export const IO_FIXTURES = fileURLToPath(new URL("../fixtures/io/", import.meta.url));

/** A fixture file as the user gives it: its name (no folder) and bytes. */
export function fixture(path: string): SourceFile {
  return { name: basename(path), bytes: new Uint8Array(readFileSync(`${IO_FIXTURES}${path}`)) };
}

/** Reads fixture files through the registry with the default limits. */
export function readFixture(
  paths: string[],
  options: Partial<ReadOptions> = {},
): Promise<ReadResult> {
  return readSource(paths.map(fixture), { limits: DEFAULT_READ_LIMITS, ...options });
}

/** Reads bytes given under `name` through the registry. */
export function readBytes(
  name: string,
  bytes: Uint8Array | string,
  options: Partial<ReadOptions> = {},
): Promise<ReadResult> {
  const data = typeof bytes === "string" ? new TextEncoder().encode(bytes) : bytes;
  return readSource([{ name, bytes: data }], { limits: DEFAULT_READ_LIMITS, ...options });
}

/** The source zones (test/fixtures/io/source/zones-wgs84.geojson) every format was made from. */
export const SOURCE = JSON.parse(
  readFileSync(`${IO_FIXTURES}source/zones-wgs84.geojson`, "utf8"),
) as { features: Feature[] };

/** Names (`ten`) and codes (`ma_dat`) of the source zones, in order. */
export const NAMES = SOURCE.features.map((f) => f.properties?.ten as string);
export const CODES = SOURCE.features.map((f) => f.properties?.ma_dat as string);

/** The properties the test compares of a read result: `ten` and `ma_dat` per feature. */
export const namesOf = (result: ReadResult) =>
  result.collection.features.map((f) => f.properties?.ten);
export const codesOf = (result: ReadResult) =>
  result.collection.features.map((f) => f.properties?.ma_dat);

/** The first position of each feature (its outer ring's first, or its first polygon's). */
export function firstPositions(result: ReadResult): number[][] {
  return result.collection.features.map((f) => {
    const g = f.geometry as { type: string; coordinates: unknown };
    const c =
      g.type === "MultiPolygon"
        ? (g.coordinates as number[][][][])[0]?.[0]?.[0]
        : (g.coordinates as number[][][])[0]?.[0];
    return c as number[];
  });
}

/** Errors and warnings of a result as "code: english" lines, for readable assertions. */
export const problemLines = (result: ReadResult) =>
  result.problems.map(
    (p) =>
      `${p.severity} ${p.code}${p.featureIndex === null ? "" : `[${p.featureIndex}]`}: ${p.message.en}`,
  );
