import type { Feature } from "geojson";
import type { ClientBase } from "pg";
import type { DistrictIndex } from "../../core/check/district-index";
import type { LayerUse } from "../../core/check/sql/context";
import { madeValid } from "../../core/check/sql/fragments";
import { quoteIdent } from "../../core/check/sql/query";
import { type CopyWriter, copyRows, openCopy } from "./copy-rows";
import { layerRows, preparedPolygonText } from "./layer-rows";

/** How a layer is read by the rules (each rule type's `RuleSql.layerUse` says what it needs). */
export type { LayerUse };

/** The working relation of a layer: a temporary table of the session (gone when it ends). */
export const layerRelation = (id: string) => quoteIdent(`pl_layer_${id}`);

/** The working relation of the district layer. */
export const DISTRICT_RELATION = quoteIdent("pl_districts");

const turns = new WeakMap<ClientBase, Promise<void>>();

/**
 * Waits for the connection to be free of the work started before on it through here, and gives
 * the function that frees it: layers read concurrently copy over one connection (their temporary
 * tables are the session's), each for the whole of its load, in turn — `pg` no longer queues
 * queries sent while one runs (deprecated), and a COPY cannot share the connection anyway.
 */
export async function takeTurn(client: ClientBase): Promise<() => void> {
  const before = turns.get(client) ?? Promise.resolve();
  let release = () => {};
  const mine = new Promise<void>((resolve) => {
    release = resolve;
  });
  turns.set(
    client,
    before.then(() => mine),
  );
  await before;
  return release;
}

/** Runs `work` on the connection in its turn (`takeTurn`). */
export async function inTurn<T>(client: ClientBase, work: () => Promise<T>): Promise<T> {
  const release = await takeTurn(client);
  try {
    return await work();
  } finally {
    release();
  }
}

/** GiST indexes on a working relation, then fresh statistics for the planner. */
export async function indexLayer(client: ClientBase, relation: string, use: LayerUse) {
  await client.query(`ALTER TABLE ${relation} ADD PRIMARY KEY (idx)`);
  await client.query(`CREATE INDEX ON ${relation} USING gist (poly)`);
  if (use.geography)
    await client.query(`CREATE INDEX ON ${relation} USING gist ((geom::geography))`);
  await client.query(`ANALYZE ${relation}`);
}

/**
 * A layer on its way into its working relation, fed a run of features at a time as its reader
 * validates them (`add`): the rows go by COPY into a staging table of the session, and only
 * `finish`, once the whole layer was read and found valid, builds the working relation from them
 * (idx, fid, props, geom, geom_err, bad_count, poly, raw_poly, area; see
 * `core/check/sql/context.ts`) and indexes it. A layer that fails part-way is `abandon`ed: its
 * staging table dropped and no working relation made, so nothing in the session (temporary: no
 * other session ever sees it, and the run's transaction is rolled back) passes for a loaded layer.
 */
export type LayerLoad = {
  add(features: Iterable<Feature>): Promise<void>;
  /** Builds and indexes the working relation; returns its name. */
  finish(): Promise<string>;
  abandon(): Promise<void>;
};

const STAGING_COLUMNS = ["idx", "fid", "props", "gj", "pj", "bad", "bad_count", "area"];

/**
 * Starts loading layer `id` (see {@link LayerLoad}). Each feature is encoded as the COPY takes it
 * (`layerRows`), so the rows of a layer reach the server while its file is read, never all held.
 * The geometry as written is parsed by PostGIS only where it is needed; a geometry PostGIS cannot
 * read keeps its reason in `geom_err`; `area` is given for the features `measured` keeps (default
 * all). Needs the run's functions (`sqlFunctions`). The staging table is made on the first `add`,
 * so loads started together take the connection in turn.
 */
export function startLayerLoad(
  client: ClientBase,
  id: string,
  use: LayerUse,
  measured?: (feature: Feature) => boolean,
): LayerLoad {
  const relation = layerRelation(id);
  const staging = quoteIdent(`pl_stage_${id}`);
  let copy: Promise<CopyWriter> | null = null;
  let release = () => {};
  let count = 0;
  const open = () => {
    copy ??= (async () => {
      release = await takeTurn(client);
      await client.query(
        `CREATE TEMP TABLE ${staging} (idx int, fid text, props jsonb, gj text, pj text, bad text, bad_count int, area float8)`,
      );
      return openCopy(client, staging, STAGING_COLUMNS);
    })();
    return copy;
  };
  return {
    async add(features) {
      const writer = await open();
      const first = count;
      // counted as they pass: `features` may be read once only (a generator)
      const counted = function* () {
        for (const feature of features) {
          count++;
          yield feature;
        }
      };
      await writer.write(layerRows(counted(), use.raw, measured, first));
    },
    async finish() {
      try {
        return await build();
      } finally {
        release();
      }
    },
    async abandon() {
      if (!copy) return;
      try {
        // ended, not failed: a failed COPY would abort the run's transaction, and the other
        // layers' reading goes on so that every bad file is reported
        await (await copy).end();
        await client.query(`DROP TABLE ${staging}`);
      } finally {
        release();
      }
    },
  };
  async function build(): Promise<string> {
    await (await open()).end();
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
}

/** Loads a layer held whole (or streamed: `lazyCollection`) at once: see {@link startLayerLoad}. */
export async function loadLayer(
  client: ClientBase,
  id: string,
  features: Iterable<Feature>,
  use: LayerUse,
  measured?: (feature: Feature) => boolean,
): Promise<string> {
  const load = startLayerLoad(client, id, use, measured);
  await load.add(features);
  return load.finish();
}

/**
 * Loads the district index's polygons (code, poly) and indexes them; returns the relation. They
 * are the index's, already repaired where invalid (`buildDistrictIndex`), so both engines place
 * findings by the very same district polygons.
 */
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
