import { showValue } from "../text/show-value";
import type { Bilingual } from "../validate/validation-issue";
import {
  CRS_DEFINITIONS,
  CRS_IDS,
  type CrsDefinition,
  type CrsId,
  crsIdOfDeclaredEpsg,
} from "./crs-definitions";
import { angleText, numberText } from "./crs-text";
import { normalisedName, readWktCrs, type WktCrs } from "./wkt-crs";

/** What a WKT declares, mapped to one of our CRSs (or to none, saying what it is). */
export type WktMatch = {
  /** Null when the WKT declares a CRS we cannot convert, or is not WKT. */
  id: CrsId | null;
  /** What the WKT says: `"VN_2000_TM-3_zone_482" (VN-2000, kinh tuyến trục 105°00′, k 0,9999…)`. */
  said: Bilingual;
  /** Remarks on the datum shift or on a guess made. */
  notes: Bilingual[];
  /** False when the mapping needed a guess (a datum not named, WGS 84 named for a VN-2000 grid). */
  certain: boolean;
};

/** EPSG transformation 6960 as proj4's `+towgs84` (position vector), for comparing a TOWGS84. */
const EPSG_6960 = [
  -191.90441429, -39.30318279, -111.45032835, 0.00928836, -0.01975479, 0.00427372, 0.252906278,
];

const sameNumbers = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((value, i) => Math.abs(value - (b[i] as number)) < 1e-6);

/** A TOWGS84 near VN-2000's translation (any published version, any rotation convention). */
const isVn2000Shift = (shift: readonly number[]) =>
  Math.abs((shift[0] as number) + 191.9) < 5 &&
  Math.abs((shift[1] as number) + 39.3) < 5 &&
  Math.abs((shift[2] as number) + 111.45) < 5;

const namesOf = (wkt: WktCrs) =>
  [wkt.names.crs, wkt.names.geographic, wkt.names.datum]
    .filter((name): name is string => name !== null)
    .map(normalisedName);

const isWgs84Ellipsoid = (ellipsoid: WktCrs["ellipsoid"]) =>
  ellipsoid === null ||
  (Math.abs(ellipsoid.a - 6_378_137) < 0.01 &&
    Math.abs(ellipsoid.inverseFlattening - 298.257223563) < 1e-6);

type DatumReading = "VN-2000" | "WGS84" | "unnamed" | "other";

/**
 * The datum a WKT means. VN-2000 by any of its names (`VN_2000`, `Vietnam_2000`, `D_Vietnam_2000`,
 * `VN-2000`) or by a TOWGS84 near its shift (MapInfo names its datums `MIF 9999`); WGS 84 by name
 * with no shift; "unnamed" when nothing tells (a WGS 84 ellipsoid, no shift, no known name).
 */
function readDatum(wkt: WktCrs): DatumReading {
  if (!isWgs84Ellipsoid(wkt.ellipsoid)) return "other";
  const names = namesOf(wkt);
  const shift = wkt.toWgs84;
  if (names.some((name) => /vn2000|vietnam2000/.test(name))) return "VN-2000";
  if (shift && isVn2000Shift(shift)) return "VN-2000";
  const noShift = shift === null || shift.every((value) => value === 0);
  if (!noShift) return "other";
  const datumNames = [wkt.names.geographic, wkt.names.datum]
    .filter((name): name is string => name !== null)
    .map(normalisedName)
    // GDAL's "Unknown based on WGS 84 ellipsoid", EPSG:4030's "Not specified based on WGS 84
    // ellipsoid" (ESRI: "D_Not_specified_…") name the ellipsoid of a datum nobody named
    .filter((name) => !/unknown|notspecified/.test(name));
  if (datumNames.some((name) => /wgs84|wgs1984|worldgeodeticsystem1984/.test(name))) return "WGS84";
  return "unnamed";
}

/** The sentence on a VN-2000 file's own TOWGS84, when it differs from EPSG:6960's. */
function shiftNote(shift: readonly number[] | null): Bilingual | null {
  const used = {
    vi: "dùng tham số của phép chuyển EPSG:6960 (Quyết định 05/2007/QĐ-BTNMT)",
    en: "EPSG transformation 6960's (Decision 05/2007/QĐ-BTNMT) are used",
  };
  if (shift === null) {
    return {
      vi: `Tệp không ghi tham số chuyển sang WGS 84 (TOWGS84): ${used.vi}; bỏ qua chúng toạ độ sẽ lệch khoảng 224 m`,
      en: `The file gives no shift to WGS 84 (TOWGS84): ${used.en}; without them positions would be about 224 m off`,
    };
  }
  if (sameNumbers(shift, EPSG_6960)) return null;
  const decisionSigns = EPSG_6960.map((value, i) => (i >= 3 && i <= 5 ? -value : value));
  if (sameNumbers(shift, decisionSigns)) {
    return {
      vi: `TOWGS84 của tệp ghi góc xoay với dấu như trong Quyết định (quy ước coordinate frame), trong khi TOWGS84 dùng quy ước position vector — dùng nguyên như vậy lệch khoảng 0,75 m: ${used.vi}`,
      en: `The file's TOWGS84 has the rotations with the Decision's signs (coordinate frame), while TOWGS84 is position vector — taken as written it is about 0.75 m off: ${used.en}`,
    };
  }
  const shown = shift.map((value) => String(value)).join(", ");
  return {
    vi: `TOWGS84 của tệp (${shown}) khác tham số chuẩn: ${used.vi}`,
    en: `The file's TOWGS84 (${shown}) differs from the standard one: ${used.en}`,
  };
}

const near = (a: number | null, b: number, tolerance: number) =>
  a !== null && Math.abs(a - b) <= tolerance;

/** Our CRSs whose Transverse Mercator parameters are the WKT's. */
function sameProjection(projection: NonNullable<WktCrs["projection"]>): CrsId[] {
  return CRS_IDS.filter((id) => {
    const ours = CRS_DEFINITIONS[id].projection;
    return (
      ours !== null &&
      near(projection.centralMeridian, ours.centralMeridian, 1e-6) &&
      near(projection.scale, ours.scale, 1e-8) &&
      near(projection.falseEasting, ours.falseEasting, 1e-3) &&
      near(projection.falseNorthing ?? 0, ours.falseNorthing, 1e-3) &&
      near(projection.latitudeOfOrigin ?? 0, 0, 1e-9)
    );
  });
}

const DATUM_TEXT: Record<DatumReading, (wkt: WktCrs) => Bilingual> = {
  "VN-2000": () => ({ vi: "VN-2000", en: "VN-2000" }),
  WGS84: () => ({ vi: "WGS 84", en: "WGS 84" }),
  unnamed: (wkt) => ({
    vi: `datum ${wkt.names.datum === null ? "không tên" : showValue(wkt.names.datum)}`,
    en: `datum ${wkt.names.datum === null ? "unnamed" : showValue(wkt.names.datum)}`,
  }),
  other: (wkt) => {
    const ellipsoid = wkt.ellipsoid
      ? `, a ${wkt.ellipsoid.a}, 1/f ${wkt.ellipsoid.inverseFlattening}`
      : "";
    const shift = wkt.toWgs84 ? `, TOWGS84 ${wkt.toWgs84.join(", ")}` : "";
    const name = wkt.names.datum === null ? "" : ` ${showValue(wkt.names.datum)}`;
    return { vi: `datum${name}${ellipsoid}${shift}`, en: `datum${name}${ellipsoid}${shift}` };
  },
};

/** `"name" (VN-2000, Transverse Mercator, kinh tuyến trục 105°00′, k 0,9999, …)`. */
function describeWkt(wkt: WktCrs, datum: DatumReading): Bilingual {
  const name = wkt.names.crs === null ? "" : `${showValue(wkt.names.crs)} `;
  const parts: Bilingual[] = [DATUM_TEXT[datum](wkt)];
  const projection = wkt.projection;
  if (wkt.kind === "geographic") parts.push({ vi: "kinh độ, vĩ độ", en: "longitude, latitude" });
  if (projection) {
    const method = projection.method ?? "?";
    parts.push({ vi: `phép chiếu ${showValue(method)}`, en: `projection ${showValue(method)}` });
    if (projection.centralMeridian !== null) {
      const angle = angleText(projection.centralMeridian);
      parts.push({ vi: `kinh tuyến trục ${angle.vi}`, en: `central meridian ${angle.en}` });
    }
    if (projection.scale !== null) {
      const scale = numberText(projection.scale, Math.min(10, decimalsOf(projection.scale)));
      parts.push({ vi: `k ${scale.vi}`, en: `k ${scale.en}` });
    }
    if (projection.falseEasting !== null) {
      const easting = numberText(projection.falseEasting, 0);
      parts.push({ vi: `dịch đông ${easting.vi} m`, en: `false easting ${easting.en} m` });
    }
    if (wkt.metresPerUnit !== 1) {
      parts.push({
        vi: `đơn vị ${wkt.metresPerUnit} m (không phải mét)`,
        en: `unit ${wkt.metresPerUnit} m (not metres)`,
      });
    }
  }
  return {
    vi: `${name}(${parts.map((part) => part.vi).join(", ")})`,
    en: `${name}(${parts.map((part) => part.en).join(", ")})`,
  };
}

const decimalsOf = (value: number) => (String(value).split(".")[1] ?? "").length;

const isTransverseMercator = (method: string | null) =>
  method !== null &&
  ["transversemercator", "tmerc", "gausskruger", "gaussboagakruger"].includes(
    normalisedName(method),
  );

/** A CRS picked for a WKT, how sure that is, and what to say about a guess. */
type Pick = { id: CrsId | null; certain: boolean; note: Bilingual | null };

const NO_PICK: Pick = { id: null, certain: false, note: null };

/**
 * The CRS `datum` picks among `candidates` (ours with the WKT's projection, or the lon/lat ones).
 * Two guesses, both uncertain and said: a TM-3 grid (k 0.9999) labelled WGS 84 is VN-2000's — no
 * WGS 84 TM-3 exists — and a datum nothing names is VN-2000 for a projection, WGS 84 for lon/lat.
 */
function pickByDatum(candidates: CrsId[], datum: DatumReading, projected: boolean): Pick {
  const onDatum = (wanted: CrsDefinition["datum"]) =>
    candidates.find((id) => CRS_DEFINITIONS[id].datum === wanted) ?? null;
  const guess = (wanted: CrsDefinition["datum"], note: Bilingual): Pick => {
    const id = onDatum(wanted);
    return id === null ? NO_PICK : { id, certain: false, note };
  };
  switch (datum) {
    case "VN-2000":
      return { id: onDatum("VN-2000"), certain: true, note: null };
    case "WGS84": {
      const wgs84 = onDatum("WGS84");
      if (wgs84) return { id: wgs84, certain: true, note: null };
      return guess("VN-2000", {
        vi: "Tệp ghi datum WGS 84 cho lưới TM-3 (k 0,9999), lưới chỉ VN-2000 dùng: coi là VN-2000, hãy kiểm tra",
        en: "The file names the WGS 84 datum for a TM-3 grid (k 0.9999), which only VN-2000 uses: read as VN-2000, please check",
      });
    }
    case "unnamed":
      return projected
        ? guess("VN-2000", {
            vi: "Tệp không nói datum là gì (ellipsoid WGS 84, không có TOWGS84): coi là VN-2000, hãy kiểm tra",
            en: "The file does not say which datum (WGS 84 ellipsoid, no TOWGS84): read as VN-2000, please check",
          })
        : guess("WGS84", {
            vi: "Tệp không nói datum là gì: coi là WGS 84, hãy kiểm tra (VN-2000 lệch khoảng 224 m)",
            en: "The file does not say which datum: read as WGS 84, please check (VN-2000 differs by about 224 m)",
          });
    case "other":
      return NO_PICK;
  }
}

/**
 * Which of our CRSs a WKT (a Shapefile .prj, a GeoPackage or FlatGeobuf SRS) declares: by its
 * datum (names and TOWGS84, see {@link readDatum}) and its projection parameters (central meridian,
 * scale, false easting), not by its name alone — ESRI, QGIS and MapInfo name the same CRS
 * differently. A VN-2000 match always uses EPSG:6960's shift, whatever TOWGS84 the file has (often
 * none, or the Decision's signs), and says so in `notes`.
 */
export function matchWkt(text: string): WktMatch {
  const wkt = readWktCrs(text);
  if (!wkt) {
    return {
      id: null,
      said: { vi: "nội dung không đọc được là WKT", en: "text that cannot be read as WKT" },
      notes: [],
      certain: false,
    };
  }
  const datum = readDatum(wkt);
  const said = describeWkt(wkt, datum);
  let picked = NO_PICK;
  if (wkt.kind === "geographic") {
    const geographic = CRS_IDS.filter((id) => CRS_DEFINITIONS[id].projection === null);
    picked = pickByDatum(geographic, datum, false);
  } else if (wkt.kind === "projected" && wkt.projection) {
    const readable = isTransverseMercator(wkt.projection.method) && wkt.metresPerUnit === 1;
    const byCode = wkt.epsg === null ? null : crsIdOfDeclaredEpsg(wkt.epsg);
    if (readable) picked = pickByDatum(sameProjection(wkt.projection), datum, true);
    // no projection written out at all: only the authority code can tell
    else if (wkt.projection.method === null && byCode)
      picked = { ...NO_PICK, id: byCode.id, certain: true };
  }
  if (picked.id === null) return { id: null, said, notes: [], certain: false };
  const notes: Bilingual[] = [];
  if (picked.note) notes.push(picked.note);
  if (CRS_DEFINITIONS[picked.id].datum === "VN-2000") {
    const note = shiftNote(wkt.toWgs84);
    if (note) notes.push(note);
  }
  return { id: picked.id, said, notes, certain: picked.certain };
}
