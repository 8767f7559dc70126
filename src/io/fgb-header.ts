import * as flatbuffers from "flatbuffers";
import type { ColumnMeta } from "flatgeobuf/lib/mjs/column-meta.js";
import { magicbytes } from "flatgeobuf/lib/mjs/constants.js";
import { Column } from "flatgeobuf/lib/mjs/flat-geobuf/column.js";
import { Crs } from "flatgeobuf/lib/mjs/flat-geobuf/crs.js";
import type { GeometryType } from "flatgeobuf/lib/mjs/flat-geobuf/geometry-type.js";
import { Header } from "flatgeobuf/lib/mjs/flat-geobuf/header.js";
import type { HeaderMeta } from "flatgeobuf/lib/mjs/header-meta.js";
import { fromByteBuffer } from "flatgeobuf/lib/mjs/header-meta.js";

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

/** Decodes the header of a FlatGeobuf file (columns, count, index node size, envelope, CRS…). */
export function readHeader(bytes: Uint8Array): HeaderMeta {
  if (!isFlatGeobuf(bytes)) throw new Error("not a FlatGeobuf file (magic bytes missing)");
  const buffer = new flatbuffers.ByteBuffer(bytes);
  buffer.setPosition(magicbytes.length);
  return fromByteBuffer(buffer);
}

export { magicbytes };
