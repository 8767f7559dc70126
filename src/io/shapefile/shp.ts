import { parseShp } from "shpjs";
import type { Bilingual } from "../../core/validate/validation-issue";

/**
 * A .shp's records, walked here one by one and each parsed by shpjs's `parseShp` (its ring
 * assembly — outer rings and holes by winding, holes matched to their ring — is the part worth
 * reusing). Given a whole file, `parseShp` stops silently at a record cut short, cannot report
 * progress or be cancelled, and one damaged record loses them all; given one record at a time
 * (behind a copy of the file's header), each record is its own success or problem.
 */

/** Shape types shpjs reads: null, point, polyline, polygon, multipoint, and their Z and M forms. */
const READABLE = new Set([0, 1, 3, 5, 8, 11, 13, 15, 18, 21, 23, 25, 28]);

const HEADER = 100;

export type ShpFile = { bytes: Uint8Array; shapeType: number };

/** Checks the 100-byte header: the file code 9994 and a shape type this reader knows. */
export function readShpHeader(
  bytes: Uint8Array,
): { ok: true; shp: ShpFile } | { ok: false; problem: Bilingual } {
  if (bytes.length < HEADER) {
    return {
      ok: false,
      problem: {
        vi: "tệp .shp quá ngắn, không có phần đầu (bị cắt cụt)",
        en: "the .shp is too short to have a header (cut short)",
      },
    };
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getInt32(0, false) !== 9994) {
    return {
      ok: false,
      problem: {
        vi: "không phải tệp .shp (thiếu mã 9994 ở đầu tệp)",
        en: "not a .shp file (the file code 9994 is missing)",
      },
    };
  }
  const shapeType = view.getInt32(32, true);
  if (!READABLE.has(shapeType)) {
    const what = shapeType === 31 ? "MultiPatch" : String(shapeType);
    return {
      ok: false,
      problem: {
        vi: `kiểu hình ${what} của tệp .shp không đọc được; hãy lưu lại lớp dạng đa giác (Polygon)`,
        en: `the .shp's shape type ${what} cannot be read; save the layer as polygons (Polygon)`,
      },
    };
  }
  return { ok: true, shp: { bytes, shapeType } };
}

/** One record: its geometry, or why it cannot be read; `next` null when nothing can follow. */
export type ShpRecord =
  | { ok: true; geometry: unknown; next: number }
  | { ok: false; problem: Bilingual; next: number | null };

/** The record at byte `at` (at most the file's end), and where the next starts (null: no more). */
export function readShpRecord(file: ShpFile, at: number): ShpRecord {
  const { bytes } = file;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (at + 8 > bytes.length) {
    return {
      ok: false,
      problem: {
        vi: "bản ghi bị cắt cụt ngay ở phần đầu: tệp .shp không trọn vẹn",
        en: "the record is cut short in its header: the .shp is incomplete",
      },
      next: null,
    };
  }
  const length = view.getInt32(at + 4, false) * 2;
  const end = at + 8 + length;
  if (length < 0 || end > bytes.length) {
    return {
      ok: false,
      problem: {
        vi: `bản ghi khai báo dài ${length} byte nhưng tệp chỉ còn ${bytes.length - at - 8}: tệp .shp bị cắt cụt, hãy chép lại tệp`,
        en: `the record declares ${length} bytes but only ${bytes.length - at - 8} remain: the .shp is cut short; copy it again`,
      },
      next: null,
    };
  }
  const type = length < 4 ? 0 : view.getInt32(at + 8, true);
  if (type === 0) return { ok: true, geometry: null, next: end };
  if (type !== file.shapeType) {
    return {
      ok: false,
      problem: {
        vi: `bản ghi có kiểu hình ${type} trong lớp kiểu ${file.shapeType}: tệp .shp bị hỏng`,
        en: `the record has shape type ${type} in a layer of type ${file.shapeType}: the .shp is damaged`,
      },
      next: end,
    };
  }
  const counts = declaredCounts(view, at + 8, type, length);
  if (counts) return { ok: false, problem: counts, next: end };
  const one = new Uint8Array(HEADER + 8 + length);
  one.set(bytes.subarray(0, HEADER));
  one.set(bytes.subarray(at, end), HEADER);
  try {
    const [geometry] = parseShp(new DataView(one.buffer));
    return { ok: true, geometry: geometry ?? null, next: end };
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      problem: {
        vi: `bản ghi bị hỏng, không đọc được hình (${detail})`,
        en: `the record is damaged; its geometry cannot be read (${detail})`,
      },
      next: end,
    };
  }
}

/** Shape types made of parts (polylines, polygons) and of points only (multipoints). */
const PARTS = new Set([3, 5, 13, 15, 23, 25]);
const MULTIPOINTS = new Set([8, 18, 28]);

/**
 * Why a record's counts of parts and points cannot fit in its `length` bytes (the content at
 * `at`), or null: told in the file's terms before shpjs reads past the record and says only
 * "Offset is outside the bounds of the DataView" (a record claiming 2^31 points).
 */
function declaredCounts(
  view: DataView,
  at: number,
  type: number,
  length: number,
): Bilingual | null {
  let parts = 0;
  let points: number;
  let needed: number;
  if (PARTS.has(type)) {
    if (length < 44) return null; // shpjs reports a record too short for its header
    parts = view.getInt32(at + 36, true);
    points = view.getInt32(at + 40, true);
    needed = 44 + 4 * parts + 16 * points;
  } else if (MULTIPOINTS.has(type)) {
    if (length < 40) return null;
    points = view.getInt32(at + 36, true);
    needed = 40 + 16 * points;
  } else {
    return null;
  }
  if (parts >= 0 && points >= 0 && needed <= length) return null;
  const partsText = PARTS.has(type)
    ? { vi: `${parts} phần, `, en: `${parts} parts and ` }
    : { vi: "", en: "" };
  return {
    vi: `bản ghi khai báo ${partsText.vi}${points} điểm nhưng chỉ dài ${length} byte: tệp .shp bị hỏng, hãy xuất lại lớp`,
    en: `the record declares ${partsText.en}${points} points but is only ${length} bytes long: the .shp is damaged; export the layer again`,
  };
}

/** Where the first record starts. */
export const FIRST_RECORD = HEADER;
