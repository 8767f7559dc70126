/** What the file itself says about its coordinates (P2 decides the CRS from it). */
export type CrsEvidence =
  | { kind: "prj"; wkt: string } // Shapefile .prj (ESRI or OGC WKT)
  | { kind: "epsg"; code: number; from: "gpkg" | "fgb" | "geojson-crs" }
  | { kind: "wkt"; wkt: string; from: "gpkg" | "fgb" } // an SRS given as WKT only
  | { kind: "wgs84"; from: "kml" | "geojson-spec" } // formats defined as lon/lat WGS84
  | { kind: "none" };
