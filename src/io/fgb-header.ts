import * as flatbuffers from "flatbuffers";
import type { ColumnMeta } from "flatgeobuf/lib/mjs/column-meta.js";
import { magicbytes } from "flatgeobuf/lib/mjs/constants.js";
import { Column } from "flatgeobuf/lib/mjs/flat-geobuf/column.js";
import { Crs } from "flatgeobuf/lib/mjs/flat-geobuf/crs.js";
import type { GeometryType } from "flatgeobuf/lib/mjs/flat-geobuf/geometry-type.js";
import { Header } from "flatgeobuf/lib/mjs/flat-geobuf/header.js";
import type { HeaderMeta } from "flatgeobuf/lib/mjs/header-meta.js";
import { fromByteBuffer } from "flatgeobuf/lib/mjs/header-meta.js";
import { corrupt } from "./fgb-error";

/** [minX, minY, maxX, maxY] in the file's CRS (degrees for EPSG:4326). */
export type Envelope = [number, number, number, number];

export type HeaderInput = {
  name: string;
  geometryType: GeometryType;
  columns: readonly ColumnMeta[];
  featuresCount: number;
  /** Fan-out of the packed R-tree; 0 when the file has no index. */
  indexNodeSize: number;
  envelope: Envelope | null;
  /** EPSG code; 4326 for WGS84 longitude/latitude. */
  crsCode: number;
  title?: string;
  description?: string;
  /** Free-form text the spec leaves to the writer; this project stores JSON there. */
  metadata?: string;
};

/**
 * The size-prefixed FlatGeobuf header table. Written here rather than with flatgeobuf's
 * `buildHeader`, which always declares `indexNodeSize` 0 and leaves out the envelope.
 */
export function buildHeader(input: HeaderInput): Uint8Array {
  const builder = new flatbuffers.Builder(1024);
  const columnOffsets = input.columns.map((column) => {
    const name = builder.createString(column.name);
    Column.startColumn(builder);
    Column.addName(builder, name);
    Column.addType(builder, column.type);
    return Column.endColumn(builder);
  });
  const columns = columnOffsets.length > 0 ? Header.createColumnsVector(builder, columnOffsets) : 0;
  const name = builder.createString(input.name);
  const title = input.title ? builder.createString(input.title) : 0;
  const description = input.description ? builder.createString(input.description) : 0;
  const metadata = input.metadata ? builder.createString(input.metadata) : 0;
  const envelope = input.envelope ? Header.createEnvelopeVector(builder, input.envelope) : 0;
  const org = builder.createString("EPSG");
  Crs.startCrs(builder);
  Crs.addOrg(builder, org);
  Crs.addCode(builder, input.crsCode);
  const crs = Crs.endCrs(builder);

  Header.startHeader(builder);
  Header.addName(builder, name);
  if (envelope) Header.addEnvelope(builder, envelope);
  Header.addGeometryType(builder, input.geometryType);
  if (columns) Header.addColumns(builder, columns);
  Header.addFeaturesCount(builder, BigInt(input.featuresCount));
  Header.addIndexNodeSize(builder, input.indexNodeSize);
  Header.addCrs(builder, crs);
  if (title) Header.addTitle(builder, title);
  if (description) Header.addDescription(builder, description);
  if (metadata) Header.addMetadata(builder, metadata);
  builder.finishSizePrefixed(Header.endHeader(builder));
  return builder.asUint8Array();
}

/** True when the bytes start with the FlatGeobuf magic bytes (any spec version 3.x). */
export function isFlatGeobuf(bytes: Uint8Array): boolean {
  return bytes.length >= 8 && magicbytes.subarray(0, 3).every((value, i) => bytes[i] === value);
}

/** Bytes of the little-endian uint32 that prefixes the header and each feature with its size. */
export const SIZE_PREFIX_BYTES = 4;

/** The header, the feature count exactly as stored (a uint64), and where the header ends. */
export type CheckedHeader = { meta: HeaderMeta; featuresCount: bigint; end: number };

/**
 * Reads the header after checking it against the file: magic bytes, a size prefix that stays
 * inside the file, and column and envelope counts that fit in the header's own bytes. The header
 * is decoded from a copy of exactly its bytes, so a corrupt offset inside it reads nothing of the
 * rest of the file.
 *
 * @throws FgbFormatError saying what is wrong
 */
export function readCheckedHeader(bytes: Uint8Array): CheckedHeader {
  if (!isFlatGeobuf(bytes)) {
    corrupt(
      "không phải tệp FlatGeobuf (thiếu dấu nhận dạng “fgb” ở đầu tệp)",
      "not a FlatGeobuf file (the “fgb” magic bytes at its start are missing)",
    );
  }
  const start = magicbytes.length;
  if (bytes.length < start + SIZE_PREFIX_BYTES) {
    corrupt(
      `tệp chỉ có ${bytes.length} byte, bị cắt cụt ngay trong phần đầu (header)`,
      `the file has only ${bytes.length} bytes: it is cut short inside its header`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size = view.getUint32(start, true);
  const end = start + SIZE_PREFIX_BYTES + size;
  if (end > bytes.length) {
    corrupt(
      `phần đầu (header) khai báo dài ${size} byte nhưng tệp chỉ còn ${bytes.length - start - SIZE_PREFIX_BYTES} byte: tệp bị cắt cụt`,
      `the header says it is ${size} bytes long but only ${bytes.length - start - SIZE_PREFIX_BYTES} bytes follow: the file is cut short`,
    );
  }
  // A root offset, a vtable and a table: no header is shorter.
  if (size < 12) {
    corrupt(
      `phần đầu chỉ dài ${size} byte: tệp bị hỏng`,
      `the header is only ${size} bytes long: the file is corrupt`,
    );
  }
  const buffer = new flatbuffers.ByteBuffer(bytes.slice(start, end));
  try {
    const header = Header.getSizePrefixedRootAsHeader(buffer);
    // Each column is a 4-byte offset, each envelope value 8 bytes: more than fit is garbage.
    if (header.columnsLength() * 4 > size || header.envelopeLength() * 8 > size) {
      throw new Error("column or envelope count larger than the header");
    }
    const featuresCount = header.featuresCount();
    buffer.setPosition(0);
    return { meta: fromByteBuffer(buffer), featuresCount, end };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return corrupt(`phần đầu bị hỏng (${detail})`, `the header is corrupt (${detail})`);
  }
}

/**
 * Decodes the header of a FlatGeobuf file (columns, count, index node size, envelope, CRS…).
 *
 * @throws FgbFormatError when it is not FlatGeobuf or its header does not fit the file
 */
export function readHeader(bytes: Uint8Array): HeaderMeta {
  return readCheckedHeader(bytes).meta;
}

export { magicbytes };
