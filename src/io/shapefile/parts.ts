/** A Shapefile's parts; the reader uses .shp, .dbf, .prj and .cpg (.shx indexes the .shp only). */
export const SHAPEFILE_PARTS = ["shp", "shx", "dbf", "prj", "cpg"] as const;
