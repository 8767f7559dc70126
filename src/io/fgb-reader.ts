import type { HeaderMeta } from "flatgeobuf/lib/mjs/header-meta.js";
import type { Feature, FeatureCollection } from "geojson";
import { corrupt } from "./fgb-error";
import { type DecodedFeature, decodeFeature } from "./fgb-feature";
import { fgbLayout } from "./fgb-layout";
import type { FgbMetadata } from "./fgb-writer";
import { type Rect, searchPackedTree } from "./packed-rtree";

export type { Rect };

export type FgbReadOptions = {
  /** Only the features whose bbox intersects this box, found through the spatial index. */
  rect?: Rect;
};

/** What the header's metadata says (the id column kept by {@link writeFlatGeobuf}), or nothing. */
export function parseMetadata(header: HeaderMeta): FgbMetadata {
  if (!header.metadata) return {};
  try {
    const parsed: unknown = JSON.parse(header.metadata);
    return typeof parsed === "object" && parsed !== null ? (parsed as FgbMetadata) : {};
  } catch {
    return {};
  }
}

/** A decoded feature as GeoJSON, its id restored from the id column (when the file has one). */
export function featureOf(
  { geometry, properties }: DecodedFeature,
  idColumn: string | undefined,
): Feature {
  const values = properties ?? {};
  if (idColumn && Object.hasOwn(values, idColumn)) {
    const { [idColumn]: id, ...rest } = values;
    return { type: "Feature", id: id as string | number, geometry, properties: rest } as Feature;
  }
  return { type: "Feature", geometry, properties: values } as Feature;
}

/** Index of `offset` in the ascending `starts`, or -1. */
function indexOf(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const value = starts[middle] as number;
    if (value === offset) return middle;
    if (value < offset) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

/** Positions (in file order) of the features an index query finds, each checked to be a feature. */
function queried(layout: ReturnType<typeof fgbLayout>, rect: Rect): number[] {
  const { header, index, featuresStart, featureStarts } = layout;
  if (!index) {
    corrupt(
      "tệp FlatGeobuf này không có chỉ mục không gian; hãy đọc cả tệp, không theo khung",
      "this FlatGeobuf file has no spatial index; read it without a rect",
    );
  }
  const offsets = searchPackedTree(index, header.featuresCount, header.indexNodeSize, rect);
  const positions = offsets.map((offset) => {
    const position = indexOf(featureStarts, featuresStart + offset);
    if (position < 0) {
      corrupt(
        `chỉ mục không gian hỏng: trỏ tới byte ${offset} của phần đối tượng, nơi không có đối tượng nào bắt đầu`,
        `the spatial index is corrupt: it points at byte ${offset} of the feature section, where no feature starts`,
      );
    }
    return position;
  });
  return [...new Set(positions)].sort((a, b) => a - b);
}

/**
 * Reads FlatGeobuf bytes into a GeoJSON FeatureCollection, in file order. The file is checked
 * against its size before anything in it is trusted ({@link fgbLayout}), and each feature is
 * decoded from its own bytes, so a truncated or corrupt file ends in an error saying what is
 * wrong — never a hang, never a silently empty layer. Hand-written rather than flatgeobuf's
 * `deserialize`, which trusts the header (its index-size loop never ends for a count of 0, a count
 * of 2^40 reads as no features) and reads vectors and properties past a feature's bytes; of the
 * package only the generated table accessors, `fromByteBuffer` (header) and `fromGeometry` are used,
 * on checked bytes. Restores feature ids kept by {@link writeFlatGeobuf}; features of other files
 * get no id (flatgeobuf would number them). A `rect` query needs the file's spatial index.
 *
 * @throws FgbFormatError when the bytes are not a readable FlatGeobuf file, or a `rect` is given
 *   for a file with no index
 */
export async function readFlatGeobuf(
  input: Uint8Array,
  options: FgbReadOptions = {},
): Promise<FeatureCollection> {
  // Coordinates are read as Float64Arrays over the file's memory, which must start 8-aligned (a
  // small Node Buffer is a view into a shared pool at any offset): copy such a view once.
  const bytes = input.byteOffset % 8 === 0 ? input : input.slice();
  const layout = fgbLayout(bytes);
  const { header, featureStarts } = layout;
  const positions = options.rect
    ? queried(layout, options.rect)
    : featureStarts.map((_, position) => position);
  const { idColumn } = parseMetadata(header);
  const features: Feature[] = positions.map((position) => {
    const start = featureStarts[position] as number;
    const end = featureStarts[position + 1] ?? bytes.length;
    return featureOf(decodeFeature(bytes, start, end, header, position + 1), idColumn);
  });
  return { type: "FeatureCollection", features };
}
