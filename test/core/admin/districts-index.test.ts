import { bbox, booleanPointInPolygon } from "@turf/turf";
import type { Feature, FeatureCollection } from "geojson";
import { describe, expect, it } from "vitest";
import { buildDistrictsIndex, withAreas } from "../../../src/core/admin/districts-index";
import { labelPoint } from "../../../src/core/admin/label-point";
import { readDistricts } from "../../../src/core/admin/read-admin-geojson";
import type { AreaGeometry } from "../../../src/core/admin/types";
import { geodesicArea } from "../../../src/core/geo/geodesic-area";
import { readAdminFixture, readSharedJson } from "./shared-data";

function hanoiDistricts() {
  const reference = readSharedJson("hanoi-districts.geojson") as FeatureCollection;
  const { value } = readDistricts(reference, "hanoi-districts.geojson", null);
  if (!value) throw new Error("reference districts did not read");
  return value;
}

describe("withAreas", () => {
  // The official figure is ≈3,358 km²; the data README's 3,367 km² is Turf's spherical area,
  // 0.28 % high at this latitude.
  it("adds the geodesic area in km²; Hà Nội's 30 districts total about 3,358 km²", () => {
    const districts = withAreas(hanoiDistricts());
    for (const feature of districts.features) {
      expect(feature.properties.area_km2).toBeCloseTo(geodesicArea(feature) / 1e6, 6);
    }
    const total = districts.features.reduce((sum, f) => sum + f.properties.area_km2, 0);
    expect(total).toBeGreaterThan(3357);
    expect(total).toBeLessThan(3359);
  });
});

describe("buildDistrictsIndex", () => {
  it("lists every district by code with its area, bbox and a label point inside it", () => {
    const districts = withAreas(hanoiDistricts());
    const index = buildDistrictsIndex(districts, "2025-01-01T00:00:00.000Z");
    expect(index.generatedAt).toBe("2025-01-01T00:00:00.000Z");
    expect(index.districts.map((entry) => entry.code)).toEqual(
      districts.features.map((feature) => feature.properties.code).sort(),
    );
    for (const entry of index.districts) {
      const feature = districts.features.find((f) => f.properties.code === entry.code);
      if (!feature) throw new Error(entry.code);
      expect(entry.name).toBe(feature.properties.name);
      expect(entry.type).toBe(feature.properties.type);
      expect(entry.areaKm2).toBe(feature.properties.area_km2);
      expect(entry.bbox).toEqual(bbox(feature));
      expect(booleanPointInPolygon(entry.center, feature)).toBe(true);
    }
    const baDinh = index.districts.find((entry) => entry.code === "001");
    expect(baDinh?.type).toBe("Quận");
    expect(baDinh?.areaKm2).toBeGreaterThan(9);
    expect(baDinh?.areaKm2).toBeLessThan(10);
  });
});

describe("labelPoint", () => {
  it("moves the label of a U-shaped district from its empty middle into an arm", () => {
    const fixture = readAdminFixture("crescent.geojson") as FeatureCollection<AreaGeometry>;
    const feature = fixture.features[0] as Feature<AreaGeometry>;
    const point = labelPoint(feature);
    expect(booleanPointInPolygon(point, feature, { ignoreBoundary: true })).toBe(true);
    expect(point[0]).toBeCloseTo(105.025, 6);
  });
});
