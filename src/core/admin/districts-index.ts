import { bbox } from "@turf/turf";
import type { FeatureCollection } from "geojson";
import { geodesicArea } from "../geo/geodesic-area";
import { labelPoint } from "./label-point";
import type { AreaGeometry, DistrictOutputProperties, DistrictProperties } from "./types";

/** One line of data/districts-index.json, for search, zoom-to and labels without the geometry. */
export type DistrictIndexEntry = {
  code: string;
  name: string;
  type: string;
  /** Geodesic area on the WGS84 ellipsoid, km². */
  areaKm2: number;
  /** [west, south, east, north], degrees. */
  bbox: [number, number, number, number];
  /** A point inside the district for its label, [lon, lat]. */
  center: [number, number];
};

export type DistrictsIndex = { generatedAt: string; districts: DistrictIndexEntry[] };

/** Rounds to `digits` decimals; 6 decimals of a degree are ~0.1 m, of a km² 1 m². */
const round = (value: number, digits: number) => {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
};

/**
 * Adds `area_km2` (geodesic, WGS84 ellipsoid, rounded to 1 m²) to every district, for the
 * FlatGeobuf output.
 */
export function withAreas(
  districts: FeatureCollection<AreaGeometry, DistrictProperties>,
): FeatureCollection<AreaGeometry, DistrictOutputProperties> {
  return {
    type: "FeatureCollection",
    features: districts.features.map((feature) => ({
      ...feature,
      properties: { ...feature.properties, area_km2: round(geodesicArea(feature) / 1e6, 6) },
    })),
  };
}

/**
 * The district index: code, name, type, area, bbox and a label point per district, sorted by
 * code. `generatedAt` is passed in so the output is reproducible in tests.
 */
export function buildDistrictsIndex(
  districts: FeatureCollection<AreaGeometry, DistrictOutputProperties>,
  generatedAt: string,
): DistrictsIndex {
  const entries = districts.features.map((feature): DistrictIndexEntry => {
    const [west, south, east, north] = bbox(feature) as [number, number, number, number];
    const [lon, lat] = labelPoint(feature) as [number, number];
    return {
      code: feature.properties.code,
      name: feature.properties.name,
      type: feature.properties.type,
      areaKm2: feature.properties.area_km2,
      bbox: [west, south, east, north],
      center: [round(lon, 6), round(lat, 6)],
    };
  });
  entries.sort((a, b) => a.code.localeCompare(b.code));
  return { generatedAt, districts: entries };
}
