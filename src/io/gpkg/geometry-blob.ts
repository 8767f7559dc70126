import type { Bilingual } from "../../core/validate/validation-issue";
import { readWkb, WkbError } from "./read-wkb";

/**
 * A GeoPackage geometry blob (GeoPackage 1.3, §2.1.3 "GeoPackageBinary"): "GP", a version byte,
 * a flags byte (bit 0 byte order, bits 1–3 envelope kind, bit 4 empty), the SRS id, an optional
 * envelope of 0, 4, 6 or 8 doubles, then standard WKB. A few bytes, read by hand.
 */

/** Doubles in the envelope, by envelope kind (flags bits 1–3); kinds 5–7 are invalid. */
const ENVELOPE_DOUBLES = [0, 4, 6, 6, 8];

export type BlobGeometry = { ok: true; geometry: unknown } | { ok: false; problem: Bilingual };

/** Decodes one blob (null for a NULL column or an empty geometry). */
export function readGeometryBlob(blob: Uint8Array | null): BlobGeometry {
  if (blob === null || blob.length === 0) return { ok: true, geometry: null };
  if (blob.length < 8 || blob[0] !== 0x47 || blob[1] !== 0x50) {
    return {
      ok: false,
      problem: {
        vi: "cột hình không phải dạng GeoPackage (thiếu “GP” ở đầu)",
        en: "the geometry column is not GeoPackage binary (no “GP” at its start)",
      },
    };
  }
  const flags = blob[3] as number;
  const envelope = ENVELOPE_DOUBLES[(flags >> 1) & 7];
  if (envelope === undefined) {
    return {
      ok: false,
      problem: {
        vi: "phần đầu của hình khai báo khung bao không hợp lệ",
        en: "the geometry header declares an invalid envelope",
      },
    };
  }
  if (flags & 0x10) return { ok: true, geometry: null };
  try {
    return { ok: true, geometry: readWkb(blob, 8 + envelope * 8) };
  } catch (error) {
    if (!(error instanceof WkbError)) throw error;
    if (envelope === 0) return { ok: false, problem: error.problem };
    // an envelope kind that lies moves where the WKB is read from: say where it was read
    const { vi, en } = error.problem;
    return {
      ok: false,
      problem: {
        vi: `${vi} (hình được đọc sau khung bao ${envelope * 8} byte mà phần đầu khai báo; nếu khai báo sai, tệp bị hỏng: hãy xuất lại lớp)`,
        en: `${en} (the geometry was read after the ${envelope * 8}-byte envelope its header declares; if that is wrong, the file is damaged: export the layer again)`,
      },
    };
  }
}
