import * as flatbuffers from "flatbuffers";
import type { ColumnMeta } from "flatgeobuf/lib/mjs/column-meta.js";
import { ColumnType } from "flatgeobuf/lib/mjs/flat-geobuf/column-type.js";
import { Feature as FgbFeature } from "flatgeobuf/lib/mjs/flat-geobuf/feature.js";
import type { Geometry as FgbGeometry } from "flatgeobuf/lib/mjs/flat-geobuf/geometry.js";
import { fromGeometry } from "flatgeobuf/lib/mjs/geojson/geometry.js";
import type { HeaderMeta } from "flatgeobuf/lib/mjs/header-meta.js";
import type { GeoJsonProperties, Geometry } from "geojson";
import { showValue } from "../core/text/show-value";
import { decodeUtf8Value } from "../core/validate/utf8";
import type { Bilingual } from "../core/validate/validation-issue";
import { corrupt } from "./fgb-error";
import { flatFgbGeometry } from "./fgb-flat";

/** What is wrong inside one feature; `decodeFeature` adds which feature. */
class FeatureDamage extends Error {
  constructor(readonly problem: Bilingual) {
    super(problem.en);
  }
}

function damaged(vi: string, en: string): never {
  throw new FeatureDamage({ vi, en });
}

/** Bytes of each fixed-size column type; the others are a uint32 length and that many bytes. */
const FIXED_BYTES = new Map<ColumnType, number>([
  [ColumnType.Byte, 1],
  [ColumnType.UByte, 1],
  [ColumnType.Bool, 1],
  [ColumnType.Short, 2],
  [ColumnType.UShort, 2],
  [ColumnType.Int, 4],
  [ColumnType.UInt, 4],
  [ColumnType.Long, 8],
  [ColumnType.ULong, 8],
  [ColumnType.Float, 4],
  [ColumnType.Double, 8],
]);

function fixedValue(view: DataView, at: number, type: ColumnType): number | boolean {
  switch (type) {
    case ColumnType.Byte:
      return view.getInt8(at);
    case ColumnType.UByte:
      return view.getUint8(at);
    case ColumnType.Bool:
      return view.getUint8(at) !== 0;
    case ColumnType.Short:
      return view.getInt16(at, true);
    case ColumnType.UShort:
      return view.getUint16(at, true);
    case ColumnType.Int:
      return view.getInt32(at, true);
    case ColumnType.UInt:
      return view.getUint32(at, true);
    case ColumnType.Long:
      return Number(view.getBigInt64(at, true));
    case ColumnType.ULong:
      return Number(view.getBigUint64(at, true));
    case ColumnType.Float:
      return view.getFloat32(at, true);
    default:
      return view.getFloat64(at, true);
  }
}

function variableValue(bytes: Uint8Array, column: ColumnMeta): unknown {
  if (column.type === ColumnType.Binary) return bytes;
  let text: string;
  try {
    text = decodeUtf8Value(bytes);
  } catch {
    damaged(
      `giá trị của cột ${showValue(column.name)} không phải UTF-8 hợp lệ`,
      `the value of column ${showValue(column.name)} is not valid UTF-8`,
    );
  }
  if (column.type !== ColumnType.Json) return text;
  try {
    return JSON.parse(text);
  } catch {
    return damaged(
      `giá trị của cột ${showValue(column.name)} không phải JSON hợp lệ`,
      `the value of column ${showValue(column.name)} is not valid JSON`,
    );
  }
}

/**
 * The feature's properties: (uint16 column index, value) pairs, every length checked against the
 * bytes (flatgeobuf's own parser reads past them), text decoded as strict UTF-8 (it would turn bad
 * bytes into U+FFFD), and names set as own properties even when a column is called "__proto__".
 */
function readProperties(
  bytes: Uint8Array | null,
  columns: readonly ColumnMeta[],
): GeoJsonProperties {
  const entries: [string, unknown][] = [];
  if (!bytes) return {};
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const need = (at: number, size: number) => {
    if (at + size > bytes.length) {
      damaged(
        "một giá trị thuộc tính vượt quá cuối đối tượng",
        "a property value runs past the feature's end",
      );
    }
  };
  let at = 0;
  while (at < bytes.length) {
    need(at, 2);
    const index = view.getUint16(at, true);
    at += 2;
    const column = columns[index];
    if (!column)
      damaged(
        `một thuộc tính ghi cột ${index}, cột mà phần đầu không có`,
        `a property names column ${index}, which the header does not have`,
      );
    const fixed = FIXED_BYTES.get(column.type);
    if (fixed !== undefined) {
      need(at, fixed);
      entries.push([column.name, fixedValue(view, at, column.type)]);
      at += fixed;
      continue;
    }
    if (
      ![ColumnType.String, ColumnType.Json, ColumnType.DateTime, ColumnType.Binary].includes(
        column.type,
      )
    ) {
      damaged(
        `cột ${showValue(column.name)} có kiểu không biết ${column.type}`,
        `column ${showValue(column.name)} has unknown type ${column.type}`,
      );
    }
    need(at, 4);
    const length = view.getUint32(at, true);
    at += 4;
    need(at, length);
    entries.push([column.name, variableValue(bytes.subarray(at, at + length), column)]);
    at += length;
  }
  return Object.fromEntries(entries);
}

/** Throws unless the table at `position` and its vtable lie inside the buffer. */
function checkTable(buffer: flatbuffers.ByteBuffer, position: number): void {
  const length = buffer.capacity();
  if (!(position >= 0 && position + 4 <= length))
    damaged("một bảng nằm ngoài đối tượng", "a table lies outside the feature");
  const vtable = position - buffer.readInt32(position);
  const vtableSize = vtable >= 0 && vtable + 4 <= length ? buffer.readUint16(vtable) : 0;
  if (vtableSize < 4 || vtable + vtableSize > length)
    damaged("một vtable nằm ngoài đối tượng", "a vtable lies outside the feature");
}

/**
 * Throws unless the vector in field `field` (its vtable offset) of the table at `table`, if
 * present, lies inside the buffer. flatgeobuf makes typed arrays of vectors over the whole file's
 * memory, which would not stop at the feature's end.
 */
function checkVector(
  buffer: flatbuffers.ByteBuffer,
  table: number,
  field: number,
  itemBytes: number,
): void {
  const offset = buffer.__offset(table, field);
  if (!offset) return;
  const at = table + offset;
  const start = at + 4 <= buffer.capacity() ? buffer.__vector(at) : -1;
  const length = start >= 0 ? buffer.__vector_len(at) : -1;
  if (start < 0 || length < 0 || start + length * itemBytes > buffer.capacity()) {
    damaged("một vectơ vượt quá cuối đối tượng", "a vector runs past the feature's end");
  }
}

/** Vectors of a Geometry table: (vtable offset, bytes per item) of ends, xy, z, m, t, tm, parts. */
const GEOMETRY_VECTORS: readonly [number, number][] = [
  [4, 4],
  [6, 8],
  [8, 8],
  [10, 8],
  [12, 8],
  [14, 8],
  [18, 4],
];
/** Vtable offset of a Feature's properties vector (bytes). */
const PROPERTIES_FIELD = 6;

/** Nesting of geometry parts deeper than this is corrupt data (a collection of collections is 2). */
const MAX_PART_DEPTH = 16;

/**
 * Checks the tree of geometry parts before flatgeobuf walks it: each part a table whose vectors lie
 * inside the feature, and a bounded depth, so parts that point back at their parent cannot recurse
 * forever.
 */
function checkParts(geometry: FgbGeometry, buffer: flatbuffers.ByteBuffer, depth: number): void {
  checkTable(buffer, geometry.bb_pos);
  for (const [field, size] of GEOMETRY_VECTORS) checkVector(buffer, geometry.bb_pos, field, size);
  if (depth > MAX_PART_DEPTH)
    damaged(
      `các phần hình học lồng nhau quá ${MAX_PART_DEPTH} tầng`,
      `geometry parts nested more than ${MAX_PART_DEPTH} deep`,
    );
  const count = geometry.partsLength();
  for (let i = 0; i < count; i++) {
    const part = geometry.parts(i);
    if (!part) damaged(`thiếu phần hình học ${i + 1}`, `geometry part ${i + 1} is missing`);
    checkParts(part, buffer, depth + 1);
  }
}

/** A decoded feature, its properties as stored (the reader restores the id column). */
export type DecodedFeature = { geometry: Geometry | null; properties: GeoJsonProperties };

/** The Feature table of the feature whose size prefix is at `start`, checked to lie in its bytes. */
function featureTable(bytes: Uint8Array, start: number, end: number) {
  const buffer = new flatbuffers.ByteBuffer(bytes.subarray(start, end));
  const feature = FgbFeature.getSizePrefixedRootAsFeature(buffer);
  checkTable(buffer, feature.bb_pos);
  return { buffer, feature };
}

/** A feature's geometry as GeoJSON, its parts checked first; null when it has none. */
function geometryOf(
  feature: FgbFeature,
  buffer: flatbuffers.ByteBuffer,
  header: HeaderMeta,
): Geometry | null {
  const geometry = feature.geometry();
  if (!geometry) return null;
  checkParts(geometry, buffer, 0);
  return (
    flatFgbGeometry(geometry, header.geometryType) ??
    (fromGeometry(geometry, header.geometryType) as Geometry)
  );
}

/** What a decoding error means: feature `number` (at byte `start`) is corrupt. */
function corruptFeature(error: unknown, number: number, start: number): never {
  // what flatbuffers or flatgeobuf throw on bytes the checks above let through: technical text
  const text = error instanceof Error ? error.message : String(error);
  const detail = error instanceof FeatureDamage ? error.problem : { vi: text, en: text };
  return corrupt(
    `đối tượng ${number} (byte ${start}) bị hỏng (${detail.vi})`,
    `feature ${number} (byte ${start}) is corrupt (${detail.en})`,
  );
}

/**
 * Decodes the feature whose size prefix is at `start` and whose bytes end at `end` (already checked
 * to lie inside `bytes`), through a view of exactly its bytes, every table and vector checked to lie
 * inside it, so no offset inside it can reach another feature. (A copy per feature would do the
 * same and take 3 times as long: an ArrayBuffer per feature.)
 *
 * @param number - 1-based position of the feature, for messages
 * @throws FgbFormatError naming the feature when its content is corrupt
 */
export function decodeFeature(
  bytes: Uint8Array,
  start: number,
  end: number,
  header: HeaderMeta,
  number: number,
): DecodedFeature {
  try {
    const { buffer, feature } = featureTable(bytes, start, end);
    checkVector(buffer, feature.bb_pos, PROPERTIES_FIELD, 1);
    return {
      geometry: geometryOf(feature, buffer, header),
      properties: readProperties(feature.propertiesArray(), header.columns ?? []),
    };
  } catch (error) {
    return corruptFeature(error, number, start);
  }
}

/**
 * The geometry alone of the feature {@link decodeFeature} decodes, checked alike: what a check
 * reading a layer's geometries again needs, its attributes being held from the first pass (their
 * decoding took a tenth of a streamed check at 200 000 zones).
 *
 * @throws FgbFormatError naming the feature when its geometry is corrupt
 */
export function decodeGeometry(
  bytes: Uint8Array,
  start: number,
  end: number,
  header: HeaderMeta,
  number: number,
): Geometry | null {
  try {
    const { buffer, feature } = featureTable(bytes, start, end);
    return geometryOf(feature, buffer, header);
  } catch (error) {
    return corruptFeature(error, number, start);
  }
}
