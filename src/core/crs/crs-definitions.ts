import type { Bilingual } from "../validate/validation-issue";

/**
 * The coordinate reference systems a file can be read in: WGS84 lon/lat, VN-2000 lon/lat, the
 * VN-2000 TM-3 zones around Hanoi, and UTM 48N/49N on VN-2000 and on WGS84.
 */
export type CrsId =
  | "EPSG:4326"
  | "EPSG:4756"
  | "EPSG:5897"
  | "EPSG:9208"
  | "EPSG:9209"
  | "EPSG:9210"
  | "EPSG:9211"
  | "EPSG:3405"
  | "EPSG:3406"
  | "EPSG:32648"
  | "EPSG:32649";

/**
 * A CRS and the order of the two numbers of each position: `xy` as the CRS defines it (E, N or
 * lon, lat), `yx` swapped — Vietnamese survey tables write X = northing first, and some files
 * write lat, lon.
 */
export type CrsChoice = { id: CrsId; axis: "xy" | "yx" };

/** Projection parameters of a Transverse Mercator CRS (degrees, unitless, metres). */
export type TransverseMercator = {
  centralMeridian: number;
  scale: number;
  falseEasting: number;
  falseNorthing: number;
};

/** One CRS: its proj4 definition, its name in both languages and what a WKT is matched on. */
export type CrsDefinition = {
  /** The proj4 definition, as PROJ prints it for the EPSG code (`projinfo EPSG:xxxx -o PROJ`). */
  proj4: string;
  name: Bilingual;
  datum: "WGS84" | "VN-2000";
  /** Null for lon/lat systems. */
  projection: TransverseMercator | null;
};

/**
 * VN-2000 → WGS84 as EPSG transformation 6960 (Decision 05/2007/QĐ-BTNMT), written for proj4:
 * `+towgs84` takes position-vector rotations, so the Decision's (coordinate-frame) rotation signs
 * are flipped here. The Decision's signs put points ≈0.75 m off; no shift at all ≈224 m.
 */
const VN2000_TO_WGS84 =
  "+towgs84=-191.90441429,-39.30318279,-111.45032835,0.00928836,-0.01975479,0.00427372,0.252906278";

const tm3 = (
  centralMeridian: number,
  lon0: string,
): Pick<CrsDefinition, "proj4" | "projection"> => ({
  proj4: `+proj=tmerc +lat_0=0 +lon_0=${lon0} +k=0.9999 +x_0=500000 +y_0=0 +ellps=WGS84 ${VN2000_TO_WGS84} +units=m +no_defs`,
  projection: { centralMeridian, scale: 0.9999, falseEasting: 500_000, falseNorthing: 0 },
});

const utm = (zone: 48 | 49): TransverseMercator => ({
  centralMeridian: zone === 48 ? 105 : 111,
  scale: 0.9996,
  falseEasting: 500_000,
  falseNorthing: 0,
});

/**
 * Every CRS a file can be read in, keyed by EPSG code. The proj4 strings are PROJ 9.1's
 * (`projinfo EPSG:xxxx -o PROJ`, without `+type=crs`); EPSG:5897 is the one
 * `../shared/domain/vietnam-planning.md` §4 gives for Hà Nội. The VN-2000 ones all carry the
 * datum shift: VN-2000 is never reprojected without it.
 */
export const CRS_DEFINITIONS: Readonly<Record<CrsId, CrsDefinition>> = {
  "EPSG:4326": {
    proj4: "+proj=longlat +datum=WGS84 +no_defs",
    name: { vi: "WGS 84 (kinh độ, vĩ độ)", en: "WGS 84 (longitude, latitude)" },
    datum: "WGS84",
    projection: null,
  },
  "EPSG:4756": {
    proj4: `+proj=longlat +ellps=WGS84 ${VN2000_TO_WGS84} +no_defs`,
    name: { vi: "VN-2000 (kinh độ, vĩ độ)", en: "VN-2000 (longitude, latitude)" },
    datum: "VN-2000",
    projection: null,
  },
  "EPSG:5897": {
    ...tm3(105, "105"),
    name: {
      vi: "VN-2000 / TM-3 múi 3° kinh tuyến trục 105° (Hà Nội)",
      en: "VN-2000 / TM-3 3° zone, central meridian 105° (Hà Nội)",
    },
    datum: "VN-2000",
  },
  "EPSG:9208": {
    ...tm3(104.75, "104.75"),
    name: {
      vi: "VN-2000 / TM-3 múi 3° kinh tuyến trục 104°45′ (Phú Thọ, Lào Cai, Yên Bái)",
      en: "VN-2000 / TM-3 3° zone, central meridian 104°45′ (Phú Thọ, Lào Cai, Yên Bái)",
    },
    datum: "VN-2000",
  },
  "EPSG:9209": {
    ...tm3(105.5, "105.5"),
    name: {
      vi: "VN-2000 / TM-3 múi 3° kinh tuyến trục 105°30′ (Bắc Ninh, Hưng Yên, Hải Dương)",
      en: "VN-2000 / TM-3 3° zone, central meridian 105°30′ (Bắc Ninh, Hưng Yên, Hải Dương)",
    },
    datum: "VN-2000",
  },
  "EPSG:9210": {
    ...tm3(105.75, "105.75"),
    name: {
      vi: "VN-2000 / TM-3 múi 3° kinh tuyến trục 105°45′ (Hải Phòng, TP Hồ Chí Minh)",
      en: "VN-2000 / TM-3 3° zone, central meridian 105°45′ (Hải Phòng, Ho Chi Minh City)",
    },
    datum: "VN-2000",
  },
  "EPSG:9211": {
    ...tm3(106, "106"),
    name: {
      vi: "VN-2000 / TM-3 múi 3° kinh tuyến trục 106°00′ (Hòa Bình, Tuyên Quang)",
      en: "VN-2000 / TM-3 3° zone, central meridian 106°00′ (Hòa Bình, Tuyên Quang)",
    },
    datum: "VN-2000",
  },
  "EPSG:3405": {
    proj4: `+proj=utm +zone=48 +ellps=WGS84 ${VN2000_TO_WGS84} +units=m +no_defs`,
    name: { vi: "VN-2000 / UTM múi 48N", en: "VN-2000 / UTM zone 48N" },
    datum: "VN-2000",
    projection: utm(48),
  },
  "EPSG:3406": {
    proj4: `+proj=utm +zone=49 +ellps=WGS84 ${VN2000_TO_WGS84} +units=m +no_defs`,
    name: { vi: "VN-2000 / UTM múi 49N", en: "VN-2000 / UTM zone 49N" },
    datum: "VN-2000",
    projection: utm(49),
  },
  "EPSG:32648": {
    proj4: "+proj=utm +zone=48 +datum=WGS84 +units=m +no_defs",
    name: { vi: "WGS 84 / UTM múi 48N", en: "WGS 84 / UTM zone 48N" },
    datum: "WGS84",
    projection: utm(48),
  },
  "EPSG:32649": {
    proj4: "+proj=utm +zone=49 +datum=WGS84 +units=m +no_defs",
    name: { vi: "WGS 84 / UTM múi 49N", en: "WGS 84 / UTM zone 49N" },
    datum: "WGS84",
    projection: utm(49),
  },
};

/** Every CRS id, in the order a chooser lists them: Hà Nội's own first. */
export const CRS_IDS: readonly CrsId[] = [
  "EPSG:5897",
  "EPSG:4326",
  "EPSG:3405",
  "EPSG:32648",
  "EPSG:9209",
  "EPSG:9210",
  "EPSG:9208",
  "EPSG:9211",
  "EPSG:4756",
  "EPSG:3406",
  "EPSG:32649",
];

/** Whether `text` is one of the CRS ids (a plain lookup: no prototype key can pass). */
export function isCrsId(text: string): text is CrsId {
  return Object.hasOwn(CRS_DEFINITIONS, text);
}

/** The CRS id of EPSG code `code`, or null when it is not one of ours. */
export function crsIdOfEpsg(code: number): CrsId | null {
  const id = `EPSG:${code}`;
  return isCrsId(id) ? id : null;
}

/**
 * EPSG codes deprecated in favour of ours. 6957 ("VN-2000 / TM-3 zone 482") had its false easting
 * and northing swapped by mistake; files labelled with it hold EPSG:5897 coordinates.
 */
const DEPRECATED_EPSG: ReadonlyMap<number, CrsId> = new Map([[6957, "EPSG:5897"]]);

/**
 * The CRS id an EPSG code a file declares stands for: ours, or the one replacing a deprecated code
 * (`deprecated` true), or null.
 */
export function crsIdOfDeclaredEpsg(code: number): { id: CrsId; deprecated: boolean } | null {
  const id = crsIdOfEpsg(code);
  if (id) return { id, deprecated: false };
  const replacement = DEPRECATED_EPSG.get(code);
  return replacement ? { id: replacement, deprecated: true } : null;
}

/** `EPSG:5897 “VN-2000 / TM-3 … (Hà Nội)”` in both languages. */
export function crsName(id: CrsId): Bilingual {
  const { name } = CRS_DEFINITIONS[id];
  return { vi: `${id} “${name.vi}”`, en: `${id} “${name.en}”` };
}

/**
 * A choice as messages name it: {@link crsName}, and for `yx` which number comes first
 * (`…, bắc (X) trước đông (Y)` / `…, northing (X) before easting (Y)`).
 */
export function describeChoice(choice: CrsChoice): Bilingual {
  const name = crsName(choice.id);
  if (choice.axis === "xy") return name;
  const geographic = CRS_DEFINITIONS[choice.id].projection === null;
  return {
    vi: `${name.vi}, ${geographic ? "vĩ độ trước kinh độ" : "bắc (X) trước đông (Y)"}`,
    en: `${name.en}, ${geographic ? "latitude before longitude" : "northing (X) before easting (Y)"}`,
  };
}
