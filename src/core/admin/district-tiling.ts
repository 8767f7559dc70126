import type { Position } from "geojson";
import { ellipsoidalArea } from "../check/ellipsoidal-area";
import { type ClipKernel, createClipperKernel } from "../check/kernel";
import { polygonsOf } from "../check/prepared-geometry";
import type { Polygons } from "../check/types";
import { showText, showValue } from "../text/show-value";
import { describeFeature, issueIn, type ValidationIssue } from "../validate/validation-issue";
import type { ExpectedDistricts } from "./expected-districts";
import { labelPoint } from "./label-point";
import type { AdminBoundaries, DistrictFeature } from "./types";

/**
 * How far the districts may miss tiling the city boundary, each as a share of the city's area.
 * Measured on the official data (2019 dvhcvn extract, ../shared/data/vn-admin, both the GeoJSON
 * and the dvhcvn form): gaps 30 m² in four slivers (9e-9 of the 3,357.8 km²), districts outside the
 * boundary 0.13 m² (4e-11), overlaps none (the union is 0.5 m² larger than the sum: rounding).
 * 1e-4 (0.34 km² for Hà Nội) leaves a margin of 10,000 over the worst of these, yet still refuses
 * the smallest district missing (Hoàn Kiếm, 5.3 km², 1.6e-3) or the districts moved a few tens of
 * metres against the boundary (another datum, another extract).
 */
export const TILING_TOLERANCES = { gap: 1e-4, outside: 1e-4, overlap: 1e-4 } as const;

/** How the districts tile the boundary, in m² on the WGS84 ellipsoid. */
export type TilingMeasure = {
  boundaryM2: number;
  /** Sum of the districts' areas. */
  districtsM2: number;
  /** Boundary not covered by any district. */
  gapM2: number;
  /** District area outside the boundary. */
  outsideM2: number;
  /** Area covered by two districts or more (sum of the districts minus their union). */
  overlapM2: number;
  /** The uncovered pieces, to say where they are. */
  gaps: Polygons;
};

/**
 * Measures gaps, outside parts and overlaps of `districts` against `boundary` with the checker's
 * kernel: three overlays (the union, boundary − union, union − boundary), about 0.1 s cold on
 * Hà Nội's 8,300 + 2,100 vertices. Areas by `ellipsoidalArea`.
 */
export function measureTiling(
  districts: readonly Polygons[],
  boundary: Polygons,
  kernel: ClipKernel = createClipperKernel(),
): TilingMeasure {
  const union = kernel.difference(districts.flat(), []);
  const gaps = kernel.difference(boundary, [union]);
  const outside = kernel.difference(union, [boundary]);
  const districtsM2 = districts.reduce((sum, parts) => sum + ellipsoidalArea(parts), 0);
  return {
    boundaryM2: ellipsoidalArea(boundary),
    districtsM2,
    gapM2: ellipsoidalArea(gaps),
    outsideM2: ellipsoidalArea(outside),
    // Clamped: on exactly tiling data the union can come out a hair larger (grid rounding).
    overlapM2: Math.max(0, districtsM2 - ellipsoidalArea(union)),
    gaps,
  };
}

const km2 = (m2: number) => {
  const value = m2 / 1e6;
  return `${value >= 10 ? value.toFixed(1) : Number(value.toPrecision(3))} km²`;
};
const percent = (share: number) =>
  `${share >= 0.01 ? (share * 100).toFixed(1) : Number((share * 100).toPrecision(2))} %`;
const unitName = (feature: DistrictFeature) =>
  `${showText(feature.properties.code)} ${showText(feature.properties.name)}`;

/** "105.285–106.020 E, 20.564–21.386 N" for a set of polygons. */
function extentText(polygons: Polygons): string {
  const [west, south, east, north] = extentBox(polygons).map((value) => value.toFixed(3));
  return `${west}–${east} E, ${south}–${north} N`;
}

/** The first `count` of `items` joined, with "(+ n)" for the rest. */
function firstFew(items: readonly string[], count = 5): string {
  const more = items.length - count;
  return items.slice(0, count).join(", ") + (more > 0 ? ` (+ ${more})` : "");
}

type Files = { districts: string; boundary: string };

function countIssues(
  admin: AdminBoundaries,
  files: Files,
  expected: ExpectedDistricts,
): ValidationIssue[] {
  const province = admin.boundary.features[0]?.properties.code ?? "";
  const units = expected.get(province);
  if (!units) return [];
  const features = admin.districts.features;
  const present = new Set(features.map((feature) => feature.properties.code));
  const known = new Set(units.map((unit) => unit.code));
  const issues: ValidationIssue[] = [];
  const missing = units.filter((unit) => !present.has(unit.code));
  if (missing.length > 0) {
    const list = firstFew(
      missing.map((unit) => `${unit.code} ${unit.name}`),
      10,
    );
    issues.push(
      issueIn(files.districts, null, "missing-district", {
        vi: `có ${features.length} đơn vị cấp huyện, thiếu ${missing.length} trong ${units.length} đơn vị của tỉnh/thành phố mã ${province}: ${list}; hãy dùng tệp đầy đủ của bộ dữ liệu (ranh giới trước ngày 1/7/2025)`,
        en: `has ${features.length} district-level units, missing ${missing.length} of the ${units.length} of province ${province}: ${list}; use the complete file of the data set (boundaries before 1 July 2025)`,
      }),
    );
  }
  features.forEach((feature, index) => {
    if (known.has(feature.properties.code)) return;
    const ref = {
      index,
      count: features.length,
      label: describeFeature({ properties: feature.properties }),
    };
    issues.push(
      issueIn(files.districts, ref, "unexpected-district", {
        vi: `mã ${showValue(feature.properties.code)} không thuộc ${units.length} đơn vị cấp huyện của tỉnh/thành phố mã ${province} (trước ngày 1/7/2025); hãy sửa mã hoặc dùng tệp của đúng tỉnh/thành phố`,
        en: `code ${showValue(feature.properties.code)} is not one of the ${units.length} district-level units of province ${province} (before 1 July 2025); fix the code or use the file of the right province`,
      }),
    );
  });
  return issues;
}

function gapIssue(measure: TilingMeasure, share: number, files: Files): ValidationIssue {
  const largest = measure.gaps
    .map((piece) => ({ piece, m2: ellipsoidalArea([piece]) }))
    .sort((a, b) => b.m2 - a.m2)[0]?.piece;
  const at = largest
    ? labelPoint({
        type: "Feature",
        properties: {},
        geometry: { type: "Polygon", coordinates: largest },
      })
        .map((value) => (value as number).toFixed(3))
        .join(", ")
    : null;
  const where = at
    ? {
        vi: `, mảng lớn nhất quanh ${at} (kinh độ, vĩ độ)`,
        en: `, the largest piece around ${at} (lon, lat)`,
      }
    : { vi: "", en: "" };
  return issueIn(files.districts, null, "district-tiling", {
    vi: `các quận, huyện không phủ kín ranh giới ${files.boundary}: ${km2(measure.gapM2)} (${percent(share)} diện tích thành phố) không thuộc đơn vị nào${where.vi}, cho phép tối đa ${percent(TILING_TOLERANCES.gap)}; hãy dùng tệp quận, huyện đầy đủ của cùng bộ dữ liệu với tệp ranh giới`,
    en: `the districts do not cover the boundary of ${files.boundary}: ${km2(measure.gapM2)} (${percent(share)} of the city's area) lie in no district${where.en}, at most ${percent(TILING_TOLERANCES.gap)} allowed; use the complete district file of the same data set as the boundary file`,
  });
}

function outsideIssue(
  admin: AdminBoundaries,
  parts: readonly Polygons[],
  boundary: Polygons,
  kernel: ClipKernel,
  measure: TilingMeasure,
  share: number,
  files: Files,
): ValidationIssue {
  // Only on failure: one overlay per district, to name those that stick out.
  const worst = parts
    .map((polygons, index) => ({
      index,
      share:
        ellipsoidalArea(kernel.difference(polygons, [boundary])) /
        Math.max(ellipsoidalArea(polygons), Number.MIN_VALUE),
    }))
    .filter((entry) => entry.share > 0)
    .sort((a, b) => b.share - a.share)
    .map(
      (entry) =>
        `${unitName(admin.districts.features[entry.index] as DistrictFeature)} ${percent(entry.share)}`,
    );
  const extents = { districts: extentText(parts.flat()), boundary: extentText(boundary) };
  return issueIn(files.districts, null, "district-tiling", {
    vi: `${km2(measure.outsideM2)} (${percent(share)} diện tích thành phố) của các quận, huyện nằm ngoài ranh giới ${files.boundary}, cho phép tối đa ${percent(TILING_TOLERANCES.outside)}; nhiều nhất: ${firstFew(worst)}. Quận, huyện trải ${extents.districts}, ranh giới ${extents.boundary}: hai tệp phải thuộc cùng bộ dữ liệu, tọa độ WGS84 (kinh độ, vĩ độ)`,
    en: `${km2(measure.outsideM2)} (${percent(share)} of the city's area) of the districts lie outside the boundary of ${files.boundary}, at most ${percent(TILING_TOLERANCES.outside)} allowed; most: ${firstFew(worst)}. The districts span ${extents.districts}, the boundary ${extents.boundary}: both files must come from the same data set, in WGS84 (longitude, latitude)`,
  });
}

function overlapIssue(
  admin: AdminBoundaries,
  parts: readonly Polygons[],
  kernel: ClipKernel,
  measure: TilingMeasure,
  share: number,
  files: Files,
): ValidationIssue {
  // Only on failure: the overlapping pairs, by bounding boxes first.
  const boxes = parts.map((polygons) => extentBox(polygons));
  const pairs: { text: string; m2: number }[] = [];
  for (let i = 0; i < parts.length; i++) {
    for (let j = i + 1; j < parts.length; j++) {
      if (!boxesMeet(boxes[i] as Box, boxes[j] as Box)) continue;
      const m2 = ellipsoidalArea(kernel.intersection(parts[i] as Polygons, parts[j] as Polygons));
      if (m2 <= 0) continue;
      const [a, b] = [i, j].map((k) => unitName(admin.districts.features[k] as DistrictFeature));
      pairs.push({ text: `${a} × ${b} ${km2(m2)}`, m2 });
    }
  }
  const list = firstFew(pairs.sort((a, b) => b.m2 - a.m2).map((pair) => pair.text));
  return issueIn(files.districts, null, "district-tiling", {
    vi: `các quận, huyện chồng lên nhau ${km2(measure.overlapM2)} (${percent(share)} diện tích thành phố), cho phép tối đa ${percent(TILING_TOLERANCES.overlap)}: ${list}; mỗi điểm của thành phố phải thuộc đúng một đơn vị — hãy sửa hoặc bỏ đơn vị bị lặp`,
    en: `the districts overlap by ${km2(measure.overlapM2)} (${percent(share)} of the city's area), at most ${percent(TILING_TOLERANCES.overlap)} allowed: ${list}; every point of the city must lie in exactly one unit — fix or drop the repeated unit`,
  });
}

type Box = [number, number, number, number];

function extentBox(polygons: Polygons): Box {
  const box: Box = [Infinity, Infinity, -Infinity, -Infinity];
  for (const ring of polygons.flat()) {
    for (const position of ring as Position[]) {
      const [lon, lat] = position as [number, number];
      if (lon < box[0]) box[0] = lon;
      if (lat < box[1]) box[1] = lat;
      if (lon > box[2]) box[2] = lon;
      if (lat > box[3]) box[3] = lat;
    }
  }
  return box;
}

const boxesMeet = (a: Box, b: Box) => a[0] <= b[2] && b[0] <= a[2] && a[1] <= b[3] && b[1] <= a[3];

/**
 * Whether the districts can be the city's: for a province `expected` lists, exactly its units
 * (missing ones named, unknown codes flagged); for any province, that they tile its boundary —
 * gaps, parts outside and overlaps each within `TILING_TOLERANCES` of the city's area. Returns
 * errors naming the files, what is wrong, where, and what to do; none when the data is sound.
 */
export function checkDistrictTiling(
  admin: AdminBoundaries,
  files: Files,
  expected: ExpectedDistricts,
): ValidationIssue[] {
  const issues = countIssues(admin, files, expected);
  const parts = admin.districts.features.map((feature) => polygonsOf(feature.geometry));
  const boundary = admin.boundary.features.flatMap((feature) => polygonsOf(feature.geometry));
  const kernel = createClipperKernel();
  const measure = measureTiling(parts, boundary, kernel);
  const shareOf = (m2: number) =>
    measure.boundaryM2 > 0 ? m2 / measure.boundaryM2 : m2 > 0 ? Infinity : 0;
  const shares = {
    gap: shareOf(measure.gapM2),
    outside: shareOf(measure.outsideM2),
    overlap: shareOf(measure.overlapM2),
  };
  if (shares.gap > TILING_TOLERANCES.gap) issues.push(gapIssue(measure, shares.gap, files));
  if (shares.outside > TILING_TOLERANCES.outside) {
    issues.push(outsideIssue(admin, parts, boundary, kernel, measure, shares.outside, files));
  }
  if (shares.overlap > TILING_TOLERANCES.overlap) {
    issues.push(overlapIssue(admin, parts, kernel, measure, shares.overlap, files));
  }
  return issues;
}
