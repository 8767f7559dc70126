import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import type { DistrictType } from "./district-type";

/** Properties of a district-level unit, as in the official data set (GSO codes keep leading zeros). */
export type DistrictProperties = {
  /** GSO district code, e.g. "001". */
  code: string;
  /** Official name with its type prefix, e.g. "Quận Ba Đình". */
  name: string;
  type: DistrictType;
  /** GSO province code, e.g. "01". */
  province_code: string;
};

/** A district as written to data/hanoi-districts.fgb: with its geodesic area. */
export type DistrictOutputProperties = DistrictProperties & {
  /** Geodesic area on the WGS84 ellipsoid, km². */
  area_km2: number;
};

export type BoundaryProperties = { code: string; name: string };

/** A polygonal geometry as GeoJSON writes it. */
export type AreaGeometry = Polygon | MultiPolygon;
export type DistrictFeature = Feature<AreaGeometry, DistrictProperties>;
export type BoundaryFeature = Feature<AreaGeometry, BoundaryProperties>;

/** A province's district-level units and its outer boundary, in WGS84 lon/lat. */
export type AdminBoundaries = {
  districts: FeatureCollection<AreaGeometry, DistrictProperties>;
  boundary: FeatureCollection<AreaGeometry, BoundaryProperties>;
};
