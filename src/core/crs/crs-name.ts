import { closestMatches, didYouMean } from "../text/did-you-mean";
import { showValue } from "../text/show-value";
import type { Bilingual } from "../validate/validation-issue";
import { CRS_IDS, type CrsChoice, crsIdOfEpsg, crsName } from "./crs-definitions";

/**
 * The EPSG code a CRS name means, or null: `EPSG:5897`, `urn:ogc:def:crs:EPSG::5897` (any version,
 * e.g. `EPSG:6.18:5897`), `http://www.opengis.net/def/crs/EPSG/0/5897`, and WGS84 lon/lat as OGC
 * names it (`urn:ogc:def:crs:OGC:1.3:CRS84`, `…/OGC/1.3/CRS84`, `CRS84`) → 4326. For a legacy
 * GeoJSON `crs` member's `properties.name` and for GeoPackage/FlatGeobuf organisation codes.
 */
export function epsgCodeFromCrsName(name: string): number | null {
  const text = name.trim();
  if (text.length > 200) return null;
  if (
    /^(urn:ogc:def:crs:ogc:[\d.]*:|https?:\/\/www\.opengis\.net\/def\/crs\/ogc\/[\d.]+\/)?crs:?84$/i.test(
      text,
    )
  ) {
    return 4326;
  }
  const match =
    /^epsg:{1,2}(\d+)$/i.exec(text) ??
    /^urn:ogc:def:crs:epsg:[\d.]*:(\d+)$/i.exec(text) ??
    /^https?:\/\/www\.opengis\.net\/def\/crs\/epsg\/[\d.]+\/(\d+)$/i.exec(text);
  const code = match ? Number(match[1]) : Number.NaN;
  return Number.isSafeInteger(code) && code > 0 ? code : null;
}

/** The `+yx` suffix of a user's CRS choice: the two numbers of each position are the other way. */
const SWAPPED = /\+\s*yx$/i;

/** The CRSs a user can choose: `EPSG:5897 “VN-2000 / TM-3 …”; EPSG:4326 “WGS 84 …”; …`. */
function knownChoices(): Bilingual {
  const lines = CRS_IDS.map(crsName);
  return {
    vi: lines.map((line) => line.vi).join("; "),
    en: lines.map((line) => line.en).join("; "),
  };
}

/**
 * The user's choice of CRS (the CLI's `--crs`, a chooser's text): `EPSG:5897`, `5897`,
 * `urn:ogc:def:crs:EPSG::5897`, `CRS84`, with `+yx` when positions are written northing (X) or
 * latitude first (`EPSG:5897+yx`). An unknown CRS gives a bilingual message naming the known ones
 * (and the closest, when it looks like a slip).
 */
export function parseCrsChoice(
  text: string,
): { ok: true; choice: CrsChoice } | { ok: false; error: Bilingual } {
  const trimmed = text.trim();
  const axis = SWAPPED.test(trimmed) ? "yx" : "xy";
  const name = trimmed.replace(SWAPPED, "").trim();
  const code = /^\d+$/.test(name) ? Number(name) : epsgCodeFromCrsName(name);
  const id = code === null ? null : crsIdOfEpsg(code);
  if (id) return { ok: true, choice: { id, axis } };
  const known = knownChoices();
  // a code is compared by its digits alone, so "EPSG:3857" (4 digits, 1 slip allowed) is not
  // "corrected" to EPSG:3405 the way the whole text (9 characters, 3 slips) would be
  const candidates =
    code === null
      ? CRS_IDS
      : closestMatches(
          String(code),
          CRS_IDS.map((known) => known.slice("EPSG:".length)),
        ).map((digits) => `EPSG:${digits}`);
  const hint = didYouMean(code === null ? name.toUpperCase() : `EPSG:${code}`, candidates);
  const shown = showValue(text);
  return {
    ok: false,
    error: {
      vi: `hệ toạ độ ${shown} không dùng được${hint.vi}; hãy dùng một trong: ${known.vi} — thêm "+yx" khi toạ độ ghi bắc (X) trước đông (Y) hoặc vĩ độ trước kinh độ, ví dụ "EPSG:5897+yx"`,
      en: `CRS ${shown} is not one this tool can convert${hint.en}; use one of: ${known.en} — add "+yx" when positions are written northing (X) before easting (Y) or latitude before longitude, e.g. "EPSG:5897+yx"`,
    },
  };
}
