/** The part of shpjs (no types of its own) the Shapefile reader uses. */
declare module "shpjs" {
  import type { Geometry } from "geojson";
  /**
   * Parses a whole .shp: its 100-byte header and records. `prj`, when given, makes it reproject
   * (never used: the CRS is decided elsewhere).
   */
  export function parseShp(
    shp: DataView | Uint8Array | ArrayBuffer,
    prj?: string,
  ): (Geometry | null)[];
}
