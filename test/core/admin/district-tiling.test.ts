import { existsSync } from "node:fs";
import type { FeatureCollection } from "geojson";
import { describe, expect, it } from "vitest";
import {
  checkDistrictTiling,
  measureTiling,
  TILING_TOLERANCES,
} from "../../../src/core/admin/district-tiling";
import {
  EXPECTED_DISTRICTS,
  type ExpectedDistricts,
  HANOI_DISTRICTS,
} from "../../../src/core/admin/expected-districts";
import { readBoundary, readDistricts } from "../../../src/core/admin/read-admin-geojson";
import type { AdminBoundaries, DistrictFeature } from "../../../src/core/admin/types";
import { polygonsOf } from "../../../src/core/check/prepared-geometry";
import { readAdminFixture, readSharedJson, SHARED_ADMIN_DIR } from "./shared-data";

const FILES = { districts: "d.geojson", boundary: "b.geojson" };
const hasShared = existsSync(`${SHARED_ADMIN_DIR}hanoi-districts.geojson`);

function read(districts: unknown, boundary: unknown): AdminBoundaries {
  const b = readBoundary(boundary as FeatureCollection, FILES.boundary).value;
  const d = readDistricts(districts as FeatureCollection, FILES.districts, null).value;
  if (!b || !d) throw new Error("fixture did not read");
  return { districts: d, boundary: b };
}

/** The small fixture: province "99", three districts tiling a 0.3° × 0.2° box exactly. */
const small = () =>
  read(
    readAdminFixture("small-source/hanoi-districts.geojson"),
    readAdminFixture("small-source/hanoi-boundary.geojson"),
  );
const hanoi = () =>
  read(readSharedJson("hanoi-districts.geojson"), readSharedJson("hanoi-boundary.geojson"));

/** What the small fixture's data set must hold, declared as a test of a small source does. */
const SMALL_EXPECTED: ExpectedDistricts = new Map([
  [
    "99",
    [
      { code: "901", name: "Quận Trung Tâm" },
      { code: "902", name: "Huyện Ven Sông" },
      { code: "903", name: "Thị xã Đồi Núi" },
    ],
  ],
]);

const shifted = (feature: DistrictFeature, dLon: number, dLat = 0): DistrictFeature => ({
  ...feature,
  geometry: {
    type: "MultiPolygon",
    coordinates: polygonsOf(feature.geometry).map((part) =>
      part.map((ring) => ring.map(([x, y]) => [(x as number) + dLon, (y as number) + dLat])),
    ),
  },
});

const without = (admin: AdminBoundaries, code: string): AdminBoundaries => ({
  ...admin,
  districts: {
    ...admin.districts,
    features: admin.districts.features.filter((f) => f.properties.code !== code),
  },
});

const mapDistricts = (
  admin: AdminBoundaries,
  change: (feature: DistrictFeature) => DistrictFeature,
): AdminBoundaries => ({
  ...admin,
  districts: { ...admin.districts, features: admin.districts.features.map(change) },
});

const messages = (admin: AdminBoundaries, expected: ExpectedDistricts = EXPECTED_DISTRICTS) =>
  checkDistrictTiling(admin, FILES, expected).map((issue) => ({
    code: issue.code,
    index: issue.featureIndex,
    en: issue.message.en,
    vi: issue.message.vi,
  }));

describe("checkDistrictTiling on small sources", () => {
  it("accepts districts that tile the boundary; a province it does not know is checked for tiling only", () => {
    expect(checkDistrictTiling(small(), FILES, EXPECTED_DISTRICTS)).toEqual([]);
    expect(checkDistrictTiling(small(), FILES, SMALL_EXPECTED)).toEqual([]);
  });

  it("refuses a missing district: named when the province's units are declared, a gap either way", () => {
    const two = without(small(), "903");
    const declared = messages(two, SMALL_EXPECTED);
    expect(declared.map((m) => m.code)).toEqual(["missing-district", "district-tiling"]);
    expect(declared[0]?.en).toBe(
      "has 2 district-level units, missing 1 of the 3 of province 99: 903 Thị xã Đồi Núi; use the complete file of the data set (boundaries before 1 July 2025)",
    );
    expect(declared[0]?.vi).toContain("thiếu 1 trong 3 đơn vị của tỉnh/thành phố mã 99");
    // 903 is the northern half of the box: half the city lies in no district, around its middle.
    expect(declared[1]?.en).toMatch(
      /^the districts do not cover the boundary of b\.geojson: \d+\.\d km² \(50\.\d % of the city's area\) lie in no district, the largest piece around 105\.150, 21\.150 \(lon, lat\), at most 0\.01 % allowed; use the complete district file/,
    );
    expect(messages(two).map((m) => m.code)).toEqual(["district-tiling"]);
  });

  it("flags a code the province does not have, by feature", () => {
    const renamed = mapDistricts(small(), (f) =>
      f.properties.code === "902" ? { ...f, properties: { ...f.properties, code: "999" } } : f,
    );
    const found = messages(renamed, SMALL_EXPECTED);
    expect(found.map((m) => [m.code, m.index])).toEqual([
      ["missing-district", null],
      ["unexpected-district", 1],
    ]);
    expect(found[1]?.en).toContain('code "999" is not one of the 3 district-level units');
  });

  it("refuses districts shifted by 1°: nothing covered, everything outside, both extents given", () => {
    const found = messages(mapDistricts(small(), (f) => shifted(f, 1)));
    expect(found.map((m) => m.code)).toEqual(["district-tiling", "district-tiling"]);
    expect(found[0]?.en).toContain("(100.0 % of the city's area) lie in no district");
    expect(found[1]?.en).toMatch(
      /^\d+\.\d km² \(100\.0 % of the city's area\) of the districts lie outside the boundary of b\.geojson, at most 0\.01 % allowed; most: 90\d .* 100\.0 %, .*The districts span 106\.000–106\.300 E, 21\.000–21\.200 N, the boundary 105\.000–105\.300 E, 21\.000–21\.200 N/,
    );
  });

  it("refuses districts that overlap, naming the pairs", () => {
    const admin = small();
    const copy = { ...admin.districts.features[0], id: "904" } as DistrictFeature;
    copy.properties = { ...copy.properties, code: "904", name: "Quận Bản Sao" };
    const doubled = {
      ...admin,
      districts: { ...admin.districts, features: [...admin.districts.features, copy] },
    };
    const found = messages(doubled);
    expect(found.map((m) => m.code)).toEqual(["district-tiling"]);
    expect(found[0]?.en).toMatch(
      /^the districts overlap by 1\d\d\.\d km² \(\d+\.\d % of the city's area\), at most 0\.01 % allowed: 901 Quận Trung Tâm × 904 Quận Bản Sao 1\d\d\.\d km²; the largest overlap around 105\.0\d\d, 21\.0\d\d \(lon, lat\); every point/,
    );
  });
});

describe.skipIf(!hasShared)("checkDistrictTiling on the official Hà Nội data (../shared)", () => {
  it("lists the same 30 units as the data set", () => {
    const codes = hanoi().districts.features.map((f) => [f.properties.code, f.properties.name]);
    expect(HANOI_DISTRICTS.map((unit) => [unit.code, unit.name])).toEqual(codes);
    expect(EXPECTED_DISTRICTS.get("01")).toHaveLength(30);
  });

  it("passes the 30 districts; gaps, outside parts and overlaps are far below the tolerances", () => {
    const admin = hanoi();
    expect(checkDistrictTiling(admin, FILES, EXPECTED_DISTRICTS)).toEqual([]);
    const measure = measureTiling(
      admin.districts.features.map((f) => polygonsOf(f.geometry)),
      polygonsOf(admin.boundary.features[0]?.geometry as never),
    );
    // Measured: 3,357.80 km², gaps 29.5 m² in 4 slivers, 0.13 m² outside, no overlap.
    expect(measure.boundaryM2 / 1e6).toBeCloseTo(3357.8, 1);
    expect(measure.gapM2).toBeGreaterThan(1);
    expect(measure.gapM2).toBeLessThan(100);
    expect(measure.outsideM2).toBeLessThan(1);
    expect(measure.overlapM2).toBeLessThan(1);
    expect(measure.gapM2 / measure.boundaryM2).toBeLessThan(TILING_TOLERANCES.gap / 1000);
  });

  it("refuses 29 districts, naming the missing one and where the hole is", () => {
    const found = messages(without(hanoi(), "250"));
    expect(found.map((m) => m.code)).toEqual(["missing-district", "district-tiling"]);
    expect(found[0]?.en).toContain(
      "has 29 district-level units, missing 1 of the 30 of province 01: 250 Huyện Mê Linh",
    );
    expect(found[1]?.en).toMatch(
      /^the districts do not cover the boundary .*: 14\d\.\d km² \(4\.\d %/,
    );
  });

  it("refuses the districts moved by 1° and by 0.001° (about 100 m)", () => {
    expect(messages(mapDistricts(hanoi(), (f) => shifted(f, 1))).map((m) => m.code)).toEqual([
      "district-tiling",
      "district-tiling",
    ]);
    const nudged = messages(mapDistricts(hanoi(), (f) => shifted(f, 0, 0.001)));
    expect(nudged.map((m) => m.code)).toEqual(["district-tiling", "district-tiling"]);
    expect(nudged[1]?.en).toMatch(/of the districts lie outside the boundary/);
  });
});
