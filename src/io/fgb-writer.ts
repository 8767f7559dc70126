import { bbox } from "@turf/turf";
import type { ColumnMeta } from "flatgeobuf/lib/mjs/column-meta.js";
import { ColumnType } from "flatgeobuf/lib/mjs/flat-geobuf/column-type.js";
import { GeometryType } from "flatgeobuf/lib/mjs/flat-geobuf/geometry-type.js";
import type { IProperties } from "flatgeobuf/lib/mjs/generic/feature.js";
import { buildFeature } from "flatgeobuf/lib/mjs/generic/feature.js";
import { mapColumn } from "flatgeobuf/lib/mjs/generic/featurecollection.js";
import { inferGeometryType } from "flatgeobuf/lib/mjs/generic/header.js";
import { parseGC, parseGeometry } from "flatgeobuf/lib/mjs/geojson/geometry.js";
import type { HeaderMeta } from "flatgeobuf/lib/mjs/header-meta.js";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import type { Envelope } from "./fgb-header";
import { buildHeader, magicbytes } from "./fgb-header";
import { buildPackedRTree, hilbertOrder, unionEnvelope } from "./packed-rtree";

/** Fan-out of the R-tree; 16 is FlatGeobuf's default and what GDAL writes. */
export const DEFAULT_INDEX_NODE_SIZE = 16;

/** JSON kept in the header's `metadata`, so the reader can restore what columns cannot say. */
export type FgbMetadata = {
  /** Column holding each feature's GeoJSON `id` (FlatGeobuf features have no id of their own). */
  idColumn?: string;
};

export type FgbWriteOptions = {
  /** Layer name stored in the header. */
  name?: string;
  title?: string;
  description?: string;
  indexNodeSize?: number;
};

type Row = { feature: Feature<Geometry>; values: IProperties };

/**
 * Column of a property: flatgeobuf's own mapping of the first non-null value (number → Double,
 * string → String, boolean → Bool, object → Json), widened to Json when features disagree, since
 * JSON round-trips any mix of values.
 */
function inferColumn(name: string, values: readonly unknown[]): ColumnMeta {
  let column: ColumnMeta | null = null;
  for (const value of values) {
    if (value === null || value === undefined) continue;
    const candidate = mapColumn({ [name]: value as IProperties[string] }, name);
    if (!column) column = candidate;
    else if (column.type !== candidate.type) return { ...column, type: ColumnType.Json };
  }
  return column ?? mapColumn({ [name]: null }, name);
}

function freeColumnName(taken: ReadonlySet<string>): string {
  let name = "id";
  while (taken.has(name)) name = `_${name}`;
  return name;
}

function parse(geometry: Geometry) {
  return geometry.type === "GeometryCollection" ? parseGC(geometry) : parseGeometry(geometry);
}

/**
 * Serialises a FeatureCollection (WGS84 lon/lat) to FlatGeobuf bytes WITH the packed Hilbert
 * R-tree, so readers can fetch only the features in a bounding box; flatgeobuf's own `serialize`
 * writes no index. Features are stored in Hilbert order of their bbox centres. Columns are the
 * union of all features' properties; GeoJSON ids are kept in an extra column named in the
 * header's metadata (see {@link FgbMetadata}). Null and missing property values are not stored.
 *
 * @throws Error when a feature has no geometry (validate inputs first)
 */
export function writeFlatGeobuf(
  collection: FeatureCollection,
  options: FgbWriteOptions = {},
): Uint8Array {
  const nodeSize = options.indexNodeSize ?? DEFAULT_INDEX_NODE_SIZE;
  const features = collection.features.map((feature, index) => {
    if (!feature.geometry) throw new Error(`feature ${index} has no geometry`);
    return feature as Feature<Geometry>;
  });

  const keys: string[] = [];
  const seen = new Set<string>();
  for (const feature of features) {
    for (const key of Object.keys(feature.properties ?? {})) {
      if (!seen.has(key)) {
        seen.add(key);
        keys.push(key);
      }
    }
  }
  const columns = keys.map((key) =>
    inferColumn(
      key,
      features.map((feature) => feature.properties?.[key]),
    ),
  );
  const metadata: FgbMetadata = {};
  if (features.some((feature) => feature.id !== undefined)) {
    const idColumn = freeColumnName(seen);
    columns.push(
      inferColumn(
        idColumn,
        features.map((feature) => feature.id),
      ),
    );
    metadata.idColumn = idColumn;
  }

  const headerMeta: HeaderMeta = {
    geometryType: features.length > 0 ? inferGeometryType(features) : GeometryType.Unknown,
    columns,
    envelope: null,
    featuresCount: features.length,
    indexNodeSize: features.length > 0 ? nodeSize : 0,
    crs: null,
    title: options.title ?? null,
    description: options.description ?? null,
    metadata: null,
  };

  const boxes = features.map((feature) => bbox(feature.geometry) as Envelope);
  const order = hilbertOrder(boxes, nodeSize);
  const rows: Row[] = order.map((index) => {
    const feature = features[index] as Feature<Geometry>;
    const values: IProperties = {};
    for (const column of columns) {
      const value =
        column.name === metadata.idColumn ? feature.id : feature.properties?.[column.name];
      values[column.name] = (value ?? null) as IProperties[string];
    }
    return { feature, values };
  });
  const featureBytes = rows.map(({ feature, values }) =>
    buildFeature(parse(feature.geometry), values, headerMeta),
  );
  const featureOffsets: number[] = [];
  let featuresLength = 0;
  for (const bytes of featureBytes) {
    featureOffsets.push(featuresLength);
    featuresLength += bytes.length;
  }
  const sortedBoxes = order.map((index) => boxes[index] as Envelope);
  const tree =
    features.length > 0
      ? buildPackedRTree(sortedBoxes, featureOffsets, nodeSize)
      : new Uint8Array(0);

  const header = buildHeader({
    name: options.name ?? "",
    geometryType: headerMeta.geometryType,
    columns,
    featuresCount: features.length,
    indexNodeSize: headerMeta.indexNodeSize,
    envelope: features.length > 0 ? unionEnvelope(boxes) : null,
    crsCode: 4326,
    ...(options.title ? { title: options.title } : {}),
    ...(options.description ? { description: options.description } : {}),
    ...(metadata.idColumn ? { metadata: JSON.stringify(metadata) } : {}),
  });

  const out = new Uint8Array(magicbytes.length + header.length + tree.length + featuresLength);
  out.set(magicbytes, 0);
  out.set(header, magicbytes.length);
  out.set(tree, magicbytes.length + header.length);
  let at = magicbytes.length + header.length + tree.length;
  for (const bytes of featureBytes) {
    out.set(bytes, at);
    at += bytes.length;
  }
  return out;
}
