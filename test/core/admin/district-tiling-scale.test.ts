import { describe, expect, it } from "vitest";
import { checkDistrictTiling, measureTiling } from "../../../src/core/admin/district-tiling";
import type { ExpectedDistricts } from "../../../src/core/admin/expected-districts";
import type { AdminBoundaries, DistrictFeature } from "../../../src/core/admin/types";
import { type ClipKernel, createClipperKernel } from "../../../src/core/check/kernel";
import type { Polygons } from "../../../src/core/check/types";

/**
 * District files a mistake or a hostile hand could produce, made here: before, the tiling check
 * overlaid every pair of districts whose boxes met to name the overlapping ones (3,000 copies of
 * one square: 4.5 million overlays, 96 s and 2.8 GB in `npm run data`) and unioned all districts
 * in one overlay (its cost the square of how many are stacked), even after the count check had
 * already found the file was not the province's.
 */

const FILES = { districts: "d.geojson", boundary: "b.geojson" };
/** A hang guard: each case takes well under a second to a few seconds. */
const HANG_GUARD = { timeout: 60_000 };

/** The small fixture's box: 105.0–105.3 E, 21.0–21.2 N. */
const box = (x0: number, y0: number, x1: number, y1: number): Polygons => [
  [
    [
      [x0, y0],
      [x1, y0],
      [x1, y1],
      [x0, y1],
      [x0, y0],
    ],
  ],
];
const CITY = box(105.0, 21.0, 105.3, 21.2);

const district = (code: string, parts: Polygons): DistrictFeature => ({
  type: "Feature",
  id: code,
  properties: { code, name: `Quận ${code}`, type: "Quận", province_code: "99" },
  geometry: { type: "MultiPolygon", coordinates: parts },
});

function admin(districts: DistrictFeature[]): AdminBoundaries {
  return {
    districts: { type: "FeatureCollection", features: districts },
    boundary: {
      type: "FeatureCollection",
      features: [
        {
          type: "Feature",
          properties: { code: "99", name: "Tỉnh Thử Nghiệm" },
          geometry: { type: "Polygon", coordinates: CITY[0] as Polygons[number] },
        },
      ],
    },
  };
}

/** `count` copies of the whole city box, codes 1000, 1001, … */
const stacked = (count: number) =>
  Array.from({ length: count }, (_, i) => district(String(1000 + i), CITY));

/** A `cols` × `rows` grid of cells tiling the city box exactly, codes 10000, 10001, … */
function grid(cols: number, rows: number): DistrictFeature[] {
  const x = (i: number) => Number((105.0 + (0.3 * i) / cols).toFixed(9));
  const y = (j: number) => Number((21.0 + (0.2 * j) / rows).toFixed(9));
  const cells: DistrictFeature[] = [];
  for (let j = 0; j < rows; j++) {
    for (let i = 0; i < cols; i++) {
      cells.push(district(String(10000 + cells.length), box(x(i), y(j), x(i + 1), y(j + 1))));
    }
  }
  return cells;
}

/** The kernel the check uses, counting its overlays and the most polygons one union was given. */
function countingKernel() {
  const inner = createClipperKernel();
  const counts = { intersections: 0, differences: 0, largestUnion: 0 };
  const kernel: ClipKernel = {
    ...inner,
    intersection(a, b, hint) {
      counts.intersections++;
      return inner.intersection(a, b, hint);
    },
    difference(a, others) {
      counts.differences++;
      if (others.length === 0) counts.largestUnion = Math.max(counts.largestUnion, a.length);
      return inner.difference(a, others);
    },
  };
  return { kernel, counts };
}

describe("checkDistrictTiling on many overlapping districts: a clear answer, quickly", () => {
  it(
    "3,000 copies of the city: names the first pairs and where, after a handful of overlays",
    HANG_GUARD,
    () => {
      const { kernel, counts } = countingKernel();
      const issues = checkDistrictTiling(admin(stacked(3000)), FILES, new Map(), kernel);
      expect(issues.map((issue) => issue.code)).toEqual(["district-tiling"]);
      const { en, vi } = issues[0]?.message ?? { en: "", vi: "" };
      expect(en).toMatch(
        /^the districts overlap by 2069\d{3}\.\d km² \(299900\.0 % of the city's area\), at most 0\.01 % allowed: 1000 Quận 1000 × 1001 Quận 1001 690\.\d km², (\d{4} Quận \d{4} × \d{4} Quận \d{4} 690\.\d km², ){3}\d{4} Quận \d{4} × \d{4} Quận \d{4} 690\.\d km² and perhaps more; the largest overlap around 105\.1\d\d, 21\.1\d\d \(lon, lat\); every point/,
      );
      expect(vi).toMatch(
        /690\.\d km² và có thể còn nữa; chỗ chồng lớn nhất quanh 105\.1\d\d, 21\.1\d\d/,
      );
      // Before: 4,498,500 pair overlays. Now 4 districts checked against the overlap, 6 pairs.
      expect(counts.intersections).toBeGreaterThan(0);
      expect(counts.intersections).toBeLessThanOrEqual(20);
    },
  );

  it(
    "unions in halves: no overlay is given more than a few dozen stacked districts",
    HANG_GUARD,
    () => {
      const { kernel, counts } = countingKernel();
      const measure = measureTiling(
        stacked(3000).map((feature) => feature.geometry.coordinates as Polygons),
        CITY,
        kernel,
      );
      expect(measure.gapM2).toBe(0);
      expect(measure.outsideM2).toBe(0);
      expect(measure.overlapM2 / measure.boundaryM2).toBeCloseTo(2999, 6);
      // Before: one overlay of all 3,000 (8.9 s); its cost grows with the square of the stack.
      expect(counts.largestUnion).toBeGreaterThan(0);
      expect(counts.largestUnion).toBeLessThanOrEqual(64);
    },
  );

  it(
    "a tiling of 2,500 cells with one cell repeated: names that pair and where it is",
    HANG_GUARD,
    () => {
      const cells = grid(50, 50);
      const copy = district("99999", cells[1234]?.geometry.coordinates as Polygons);
      const { kernel, counts } = countingKernel();
      const issues = checkDistrictTiling(admin([...cells, copy]), FILES, new Map(), kernel);
      expect(issues.map((issue) => issue.code)).toEqual(["district-tiling"]);
      // cell 1234 is column 34, row 24: 105.204–105.210 E, 21.096–21.100 N
      expect(issues[0]?.message.en).toMatch(
        /at most 0\.01 % allowed: 11234 Quận 11234 × 99999 Quận 99999 0\.\d+ km²; the largest overlap around 105\.20\d, 21\.09\d \(lon, lat\); every point/,
      );
      // Before: every pair of neighbouring cells was overlaid (some 10,000); now those near the overlap.
      expect(counts.intersections).toBeGreaterThan(0);
      expect(counts.intersections).toBeLessThanOrEqual(20);
    },
  );

  it(
    "stops at the count check when the file has codes the province does not have",
    HANG_GUARD,
    () => {
      const expected: ExpectedDistricts = new Map([["99", [{ code: "901", name: "Quận Một" }]]]);
      const { kernel, counts } = countingKernel();
      const issues = checkDistrictTiling(admin(stacked(3000)), FILES, expected, kernel);
      const codes = issues.map((issue) => issue.code);
      expect(codes[0]).toBe("missing-district");
      expect(codes.slice(1)).toEqual(Array(3000).fill("unexpected-district"));
      // The tiling would only say again that this is not the province's file.
      expect(counts).toEqual({ intersections: 0, differences: 0, largestUnion: 0 });
    },
  );
});
