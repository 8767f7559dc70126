import type { Feature } from "geojson";
import type { ClientBase } from "pg";
import type { DistrictIndex } from "../../core/check/district-index";
import type { LayerUse } from "../../core/check/sql/context";
import { madeValid } from "../../core/check/sql/fragments";
import { quoteIdent } from "../../core/check/sql/query";
import { copyRows } from "./copy-rows";
import { layerRows, preparedPolygonText } from "./layer-rows";

/** How a layer is read by the rules (each rule type's `RuleSql.layerUse` says what it needs). */
export type { LayerUse };

/** The working relation of a layer: a temporary table of the session (gone when it ends). */
export const layerRelation = (id: string) => quoteIdent(`pl_layer_${id}`);

/** The working relation of the district layer. */
export const DISTRICT_RELATION = quoteIdent("pl_districts");

/** GiST indexes on a working relation, then fresh statistics for the planner. */
export async function indexLayer(client: ClientBase, relation: string, use: LayerUse) {
  await client.query(`ALTER TABLE ${relation} ADD PRIMARY KEY (idx)`);
  await client.query(`CREATE INDEX ON ${relation} USING gist (poly)`);
  if (use.geography)
    await client.query(`CREATE INDEX ON ${relation} USING gist ((geom::geography))`);
  await client.query(`ANALYZE ${relation}`);
}

/**
 * Loads a layer read by the project's readers into its working relation by COPY (idx, fid, props,
 * geom, geom_err, bad_count, poly, area; see `core/check/sql/context.ts`), and indexes it. The
 * features are encoded one at a time as the COPY takes them (`layerRows`): a layer read whole and a
 * streamed one (`readStreamedLayer`: each geometry read from the file when its row is made) go the
 * same way, and the rows of a streamed layer reach the server while its file is read, never all
 * held. The geometry as written is
 * parsed by PostGIS only where it is needed; a geometry PostGIS cannot read keeps its reason in
 * `geom_err`; `area` is given for the features `measured` keeps (default all). Needs the run's
 * functions (`sqlFunctions`).
 */
export async function loadLayer(
  client: ClientBase,
  id: string,
  features: Iterable<Feature>,
  use: LayerUse,
  measured?: (index: number) => boolean,
): Promise<string> {
  const relation = layerRelation(id);
  const staging = quoteIdent(`pl_stage_${id}`);
  await client.query(
    `CREATE TEMP TABLE ${staging} (idx int, fid text, props jsonb, gj text, pj text, bad text, bad_count int, area float8)`,
  );
  await copyRows(
    client,
    staging,
    ["idx", "fid", "props", "gj", "pj", "bad", "bad_count", "area"],
    layerRows(features, use.raw, measured),
  );
  await client.query(`CREATE TEMP TABLE ${relation} AS
SELECT t.idx, t.fid, t.props, CASE WHEN t.gj IS NULL THEN p.poly ELSE g.g END AS geom,
  coalesce(t.bad, g.err) AS geom_err, t.bad_count, v.poly, v.raw_poly,
  CASE WHEN v.raw_poly IS NULL THEN t.area END AS area
FROM ${staging} t
CROSS JOIN LATERAL (SELECT ST_SetSRID(ST_GeomFromGeoJSON(t.pj), 4326) AS poly OFFSET 0) p
CROSS JOIN LATERAL ${madeValid("p.poly")} v
CROSS JOIN LATERAL (
  SELECT r.g, r.err FROM pg_temp.pl_geom(t.gj) r WHERE t.gj IS NOT NULL
  UNION ALL SELECT NULL::geometry, NULL::text WHERE t.gj IS NULL
) g`);
  await client.query(`DROP TABLE ${staging}`);
  await indexLayer(client, relation, use);
  return relation;
}

/** Loads the district index's polygons (code, poly) and indexes them; returns the relation. */
export async function loadDistricts(client: ClientBase, index: DistrictIndex): Promise<string> {
  const relation = DISTRICT_RELATION;
  const staging = quoteIdent("pl_stage_districts");
  await client.query(`CREATE TEMP TABLE ${staging} (code text, pj text)`);
  await copyRows(
    client,
    staging,
    ["code", "pj"],
    index.districts.map((d) => [d.code, preparedPolygonText(d.geometry)]),
  );
  await client.query(`CREATE TEMP TABLE ${relation} AS
SELECT code, ST_SetSRID(ST_GeomFromGeoJSON(pj), 4326) AS poly FROM ${staging} WHERE pj IS NOT NULL`);
  await client.query(`DROP TABLE ${staging}`);
  await client.query(`CREATE INDEX ON ${relation} USING gist (poly)`);
  await client.query(`ANALYZE ${relation}`);
  return relation;
}
