import type { Position } from "geojson";
import type { CrsEvidence } from "../../io/format-types";
import type { Bilingual } from "../validate/validation-issue";
import {
  CRS_DEFINITIONS,
  CRS_IDS,
  type CrsChoice,
  type CrsDefinition,
  type CrsId,
  crsIdOfDeclaredEpsg,
  crsName,
  describeChoice,
} from "./crs-definitions";
import { rangeText, sentences } from "./crs-text";
import { matchWkt } from "./match-wkt";
import { positionToWgs84 } from "./reproject";
import {
  describeSample,
  isInBox,
  type PositionKind,
  type SampleShape,
  VIETNAM_LONLAT,
} from "./sample-shape";

/**
 * The CRS a file is read in and why. `confidence` tells a caller whether to ask: `declared` — the
 * file says so and its coordinates agree, load without asking; `inferred` — a guess from the
 * coordinates (or a declaration they contradict, or one that needed a guess), show it and let the
 * user confirm or change it; `unknown` — `choice` is null, the user must pick (from `alternatives`
 * first).
 */
export type CrsDecision = {
  choice: CrsChoice | null;
  /** What was seen, with numbers: "toạ độ E 529–606 km, N 2 274–2 366 km: khớp VN-2000…". */
  reason: Bilingual;
  confidence: "declared" | "inferred" | "unknown";
  /** What the user can switch to, most likely first (never `choice` itself). */
  alternatives: CrsChoice[];
};

/** Share of the sampled positions that must agree for the sample to say something. */
const AGREEING_SHARE = 0.9;
/** Most sampled positions a declared CRS is tried on. */
const CHECKED_POSITIONS = 200;

const xy = (id: CrsId): CrsChoice => ({ id, axis: "xy" });

/** Projected CRSs in the order a user in Hà Nội is likeliest to need them (the chooser's). */
const METRE_ORDER: readonly CrsId[] = CRS_IDS.filter(
  (id) => CRS_DEFINITIONS[id].projection !== null,
);

const sameChoice = (a: CrsChoice, b: CrsChoice) => a.id === b.id && a.axis === b.axis;

/** `choices` without `chosen` and without repeats, in order. */
function otherThan(chosen: CrsChoice | null, choices: CrsChoice[]): CrsChoice[] {
  const kept: CrsChoice[] = [];
  for (const choice of choices) {
    if (chosen && sameChoice(choice, chosen)) continue;
    if (kept.some((k) => sameChoice(k, choice))) continue;
    kept.push(choice);
  }
  return kept;
}

/**
 * The usual alternatives to `choice`: the other lon/lat readings, or the other metre systems —
 * the same projection on the other datum first (UTM 48N on VN-2000 ⇄ on WGS 84: a lost or wrong
 * datum is the likeliest mistake).
 */
function alternativesTo(choice: CrsChoice): CrsChoice[] {
  if (CRS_DEFINITIONS[choice.id].projection === null) {
    const other = choice.id === "EPSG:4326" ? "EPSG:4756" : "EPSG:4326";
    return otherThan(choice, [
      { id: other, axis: choice.axis },
      { id: choice.id, axis: choice.axis === "xy" ? "yx" : "xy" },
    ]);
  }
  const sameGrid = (id: CrsId) => sameProjection(CRS_DEFINITIONS[id], CRS_DEFINITIONS[choice.id]);
  const ids = [...METRE_ORDER.filter(sameGrid), ...METRE_ORDER];
  return otherThan(
    choice,
    ids.map((id) => ({ id, axis: choice.axis })),
  );
}

const sameProjection = (a: CrsDefinition, b: CrsDefinition) =>
  a.projection !== null &&
  b.projection !== null &&
  a.projection.centralMeridian === b.projection.centralMeridian &&
  a.projection.scale === b.projection.scale;

/** "E 529–606 km, N 2 274–2 366 km", "kinh độ 105,28–106,02°, …": the positions of one kind. */
function seenText(kind: PositionKind, shape: SampleShape): Bilingual {
  const box = shape.boxes[kind];
  if (!box) return { vi: "", en: "" };
  const km = (low: number, high: number) => rangeText(low, high, 0, 1000);
  const deg = (low: number, high: number) => rangeText(low, high, 2);
  switch (kind) {
    case "lonlat": {
      const [lon, lat] = [deg(box.minX, box.maxX), deg(box.minY, box.maxY)];
      return {
        vi: `kinh độ ${lon.vi}°, vĩ độ ${lat.vi}°`,
        en: `longitude ${lon.en}°, latitude ${lat.en}°`,
      };
    }
    case "latlon": {
      const [lat, lon] = [deg(box.minX, box.maxX), deg(box.minY, box.maxY)];
      return {
        vi: `vĩ độ ${lat.vi}°, kinh độ ${lon.vi}°`,
        en: `latitude ${lat.en}°, longitude ${lon.en}°`,
      };
    }
    case "metres-en": {
      const [e, n] = [km(box.minX, box.maxX), km(box.minY, box.maxY)];
      return { vi: `E ${e.vi} km, N ${n.vi} km`, en: `E ${e.en} km, N ${n.en} km` };
    }
    case "metres-ne": {
      const [n, e] = [km(box.minX, box.maxX), km(box.minY, box.maxY)];
      return {
        vi: `X (bắc) ${n.vi} km, Y (đông) ${e.vi} km`,
        en: `X (northing) ${n.en} km, Y (easting) ${e.en} km`,
      };
    }
    case "other": {
      const values = [box.minX, box.maxX, box.minY, box.maxY];
      // whole numbers (0, 1, 250) and big ones are shown without decimals, others with two
      const whole = values.every((v) => Number.isInteger(v) || Math.abs(v) >= 1000);
      const [x, y] = [
        rangeText(box.minX, box.maxX, whole ? 0 : 2),
        rangeText(box.minY, box.maxY, whole ? 0 : 2),
      ];
      return { vi: `x ${x.vi}, y ${y.vi}`, en: `x ${x.en}, y ${y.en}` };
    }
  }
}

const KIND_NAMES: Record<PositionKind, Bilingual> = {
  lonlat: { vi: "kinh độ, vĩ độ ở Việt Nam", en: "longitude, latitude in Vietnam" },
  latlon: { vi: "vĩ độ, kinh độ ở Việt Nam", en: "latitude, longitude in Vietnam" },
  "metres-en": { vi: "mét E, N ở Việt Nam", en: "metres E, N in Vietnam" },
  "metres-ne": { vi: "mét N, E ở Việt Nam", en: "metres N, E in Vietnam" },
  other: { vi: "không thuộc kiểu nào", en: "none of these" },
};

/** Why positions of a kind are read swapped (`yx`), or null when they are not. */
const SWAPPED: Record<Exclude<PositionKind, "other">, Bilingual | null> = {
  lonlat: null,
  "metres-en": null,
  latlon: {
    vi: "Vĩ độ ghi trước kinh độ, nên đảo lại",
    en: "Latitude is written before longitude, so the two are swapped",
  },
  "metres-ne": {
    vi: "X (bắc) ghi trước Y (đông) như bảng toạ độ Việt Nam, nên đảo lại",
    en: "X (northing) is written before Y (easting) as in Vietnamese survey tables, so the two are swapped",
  },
};

/** "(3/120 điểm mẫu không như vậy)" when some sampled positions are of another kind. */
function strayText(count: number, shape: SampleShape): Bilingual | null {
  const stray = shape.finite - count;
  if (stray === 0) return null;
  return {
    vi: `${stray}/${shape.finite} điểm mẫu không như vậy`,
    en: `${stray} of ${shape.finite} sampled positions are not`,
  };
}

/** What the coordinates alone say. */
function decideFromRanges(shape: SampleShape): CrsDecision {
  const everything = CRS_IDS.map(xy);
  if (shape.finite === 0) {
    return {
      choice: null,
      confidence: "unknown",
      reason: {
        vi: "Không có toạ độ nào để nhận ra hệ toạ độ: hãy chọn hệ toạ độ.",
        en: "There are no coordinates to tell the CRS from: please choose one.",
      },
      alternatives: everything,
    };
  }
  const kinds: Exclude<PositionKind, "other">[] = ["lonlat", "latlon", "metres-en", "metres-ne"];
  const best = kinds.reduce((a, b) => (shape.counts[b] > shape.counts[a] ? b : a));
  const count = shape.counts[best];
  if (count < AGREEING_SHARE * shape.finite) {
    const mix = (Object.keys(shape.counts) as PositionKind[])
      .filter((kind) => shape.counts[kind] > 0)
      .map((kind) => ({
        vi: `${shape.counts[kind]} ${KIND_NAMES[kind].vi} (${seenText(kind, shape).vi})`,
        en: `${shape.counts[kind]} ${KIND_NAMES[kind].en} (${seenText(kind, shape).en})`,
      }));
    const only = mix.length === 1;
    return {
      choice: null,
      confidence: "unknown",
      reason: only
        ? {
            vi: `Toạ độ ${seenText("other", shape).vi}: không phải kinh độ, vĩ độ ở Việt Nam, cũng không phải mét VN-2000 hay UTM ở Việt Nam: hãy chọn hệ toạ độ.`,
            en: `Coordinates ${seenText("other", shape).en}: neither longitude, latitude in Vietnam nor VN-2000 or UTM metres in Vietnam: please choose the CRS.`,
          }
        : {
            vi: `Toạ độ lẫn nhiều kiểu trong ${shape.finite} điểm mẫu: ${mix.map((m) => m.vi).join("; ")}: hãy chọn hệ toạ độ.`,
            en: `Coordinates of several kinds among ${shape.finite} sampled positions: ${mix.map((m) => m.en).join("; ")}: please choose the CRS.`,
          },
      alternatives: everything,
    };
  }
  const seen = seenText(best, shape);
  const stray = strayText(count, shape);
  const order = SWAPPED[best];
  const axis = order === null ? "xy" : "yx";
  if (best === "lonlat" || best === "latlon") {
    const choice: CrsChoice = { id: "EPSG:4326", axis };
    const chosen = crsName(choice.id);
    return {
      choice,
      confidence: "inferred",
      reason: sentences(
        {
          vi: `Toạ độ ${seen.vi}: coi là ${chosen.vi}`,
          en: `Coordinates ${seen.en}: read as ${chosen.en}`,
        },
        stray,
        order,
      ),
      alternatives: [{ id: "EPSG:4756", axis }],
    };
  }
  if (shape.hanoi[best] >= AGREEING_SHARE * shape.finite) {
    const choice: CrsChoice = { id: "EPSG:5897", axis };
    const chosen = crsName(choice.id);
    return {
      choice,
      confidence: "inferred",
      reason: sentences(
        {
          vi: `Toạ độ ${seen.vi}: khớp VN-2000 múi 105° quanh Hà Nội, coi là ${chosen.vi}`,
          en: `Coordinates ${seen.en}: match VN-2000 zone 105° around Hà Nội, read as ${chosen.en}`,
        },
        stray,
        order,
        {
          vi: "Dữ liệu UTM 48N ở Hà Nội cũng rơi vào khoảng này (lệch khoảng 700 m): nếu tệp là UTM 48N, hãy chọn lại",
          en: "UTM 48N data of Hà Nội fall in the same range (about 700 m apart): if the file is UTM 48N, choose it instead",
        },
      ),
      alternatives: otherThan(
        choice,
        METRE_ORDER.slice(0, 7).map((id) => ({ id, axis })),
      ),
    };
  }
  return {
    choice: null,
    confidence: "unknown",
    reason: sentences(
      {
        vi: `Toạ độ ${seen.vi}: mét kiểu VN-2000 TM-3 hay UTM ở Việt Nam nhưng không phải quanh Hà Nội, nên không biết múi nào: hãy chọn hệ toạ độ`,
        en: `Coordinates ${seen.en}: VN-2000 TM-3 or UTM metres in Vietnam but not around Hà Nội, so the zone cannot be told: please choose the CRS`,
      },
      stray,
      order,
    ),
    alternatives: METRE_ORDER.map((id) => ({ id, axis })),
  };
}

/** What a file declares: the choice it maps to (null: one we cannot convert) and how it was said. */
type Declared = { choice: CrsChoice | null; said: Bilingual; notes: Bilingual[]; certain: boolean };

const SOURCES = {
  prj: { vi: "Tệp .prj", en: "The .prj file" },
  gpkg: { vi: "Hệ toạ độ (SRS) của GeoPackage", en: "The GeoPackage's SRS" },
  fgb: { vi: "Phần đầu tệp FlatGeobuf", en: "The FlatGeobuf header" },
  "geojson-crs": { vi: 'Thành phần "crs" của GeoJSON', en: 'The GeoJSON "crs" member' },
} as const;

function readEvidence(evidence: CrsEvidence): Declared | null {
  switch (evidence.kind) {
    case "none":
      return null;
    case "wgs84":
      return {
        choice: xy("EPSG:4326"),
        said:
          evidence.from === "kml"
            ? {
                vi: "KML luôn ghi kinh độ, vĩ độ WGS 84",
                en: "KML always holds WGS 84 longitude, latitude",
              }
            : {
                vi: "GeoJSON (RFC 7946) ghi kinh độ, vĩ độ WGS 84 và tệp không khai báo hệ toạ độ khác",
                en: "GeoJSON (RFC 7946) holds WGS 84 longitude, latitude, and the file declares no other CRS",
              },
        notes: [],
        certain: true,
      };
    case "epsg": {
      const source = SOURCES[evidence.from];
      const declared = crsIdOfDeclaredEpsg(evidence.code);
      const code = `EPSG:${evidence.code}`;
      const replaced = declared?.deprecated
        ? {
            vi: `${code} đã bị EPSG bỏ (lẫn dịch đông với dịch bắc), thay bằng ${declared.id}`,
            en: `${code} is deprecated by EPSG (false easting and northing swapped), replaced by ${declared.id}`,
          }
        : null;
      return {
        choice: declared ? xy(declared.id) : null,
        said: { vi: `${source.vi} khai báo ${code}`, en: `${source.en} declares ${code}` },
        notes: replaced ? [replaced] : [],
        certain: true,
      };
    }
    case "prj":
    case "wkt": {
      const source = SOURCES[evidence.kind === "prj" ? "prj" : evidence.from];
      const match = matchWkt(evidence.wkt);
      return {
        choice: match.id === null ? null : xy(match.id),
        said: {
          vi: `${source.vi} khai báo ${match.said.vi}`,
          en: `${source.en} declares ${match.said.en}`,
        },
        notes: match.notes,
        certain: match.certain,
      };
    }
  }
}

/** Whether most of the sample lands in Vietnam when read in `choice`. */
function fitsVietnam(sample: readonly Position[], choice: CrsChoice): boolean {
  const toWgs84 = positionToWgs84(choice);
  const step = Math.max(1, sample.length / CHECKED_POSITIONS);
  let tried = 0;
  let inside = 0;
  for (let at = 0; at < sample.length; at += step) {
    const position = sample[Math.floor(at)] as Position;
    if (!Number.isFinite(position[0]) || !Number.isFinite(position[1])) continue;
    tried++;
    const lonLat = toWgs84(position);
    if (lonLat && isInBox(VIETNAM_LONLAT, lonLat[0] as number, lonLat[1] as number)) inside++;
  }
  return tried === 0 || inside >= AGREEING_SHARE * tried;
}

/** The sentence on what the sample shows, added to a declared CRS's reason. */
function seenSentence(shape: SampleShape): Bilingual | null {
  const kinds: PositionKind[] = ["lonlat", "latlon", "metres-en", "metres-ne", "other"];
  const best = kinds.reduce((a, b) => (shape.counts[b] > shape.counts[a] ? b : a));
  if (shape.counts[best] === 0) return null;
  const seen = seenText(best, shape);
  return { vi: `Toạ độ ${seen.vi}`, en: `Coordinates ${seen.en}` };
}

/**
 * The decision when the file declares a CRS we cannot convert (another TM-3 zone, HN-72, Web
 * Mercator, feet…): no choice. The coordinates cannot overrule it — VN-2000 TM-3 107°45′ metres of
 * Quảng Ninh look just like Hà Nội's 105° ones, and reading them so would move them 290 km — so
 * the user picks (what the coordinates suggest first) or reprojects the file first.
 */
function unconvertible(declared: Declared, shape: SampleShape, byRanges: CrsDecision): CrsDecision {
  const looksLike = byRanges.choice && describeChoice(byRanges.choice);
  return {
    choice: null,
    confidence: "unknown",
    reason: sentences(
      {
        vi: `${declared.said.vi}: hệ toạ độ này không chuyển được ở đây`,
        en: `${declared.said.en}: this CRS cannot be converted here`,
      },
      seenSentence(shape),
      {
        vi: `Nếu tệp khai báo sai, hãy chọn hệ toạ độ${looksLike ? ` (theo toạ độ có thể là ${looksLike.vi})` : ""}; nếu không, hãy chuyển tệp sang WGS 84 trước, ví dụ: ogr2ogr -t_srs EPSG:4326 ra.geojson <tệp vào>`,
        en: `If the declaration is wrong, choose the CRS${looksLike ? ` (by the coordinates it may be ${looksLike.en})` : ""}; otherwise reproject the file to WGS 84 first, e.g. ogr2ogr -t_srs EPSG:4326 out.geojson <input file>`,
      },
    ),
    alternatives: otherThan(null, [
      ...(byRanges.choice ? [byRanges.choice] : []),
      ...byRanges.alternatives,
    ]),
  };
}

/**
 * The CRS of a file, from what it declares (`evidence`: a .prj or SRS WKT, an EPSG code, a
 * format defined as WGS 84) and from its coordinates (`sample`, e.g. {@link samplePositions}).
 *
 * In order: a declaration we can convert and the coordinates agree with (they land in Vietnam) →
 * that CRS, `declared`. A declaration the coordinates contradict (a GeoJSON in VN-2000 metres,
 * a .prj copied from another file, northing-first tables) → what the coordinates say, `inferred`,
 * the declared one first among the alternatives. A declaration we cannot convert → no choice,
 * `unknown`, what the coordinates suggest first among the alternatives. No declaration → the
 * coordinates: lon/lat in Vietnam → EPSG:4326; lat/lon → EPSG:4326 `yx`; metres in Hà Nội's TM-3
 * window → EPSG:5897 (`yx` when northing first); UTM 48N data of Hà Nội look the same, so they are
 * an alternative, never a silent choice; anything else → no choice, `unknown`. The reason says what
 * was declared and seen, with numbers, in both languages.
 */
export function decideCrs(evidence: CrsEvidence, sample: readonly Position[]): CrsDecision {
  const shape = describeSample(sample);
  const byRanges = decideFromRanges(shape);
  const declared = readEvidence(evidence);
  if (!declared) return byRanges;
  if (declared.choice === null) return unconvertible(declared, shape, byRanges);
  const chosen = describeChoice(declared.choice);
  if (fitsVietnam(sample, declared.choice)) {
    return {
      choice: declared.choice,
      confidence: declared.certain ? "declared" : "inferred",
      reason: sentences(
        {
          vi: `${declared.said.vi}: dùng ${chosen.vi}`,
          en: `${declared.said.en}: using ${chosen.en}`,
        },
        ...declared.notes,
        seenSentence(shape),
      ),
      alternatives: alternativesTo(declared.choice),
    };
  }
  return {
    ...byRanges,
    confidence: byRanges.choice ? "inferred" : "unknown",
    reason: sentences(
      {
        vi: `${declared.said.vi} (${chosen.vi}), nhưng theo hệ đó toạ độ không nằm ở Việt Nam`,
        en: `${declared.said.en} (${chosen.en}), but read in it the coordinates are not in Vietnam`,
      },
      byRanges.reason,
    ),
    alternatives: otherThan(byRanges.choice, [declared.choice, ...byRanges.alternatives]),
  };
}

/**
 * The decision when the user picks the CRS (the CLI's `--crs`, the import dialog's chooser): their
 * choice, `declared` (nothing left to ask), the usual alternatives.
 */
export function userCrsDecision(choice: CrsChoice): CrsDecision {
  const chosen = describeChoice(choice);
  return {
    choice,
    confidence: "declared",
    reason: { vi: `Người dùng chọn ${chosen.vi}.`, en: `Chosen by the user: ${chosen.en}.` },
    alternatives: alternativesTo(choice),
  };
}
