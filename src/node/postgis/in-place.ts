import type { Feature, FeatureCollection } from "geojson";
import type { ClientBase } from "pg";
import type { PostgisTable } from "../../core/catalog/schema";
import { madeValid } from "../../core/check/sql/fragments";
import { quoteIdent, quoteRelation } from "../../core/check/sql/query";
import { CheckInputError, errorLine } from "../check-error";
import { indexLayer, type LayerUse, layerRelation } from "./load-layers";

/** A table checked in place: its working relation and its features' ids and properties. */
export type AttachedTable = { relation: string; collection: FeatureCollection };

/** The error naming a `postgis:` source that is no table with a geometry column. */
function noTable(catalog: string, id: string, source: string): CheckInputError {
  return new CheckInputError([
    errorLine(catalog, {
      vi: `lớp "${id}": không có bảng ${source} có cột hình học (geometry) trong cơ sở dữ liệu; kiểm tra tên lược đồ và bảng, hoặc quyền đọc`,
      en: `layer "${id}": no table ${source} with a geometry column in the database; check the schema and table names, or the right to read it`,
    }),
  ]);
}

/**
 * Makes a layer kept in a PostGIS table the run's working relation of that layer, inside the
 * database (no row leaves it but ids and properties): features numbered by the table's `id` column
 * when it has one (else by physical order), the id as text, the other columns as properties, the
 * geometry in WGS84 (transformed from the table's SRID; SRID 0 is taken as WGS84), its polygonal
 * part, GiST indexes; no area (the queries measure a kept subject's: no row leaves the database to
 * be measured in JS). Names are quoted; the geometry column's name travels as a parameter where
 * it is a value.
 *
 * @throws CheckInputError when the table or its geometry column is not there
 */
export async function attachTable(
  client: ClientBase,
  catalog: string,
  id: string,
  source: string,
  table: PostgisTable,
  use: LayerUse,
): Promise<AttachedTable> {
  const found = await client.query<{ schema: string; column: string; id: boolean }>(
    `SELECT g.f_table_schema AS schema, g.f_geometry_column AS column,
       EXISTS (SELECT 1 FROM information_schema.columns c WHERE c.table_schema = g.f_table_schema
         AND c.table_name = g.f_table_name AND c.column_name = 'id') AS id
     FROM geometry_columns g
     WHERE g.f_table_name = $2 AND g.f_table_schema = coalesce($1, current_schema())
     ORDER BY g.f_geometry_column LIMIT 1`,
    [table.schema, table.table],
  );
  const row = found.rows[0];
  if (!row) throw noTable(catalog, id, source);
  const relation = layerRelation(id);
  const from = quoteRelation(row.schema, table.table);
  const geom = `t.${quoteIdent(row.column)}`;
  const order = row.id ? "t.id" : "t.ctid";
  const fid = row.id ? "t.id::text" : "(row_number() OVER (ORDER BY t.ctid) - 1)::text";
  await client.query(
    `CREATE TEMP TABLE ${relation} (idx int, fid text, props jsonb, geom geometry, geom_err text, bad_count int, poly geometry, raw_poly geometry, area float8)`,
  );
  await client.query(
    `INSERT INTO ${relation}
SELECT (row_number() OVER (ORDER BY ${order}) - 1)::int, ${fid}, to_jsonb(t) - $1::text, g.geom, NULL, 0,
  v.poly, v.raw_poly, NULL
FROM ${from} t
CROSS JOIN LATERAL (SELECT CASE WHEN ST_SRID(${geom}) = 0 THEN ST_SetSRID(ST_Force2D(${geom}), 4326)
  ELSE ST_Transform(ST_Force2D(${geom}), 4326) END AS geom) g
CROSS JOIN LATERAL (SELECT CASE WHEN ST_Dimension(g.geom) = 2 THEN ST_Multi(ST_CollectionExtract(g.geom, 3)) END AS poly OFFSET 0) p
CROSS JOIN LATERAL ${madeValid("p.poly")} v`,
    [row.column],
  );
  await indexLayer(client, relation, use);
  const rows = await client.query<{ fid: string; props: Record<string, unknown> }>(
    `SELECT fid, props FROM ${relation} ORDER BY idx`,
  );
  const features: Feature[] = rows.rows.map((r) => ({
    type: "Feature",
    id: r.fid,
    properties: r.props,
    geometry: null as unknown as Feature["geometry"],
  }));
  return { relation, collection: { type: "FeatureCollection", features } };
}

/** A district layer kept in a table, read whole (a few dozen polygons) as GeoJSON features. */
export async function readTableFeatures(
  client: ClientBase,
  catalog: string,
  id: string,
  source: string,
  table: PostgisTable,
): Promise<FeatureCollection> {
  const found = await client.query<{ schema: string; column: string }>(
    `SELECT f_table_schema AS schema, f_geometry_column AS column FROM geometry_columns
     WHERE f_table_name = $2 AND f_table_schema = coalesce($1, current_schema())
     ORDER BY f_geometry_column LIMIT 1`,
    [table.schema, table.table],
  );
  const row = found.rows[0];
  if (!row) throw noTable(catalog, id, source);
  const geom = `t.${quoteIdent(row.column)}`;
  const rows = await client.query<{ props: Record<string, unknown>; gj: string | null }>(
    `SELECT to_jsonb(t) - $1::text AS props,
       ST_AsGeoJSON(CASE WHEN ST_SRID(${geom}) = 0 THEN ${geom} ELSE ST_Transform(${geom}, 4326) END) AS gj
     FROM ${quoteRelation(row.schema, table.table)} t`,
    [row.column],
  );
  return {
    type: "FeatureCollection",
    features: rows.rows.map((r) => ({
      type: "Feature",
      properties: r.props,
      geometry: r.gj ? JSON.parse(r.gj) : null,
    })),
  };
}
