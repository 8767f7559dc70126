import Flatbush from "flatbush";
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
 * kernel: the union of the districts (cascaded, see {@link unionOf}), then boundary − union and
 * union − boundary; about 0.1 s cold on Hà Nội's 8,300 + 2,100 vertices. Areas by
 * `ellipsoidalArea`.
 */
export function measureTiling(
  districts: readonly Polygons[],
  boundary: Polygons,
  kernel: ClipKernel = createClipperKernel(),
  index: DistrictIndex = indexDistricts(districts),
): TilingMeasure {
  const union = unionOf(districts, index.order, kernel);
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

/**
 * The districts' bounding boxes in an R-tree (its item k is district `items[k]`), and the districts
 * in the tree's (Hilbert) order.
 */
export type DistrictIndex = {
  boxes: readonly Box[];
  tree: Flatbush | null;
  items: readonly number[];
  order: readonly number[];
};

/** Indexes the districts' bounding boxes (districts without a vertex are left out). */
export function indexDistricts(districts: readonly Polygons[]): DistrictIndex {
  const boxes = districts.map((polygons) => extentBox(polygons));
  const kept = boxes.flatMap((box, i) => (box[0] <= box[2] ? [i] : []));
  if (kept.length === 0) return { boxes, tree: null, items: kept, order: [] };
  const tree = new Flatbush(kept.length);
  for (const i of kept) tree.add(...(boxes[i] as Box));
  tree.finish();
  // Flatbush sorts its leaves along a Hilbert curve: neighbours in the plane end up side by side
  const order = Array.from(tree._indices.subarray(0, kept.length), (k) => kept[k] as number);
  return { boxes, tree, items: kept, order };
}

/**
 * Districts merged by one overlay at the bottom of {@link unionOf}: few enough that a stack of them
 * costs little, enough that a province's own units (Hà Nội's 30) take one overlay as before —
 * smaller leaves made that check up to twice slower (each overlay converts its operands again).
 */
const UNION_LEAF = 32;

/**
 * The union of `districts[order[from…to−1]]`, merged in halves (a cascaded union). One overlay of
 * all the districts costs the square of how many lie on top of each other — Vatti's sweep keeps
 * every edge crossing its scan line in one list: 3,000 copies of one square took 8.9 s (and the
 * overlap message after it minutes). In halves, each overlay holds two unions, so stacked copies
 * melt into one polygon at the first steps; in Hilbert order, neighbours merge first and the
 * shared borders of a real tiling go early.
 */
function unionOf(
  districts: readonly Polygons[],
  order: readonly number[],
  kernel: ClipKernel,
  from = 0,
  to = order.length,
): Polygons {
  if (to - from <= UNION_LEAF) {
    const leaf = order.slice(from, to).flatMap((k) => districts[k] as Polygons);
    return leaf.length > 0 ? kernel.difference(leaf, []) : [];
  }
  const mid = (from + to) >> 1;
  const halves = [
    ...unionOf(districts, order, kernel, from, mid),
    ...unionOf(districts, order, kernel, mid, to),
  ];
  return kernel.difference(halves, []);
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

/** Pieces of a region, largest first, with their areas. */
const bySize = (pieces: Polygons) =>
  pieces.map((piece) => ({ piece, m2: ellipsoidalArea([piece]) })).sort((a, b) => b.m2 - a.m2);

/** A point inside a piece, "105.150, 21.150" (lon, lat). */
const placeOf = (piece: Position[][]) =>
  labelPoint({ type: "Feature", properties: {}, geometry: { type: "Polygon", coordinates: piece } })
    .map((value) => (value as number).toFixed(3))
    .join(", ");

function gapIssue(measure: TilingMeasure, share: number, files: Files): ValidationIssue {
  const largest = bySize(measure.gaps)[0]?.piece;
  const at = largest ? placeOf(largest) : null;
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

/** Pairs of districts named in the overlap message: a few, then "and perhaps more". */
const NAMED_PAIRS = 5;
/**
 * Overlays spent at most on naming pairs. Each piece of the doubly covered region is met by the
 * districts whose boxes meet its box; most of those cover it, but a hostile file of long
 * interleaved shapes could have thousands that only come near.
 */
const MAX_NAMING_OVERLAYS = 2000;

type OverlappingPair = { i: number; j: number; m2: number };

/**
 * The first overlapping pairs of districts, without overlaying every pair (3,000 copies of one
 * square were 4.5 million overlays, minutes): the region two districts or more cover, from the
 * kernel's cascaded `coveredTwice`; for each of its pieces, largest first, the districts the
 * R-tree finds there that cover it, paired. Stops at `NAMED_PAIRS + 1` pairs (one more than named,
 * to know there are more) or `MAX_NAMING_OVERLAYS` overlays.
 */
function overlappingPairs(
  parts: readonly Polygons[],
  index: DistrictIndex,
  kernel: ClipKernel,
  pieces: ReturnType<typeof bySize>,
): { pairs: OverlappingPair[]; more: boolean } {
  const pairs: OverlappingPair[] = [];
  const named = new Set<string>();
  let budget = MAX_NAMING_OVERLAYS;
  const overlaps = (a: Polygons, b: Polygons) => {
    budget--;
    return ellipsoidalArea(kernel.intersection(a, b, { cutToWindow: true }));
  };
  for (const { piece } of pieces) {
    if (!index.tree) break;
    const region = [piece];
    const [minX, minY, maxX, maxY] = extentBox(region);
    const near = index.tree
      .search(minX, minY, maxX, maxY)
      .map((k) => index.items[k] as number)
      .sort((a, b) => a - b);
    const covering: number[] = [];
    for (const k of near) {
      if (budget <= 0) return { pairs, more: true };
      if (overlaps(region, parts[k] as Polygons) <= 0) continue;
      for (const other of covering) {
        const key = `${other} ${k}`;
        if (named.has(key) || budget <= 0) continue;
        named.add(key);
        const m2 = overlaps(parts[other] as Polygons, parts[k] as Polygons);
        if (m2 <= 0) continue;
        pairs.push({ i: other, j: k, m2 });
        if (pairs.length > NAMED_PAIRS) return { pairs, more: true };
      }
      covering.push(k);
    }
  }
  return { pairs, more: false };
}

function overlapIssue(
  admin: AdminBoundaries,
  parts: readonly Polygons[],
  index: DistrictIndex,
  kernel: ClipKernel,
  measure: TilingMeasure,
  share: number,
  files: Files,
): ValidationIssue {
  // Only on failure: where the districts overlap, and the first few pairs there.
  const pieces = bySize(kernel.coveredTwice(parts));
  const { pairs, more } = overlappingPairs(parts, index, kernel, pieces);
  const name = (k: number) => unitName(admin.districts.features[k] as DistrictFeature);
  const list = pairs
    .slice(0, NAMED_PAIRS)
    .sort((a, b) => b.m2 - a.m2)
    .map((pair) => `${name(pair.i)} × ${name(pair.j)} ${km2(pair.m2)}`)
    .join(", ");
  const largest = pieces[0]?.piece;
  const at = largest ? placeOf(largest) : null;
  const where = {
    vi: `${list}${more ? " và có thể còn nữa" : ""}${at ? `${list ? "; " : ""}chỗ chồng lớn nhất quanh ${at} (kinh độ, vĩ độ)` : ""}`,
    en: `${list}${more ? " and perhaps more" : ""}${at ? `${list ? "; " : ""}the largest overlap around ${at} (lon, lat)` : ""}`,
  };
  return issueIn(files.districts, null, "district-tiling", {
    vi: `các quận, huyện chồng lên nhau ${km2(measure.overlapM2)} (${percent(share)} diện tích thành phố), cho phép tối đa ${percent(TILING_TOLERANCES.overlap)}: ${where.vi}; mỗi điểm của thành phố phải thuộc đúng một đơn vị — hãy sửa hoặc bỏ đơn vị bị lặp`,
    en: `the districts overlap by ${km2(measure.overlapM2)} (${percent(share)} of the city's area), at most ${percent(TILING_TOLERANCES.overlap)} allowed: ${where.en}; every point of the city must lie in exactly one unit — fix or drop the repeated unit`,
  });
}

/** A bounding box: west, south, east, north. */
export type Box = [number, number, number, number];

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

/**
 * Whether the districts can be the city's: for a province `expected` lists, exactly its units
 * (missing ones named, unknown codes flagged); for any province, that they tile its boundary —
 * gaps, parts outside and overlaps each within `TILING_TOLERANCES` of the city's area. Returns
 * errors naming the files, what is wrong, where, and what to do; none when the data is sound.
 *
 * A district file with codes the province does not have is the wrong file (another province,
 * another reform): the tiling is then not measured, it would only say so again, at the cost of
 * overlays of thousands of unknown shapes. With units only missing, it is: it says where the hole
 * is.
 */
export function checkDistrictTiling(
  admin: AdminBoundaries,
  files: Files,
  expected: ExpectedDistricts,
  kernel: ClipKernel = createClipperKernel(),
): ValidationIssue[] {
  const issues = countIssues(admin, files, expected);
  if (issues.some((issue) => issue.code === "unexpected-district")) return issues;
  const parts = admin.districts.features.map((feature) => polygonsOf(feature.geometry));
  const boundary = admin.boundary.features.flatMap((feature) => polygonsOf(feature.geometry));
  const index = indexDistricts(parts);
  const measure = measureTiling(parts, boundary, kernel, index);
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
    issues.push(overlapIssue(admin, parts, index, kernel, measure, shares.overlap, files));
  }
  return issues;
}
