import type { Position } from "geojson";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ellipsoidalArea } from "../../src/core/check/ellipsoidal-area";
import { structureFill } from "../../src/core/check/made-valid";
import type { Polygons } from "../../src/core/check/types";
import {
  type PostgresCluster,
  postgresInstalled,
  startPostgresCluster,
} from "../support/postgres-cluster";

/*
 * The in-process repair of invalid polygons (`structureFill`) against PostGIS's own
 * `ST_MakeValid(g, 'method=structure')`, on random polygons that are nearly all invalid: rings of 3
 * to 8 random vertices (crossing themselves), random holes (outside, across, inside one another),
 * one or two parts (overlapping). Vertices are not on a grid, so no three are collinear: on a grid,
 * GEOS's floating-point noding keeps zero-width slivers of a spike that decide whether a hole meets
 * its shell, a difference of no area of its own.
 */
const CI = ["true", "1"].includes(String(process.env.CI).toLowerCase());
const installed = postgresInstalled();
const CASES = 300;

/** A deterministic generator (a linear congruential one: the cases are the same every run). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function randomPolygons(next: () => number): Polygons {
  const ring = (n: number): Position[] => {
    const r = Array.from(
      { length: n },
      (): Position => [105.8 + next() * 0.01, 21 + next() * 0.01],
    );
    r.push(r[0] as Position);
    return r;
  };
  const parts = 1 + Math.floor(next() * 2);
  return Array.from({ length: parts }, () => [
    ring(3 + Math.floor(next() * 6)),
    ...Array.from({ length: Math.floor(next() * 3) }, () => ring(3 + Math.floor(next() * 3))),
  ]);
}

describe.skipIf(!installed && !CI)("polygons made valid as PostGIS makes them valid", () => {
  let cluster: PostgresCluster;
  let client: pg.Client;

  beforeAll(async () => {
    cluster = startPostgresCluster({ database: "made_valid" });
    client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
  }, 120_000);

  afterAll(async () => {
    await client?.end();
    cluster?.stop();
  });

  it(`${CASES} random invalid polygons: the same area within 1e-4`, async () => {
    const next = random(42);
    const cases = Array.from({ length: CASES }, () => randomPolygons(next));
    const { rows } = await client.query<{ area: number }>(
      `SELECT ST_Area(ST_MakeValid(ST_SetSRID(ST_GeomFromGeoJSON(g), 4326), 'method=structure')::geography) AS area
       FROM unnest($1::text[]) WITH ORDINALITY AS t(g, k) ORDER BY k`,
      [cases.map((coordinates) => JSON.stringify({ type: "MultiPolygon", coordinates }))],
    );
    const apart = cases.flatMap((polygons, k) => {
      const theirs = Number(rows[k]?.area);
      const ours = ellipsoidalArea(structureFill(polygons));
      const off = Math.abs(ours - theirs) / Math.max(theirs, 1);
      return off > 1e-4 ? [`case ${k}: ${ours} / ${theirs} m², ${JSON.stringify(polygons)}`] : [];
    });
    expect(apart).toEqual([]);
  });
});
