import { deserialize } from "flatgeobuf/lib/mjs/geojson.js";
import type { HeaderMeta } from "flatgeobuf/lib/mjs/header-meta.js";
import type { Feature, FeatureCollection } from "geojson";
import { readHeader } from "./fgb-header";
import type { FgbMetadata } from "./fgb-writer";

/** A query box in the file's CRS (degrees for this project's EPSG:4326 files). */
export type Rect = { minX: number; minY: number; maxX: number; maxY: number };

export type FgbReadOptions = {
  /** Only the features whose bbox intersects this box, found through the spatial index. */
  rect?: Rect;
};

function parseMetadata(header: HeaderMeta): FgbMetadata {
  if (!header.metadata) return {};
  try {
    const parsed: unknown = JSON.parse(header.metadata);
    return typeof parsed === "object" && parsed !== null ? (parsed as FgbMetadata) : {};
  } catch {
    return {};
  }
}

/**
 * Reads FlatGeobuf bytes into a GeoJSON FeatureCollection, in file order. Restores feature ids kept
 * by {@link writeFlatGeobuf}; features of other files get no id (flatgeobuf would number them).
 * A `rect` query needs the file's spatial index.
 *
 * @throws Error when the bytes are not FlatGeobuf, or a `rect` is given for a file with no index
 */
export async function readFlatGeobuf(
  input: Uint8Array,
  options: FgbReadOptions = {},
): Promise<FeatureCollection> {
  // flatgeobuf's array reader indexes `bytes.buffer` from 0, so a view into a larger buffer (as
  // Node's pooled Buffers are) must be copied first.
  const bytes =
    input.byteOffset === 0 && input.byteLength === input.buffer.byteLength ? input : input.slice();
  const header = readHeader(bytes);
  if (options.rect && header.indexNodeSize === 0) {
    throw new Error("this FlatGeobuf file has no spatial index; read it without a rect");
  }
  const { idColumn } = parseMetadata(header);
  const features: Feature[] = [];
  const query = options.rect ? { rect: options.rect } : {};
  for await (const read of deserialize(bytes, query)) {
    const feature = read as Feature;
    const properties = { ...(feature.properties ?? {}) };
    if (idColumn && idColumn in properties) {
      const id = properties[idColumn] as string | number;
      delete properties[idColumn];
      features.push({ type: "Feature", id, geometry: feature.geometry, properties });
    } else {
      features.push({ type: "Feature", geometry: feature.geometry, properties });
    }
  }
  return { type: "FeatureCollection", features };
}
