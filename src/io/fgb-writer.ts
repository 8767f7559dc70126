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
import { buildPackedRTree, hilbertOrder, packedTreeBytes, unionEnvelope } from "./packed-rtree";

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

/** A column being inferred: flatgeobuf's mapping of the first non-null value, widened to Json. */
type ColumnGuess = { name: string; column: ColumnMeta | null };

/**
 * Widens a column by one more value, as {@link inferColumn} over all values does: flatgeobuf's own
 * mapping of the first non-null value (number → Double, string → String, boolean → Bool, object →
 * Json), widened to Json when features disagree, since JSON round-trips any mix of values.
 */
function widen(guess: ColumnGuess, value: unknown): void {
  if (value === null || value === undefined) return;
  if (guess.column?.type === ColumnType.Json) return;
  const candidate = mapColumn({ [guess.name]: value as IProperties[string] }, guess.name);
  if (!guess.column) guess.column = candidate;
  else if (guess.column.type !== candidate.type)
    guess.column = { ...guess.column, type: ColumnType.Json };
}

const columnOf = (guess: ColumnGuess): ColumnMeta =>
  guess.column ?? mapColumn({ [guess.name]: null }, guess.name);

function freeColumnName(taken: ReadonlySet<string>): string {
  let name = "id";
  while (taken.has(name)) name = `_${name}`;
  return name;
}

function parse(geometry: Geometry) {
  return geometry.type === "GeometryCollection" ? parseGC(geometry) : parseGeometry(geometry);
}

/** What a FlatGeobuf file of the features seen needs before its first feature is written. */
export type FgbLayoutPlan = {
  /** Magic bytes and header: the file starts with them. */
  head: Uint8Array;
  /** Bytes of the packed R-tree, written after the head (zero without features). */
  treeBytes: number;
  /** Feature numbers (in the order seen) in the order to store them: Hilbert order. */
  order: number[];
  /** A feature's bytes, as stored. */
  encode(feature: Feature<Geometry>): Uint8Array;
  /** The packed R-tree, once the byte offset of each stored feature is known (storage order). */
  tree(featureOffsets: readonly number[]): Uint8Array;
};

/**
 * Learns what a FlatGeobuf file needs from its features seen one at a time — columns (the union of
 * all properties, each typed by its values), the id column, the geometry type and each feature's
 * bbox — so a file can be written from features that are never all held at once: see
 * {@link FgbPlanner.finish}. {@link writeFlatGeobuf} is this over a collection in memory.
 */
export class FgbPlanner {
  private readonly guesses = new Map<string, ColumnGuess>();
  private readonly ids: ColumnGuess = { name: "", column: null };
  private anyId = false;
  private geometryType: GeometryType | undefined;
  readonly boxes: Envelope[] = [];

  /**
   * Takes one more feature into account (its geometry in WGS84 longitude/latitude).
   *
   * @throws Error when the feature has no geometry (validate inputs first)
   */
  add(feature: Feature): void {
    if (!feature.geometry) throw new Error(`feature ${this.boxes.length} has no geometry`);
    for (const key of Object.keys(feature.properties ?? {})) {
      let guess = this.guesses.get(key);
      if (!guess) {
        guess = { name: key, column: null };
        this.guesses.set(key, guess);
      }
      widen(guess, feature.properties?.[key]);
    }
    if (feature.id !== undefined) {
      this.anyId = true;
      widen(this.ids, feature.id);
    }
    const type = inferGeometryType([feature]);
    if (this.geometryType === undefined) this.geometryType = type;
    else if (this.geometryType !== type) this.geometryType = GeometryType.Unknown;
    this.boxes.push(bbox(feature.geometry) as Envelope);
  }

  /** The header, the storage order and the encoder, once every feature was added. */
  finish(options: FgbWriteOptions = {}): FgbLayoutPlan {
    const nodeSize = options.indexNodeSize ?? DEFAULT_INDEX_NODE_SIZE;
    const count = this.boxes.length;
    const columns = [...this.guesses.values()].map(columnOf);
    const metadata: FgbMetadata = {};
    if (this.anyId) {
      const idColumn = freeColumnName(new Set(this.guesses.keys()));
      columns.push(
        columnOf({
          ...this.ids,
          name: idColumn,
          column: this.ids.column && { ...this.ids.column, name: idColumn },
        }),
      );
      metadata.idColumn = idColumn;
    }
    const headerMeta: HeaderMeta = {
      geometryType: this.geometryType ?? GeometryType.Unknown,
      columns,
      envelope: null,
      featuresCount: count,
      indexNodeSize: count > 0 ? nodeSize : 0,
      crs: null,
      title: options.title ?? null,
      description: options.description ?? null,
      metadata: null,
    };
    const header = buildHeader({
      name: options.name ?? "",
      geometryType: headerMeta.geometryType,
      columns,
      featuresCount: count,
      indexNodeSize: headerMeta.indexNodeSize,
      envelope: count > 0 ? unionEnvelope(this.boxes) : null,
      crsCode: 4326,
      ...(options.title ? { title: options.title } : {}),
      ...(options.description ? { description: options.description } : {}),
      ...(metadata.idColumn ? { metadata: JSON.stringify(metadata) } : {}),
    });
    const head = new Uint8Array(magicbytes.length + header.length);
    head.set(magicbytes, 0);
    head.set(header, magicbytes.length);
    const order = hilbertOrder(this.boxes, nodeSize);
    const boxes = this.boxes;
    return {
      head,
      treeBytes: count > 0 ? packedTreeBytes(count, nodeSize) : 0,
      order,
      encode(feature) {
        const values: IProperties = {};
        for (const column of columns) {
          const value =
            column.name === metadata.idColumn ? feature.id : feature.properties?.[column.name];
          values[column.name] = (value ?? null) as IProperties[string];
        }
        return buildFeature(parse(feature.geometry), values, headerMeta);
      },
      tree(featureOffsets) {
        if (count === 0) return new Uint8Array(0);
        const sorted = order.map((index) => boxes[index] as Envelope);
        return buildPackedRTree(sorted, featureOffsets, nodeSize);
      },
    };
  }
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
  const planner = new FgbPlanner();
  for (const feature of collection.features) planner.add(feature);
  const plan = planner.finish(options);
  const featureBytes = plan.order.map((index) =>
    plan.encode(collection.features[index] as Feature<Geometry>),
  );
  const featureOffsets: number[] = [];
  let featuresLength = 0;
  for (const bytes of featureBytes) {
    featureOffsets.push(featuresLength);
    featuresLength += bytes.length;
  }
  const tree = plan.tree(featureOffsets);
  const out = new Uint8Array(plan.head.length + tree.length + featuresLength);
  out.set(plan.head, 0);
  out.set(tree, plan.head.length);
  let at = plan.head.length + tree.length;
  for (const bytes of featureBytes) {
    out.set(bytes, at);
    at += bytes.length;
  }
  return out;
}
