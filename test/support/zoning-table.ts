import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { FeatureCollection } from "geojson";

/**
 * SQL creating `plans.zoning` (id, land_use_code, name, geom) from the zoning layer of the CLI's
 * basic fixture copied under `root` (`scratchCopy`): the layer as a table of its own, for a catalogue
 * source `postgis:plans.zoning` checked in place.
 */
export function zoningTableSql(root: string): string {
  const zoning = JSON.parse(
    readFileSync(join(root, "basic", "layers", "city", "zoning.geojson"), "utf8"),
  ) as FeatureCollection;
  const rows = zoning.features.map((f) => {
    const text = (v: unknown) => `'${String(v).replaceAll("'", "''")}'`;
    const p = f.properties ?? {};
    return `(${text(f.id)}, ${text(p.land_use_code)}, ${text(p.name)}, ST_SetSRID(ST_GeomFromGeoJSON(${text(JSON.stringify(f.geometry))}), 4326))`;
  });
  return `CREATE SCHEMA plans;
       CREATE TABLE plans.zoning (id text, land_use_code text, name text, geom geometry(Polygon, 4326));
       INSERT INTO plans.zoning VALUES ${rows.join(", ")};`;
}
