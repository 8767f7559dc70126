import type { Bilingual } from "../../core/validate/validation-issue";

/**
 * Well-known binary (ISO and PostGIS's EWKB flavours) to GeoJSON geometry. Hand-written: betterknown
 * reads WKT only, and wkx, the usual WKB parser, needs Node's Buffer in the page and has not been
 * maintained since 2020. Every count is checked against the bytes left before anything is
 * allocated, and collections nest at most 8 deep, so damaged bytes end in an error, never in a
 * huge allocation or a deep recursion. Heights (Z) are kept for the reader to drop and count;
 * measures (M) are skipped.
 */

export class WkbError extends Error {
  constructor(readonly problem: Bilingual) {
    super(problem.en);
  }
}

const damaged = (vi: string, en: string): never => {
  throw new WkbError({ vi, en });
};

const CURVED: Record<number, string> = {
  8: "CircularString",
  9: "CompoundCurve",
  10: "CurvePolygon",
  11: "MultiCurve",
  12: "MultiSurface",
  13: "Curve",
  14: "Surface",
  15: "PolyhedralSurface",
  16: "TIN",
  17: "Triangle",
};

const MAX_DEPTH = 8;

class Cursor {
  at: number;
  little = true;
  constructor(
    readonly view: DataView,
    start: number,
  ) {
    this.at = start;
  }
  need(bytes: number) {
    if (bytes > this.view.byteLength - this.at) {
      damaged("dữ liệu hình bị cắt cụt", "the geometry bytes are cut short");
    }
  }
  u8() {
    this.need(1);
    return this.view.getUint8(this.at++);
  }
  u32() {
    this.need(4);
    const value = this.view.getUint32(this.at, this.little);
    this.at += 4;
    return value;
  }
  f64() {
    const value = this.view.getFloat64(this.at, this.little);
    this.at += 8;
    return value;
  }
}

type Dims = { z: boolean; m: boolean };

/** A count of items of at least `itemBytes` each, checked to fit in what is left. */
function count(cursor: Cursor, itemBytes: number): number {
  const n = cursor.u32();
  cursor.need(n * itemBytes);
  return n;
}

function position(cursor: Cursor, dims: Dims): number[] {
  const x = cursor.f64();
  const y = cursor.f64();
  const z = dims.z ? cursor.f64() : undefined;
  if (dims.m) cursor.f64();
  return z === undefined ? [x, y] : [x, y, z];
}

function positions(cursor: Cursor, dims: Dims): number[][] {
  const size = 16 + (dims.z ? 8 : 0) + (dims.m ? 8 : 0);
  const n = count(cursor, size);
  const out: number[][] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = position(cursor, dims);
  return out;
}

function rings(cursor: Cursor, dims: Dims): number[][][] {
  const n = count(cursor, 4);
  const out: number[][][] = new Array(n);
  for (let i = 0; i < n; i++) out[i] = positions(cursor, dims);
  return out;
}

type Geometry = { type: string; coordinates?: unknown; geometries?: unknown[] } | null;

/** Reads one WKB geometry at the cursor (its own byte order and type). */
function geometry(cursor: Cursor, depth: number): Geometry {
  if (depth > MAX_DEPTH) damaged("các hình lồng nhau quá sâu", "geometries nested too deep");
  const order = cursor.u8();
  if (order > 1) damaged(`thứ tự byte ${order} không hợp lệ`, `invalid byte order ${order}`);
  cursor.little = order === 1;
  const raw = cursor.u32();
  // EWKB: high bits for Z, M and an SRID that follows; ISO: +1000 Z, +2000 M, +3000 ZM
  let z = (raw & 0x80000000) !== 0;
  let m = (raw & 0x40000000) !== 0;
  if (raw & 0x20000000) cursor.u32();
  let base = raw & 0x0fffffff;
  const iso = Math.floor(base / 1000);
  if (iso >= 1 && iso <= 3) {
    z ||= iso === 1 || iso === 3;
    m ||= iso === 2 || iso === 3;
  }
  base %= 1000;
  const dims = { z, m };
  const pointBytes = 16 + (z ? 8 : 0) + (m ? 8 : 0);
  switch (base) {
    case 1: {
      cursor.need(pointBytes);
      const p = position(cursor, dims);
      return Number.isNaN(p[0]) && Number.isNaN(p[1]) ? null : { type: "Point", coordinates: p };
    }
    case 2:
      return { type: "LineString", coordinates: positions(cursor, dims) };
    case 3:
      return { type: "Polygon", coordinates: rings(cursor, dims) };
    case 4:
    case 5:
    case 6:
    case 7: {
      const n = count(cursor, 5);
      const parts: Geometry[] = [];
      const little = cursor.little;
      for (let i = 0; i < n; i++) {
        parts.push(geometry(cursor, depth + 1));
        cursor.little = little;
      }
      if (base === 7)
        return { type: "GeometryCollection", geometries: parts.filter((p) => p !== null) };
      const member = ["Point", "LineString", "Polygon"][base - 4] as string;
      const coordinates = parts.map((part) => {
        if (!part || part.type !== member) {
          damaged(
            `Multi${member} chứa ${part?.type ?? "hình rỗng"}`,
            `a Multi${member} holds ${part?.type ?? "an empty geometry"}`,
          );
        }
        return (part as { coordinates: unknown }).coordinates;
      });
      return { type: `Multi${member}`, coordinates };
    }
    default: {
      const curved = CURVED[base];
      if (curved) {
        return damaged(
          `hình cong (${curved}) chưa được hỗ trợ; hãy đổi sang đường thẳng, ví dụ: ogr2ogr -nlt CONVERT_TO_LINEAR ra.gpkg vao.gpkg`,
          `curved geometry (${curved}) is not supported; convert it to straight segments, e.g. ogr2ogr -nlt CONVERT_TO_LINEAR out.gpkg in.gpkg`,
        );
      }
      return damaged(`kiểu hình ${raw} không hợp lệ`, `invalid geometry type ${raw}`);
    }
  }
}

/** Reads the WKB at `start` of `bytes` (to its end) as a GeoJSON geometry, null when empty. */
export function readWkb(bytes: Uint8Array, start = 0): Geometry {
  const cursor = new Cursor(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), start);
  const read = geometry(cursor, 0);
  const empty = (g: Geometry) => !g || (Array.isArray(g.coordinates) && g.coordinates.length === 0);
  return empty(read) || (read?.type === "GeometryCollection" && read.geometries?.length === 0)
    ? null
    : read;
}
