import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { Position } from "geojson";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ellipsoidalArea } from "../../src/core/check/ellipsoidal-area";
import { structureFill } from "../../src/core/check/made-valid";
import { runChecks } from "../../src/core/check/run-checks";
import type { CheckResult, Finding, Polygons } from "../../src/core/check/types";
import { runChecksInPostgis } from "../../src/node/postgis/run-rules";
import { fixtureInput, readFixture } from "../core/check/fixture-input";
import {
  type PostgresCluster,
  postgresInstalled,
  startPostgresCluster,
} from "../support/postgres-cluster";

/*
 * Agreement of the two engines (issue 11): every rule fixture of test/fixtures/check through the
 * in-process engine and through PostGIS gives the same findings — ids, pairs, severities, statuses,
 * districts, problems — with areas, shares and measures within 0.1 %; and the in-process repair of
 * invalid polygons against PostGIS's own (below).
 */
const ROOT = join(__dirname, "../fixtures/check");
const CI = ["true", "1"].includes(String(process.env.CI).toLowerCase());
const installed = postgresInstalled();
const RELATIVE = 0.001;

/** What must be identical between the engines. */
const identity = (f: Finding) => ({
  id: f.id,
  rule: f.rule,
  severity: f.severity,
  status: f.status,
  subject: f.subject,
  constraint: f.constraint,
  group: f.group ?? null,
  problem: f.problem ?? null,
  prevailing: f.prevailing?.layerId ?? null,
  geometryType: f.geometry?.type ?? null,
  districts: f.districts,
  measures: Object.fromEntries(Object.entries(f.measures).filter(([, v]) => typeof v !== "number")),
});

/** Numbers that may differ by the engines' arithmetic: areas, shares, measured numbers. */
function numbers(f: Finding): Record<string, number | null> {
  const out: Record<string, number | null> = {
    area: f.areaSquareMeters,
    share: f.shareOfSubject,
  };
  for (const [k, v] of Object.entries(f.measures)) if (typeof v === "number") out[k] = v;
  return out;
}

const close = (a: number | null, b: number | null, absolute: number) =>
  a === null || b === null
    ? a === b
    : Math.abs(a - b) <= Math.max(absolute, RELATIVE * Math.max(Math.abs(a), Math.abs(b)));

/** The differences between two results, empty when they agree. */
export function disagreements(ours: CheckResult, theirs: CheckResult): string[] {
  const out: string[] = [];
  const a = ours.findings.map(identity);
  const b = theirs.findings.map(identity);
  if (JSON.stringify(a) !== JSON.stringify(b)) {
    out.push(`findings differ:\nin-process ${JSON.stringify(a)}\npostgis    ${JSON.stringify(b)}`);
    return out;
  }
  ours.findings.forEach((f, k) => {
    const g = theirs.findings[k] as Finding;
    const x = numbers(f);
    const y = numbers(g);
    for (const key of new Set([...Object.keys(x), ...Object.keys(y)])) {
      // 1 cm and 0.01 m² absolute for values near zero (a distance of 0, a tiny area)
      if (!close(x[key] ?? null, y[key] ?? null, 0.01)) {
        out.push(`${f.id} ${key}: in-process ${x[key]}, postgis ${y[key]}`);
      }
    }
  });
  if (JSON.stringify(ours.problems) !== JSON.stringify(theirs.problems)) {
    out.push(
      `problems differ: ${JSON.stringify(ours.problems)} / ${JSON.stringify(theirs.problems)}`,
    );
  }
  return out;
}

/*
 * The in-process repair of invalid polygons (`structureFill`) against PostGIS's own
 * `ST_MakeValid(g, 'method=structure')`, on random polygons that are nearly all invalid: rings of 3
 * to 8 random vertices (crossing themselves), random holes (outside, across, inside one another),
 * one or two parts (overlapping). Vertices are not on a grid, so no three are collinear: on a grid,
 * GEOS's floating-point noding keeps zero-width slivers of a spike that decide whether a hole meets
 * its shell, a difference of no area of its own.
 */
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

describe.skipIf(!installed && !CI)("the PostGIS engine agrees with the in-process engine", () => {
  let cluster: PostgresCluster;
  let client: pg.Client;

  beforeAll(async () => {
    cluster = startPostgresCluster({ database: "agreement" });
    client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
  }, 120_000);

  afterAll(async () => {
    await client?.end();
    cluster?.stop();
  });

  for (const type of readdirSync(ROOT, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    const inDir = join(ROOT, type.name, "in");
    for (const file of readdirSync(inDir).filter((f) => f.endsWith(".geojson"))) {
      const name = file.replace(/\.geojson$/, "");
      it(`${type.name}/${name}`, async () => {
        const input = fixtureInput(readFixture(type.name, name));
        const ours = runChecks(input);
        const { result: theirs } = await runChecksInPostgis(client, input);
        const found = disagreements(ours, theirs);
        console.info(
          `agreement ${type.name}/${name}: ${ours.findings.length} / ${theirs.findings.length} findings, ${found.length === 0 ? "same" : "DIFFERENT"}`,
        );
        expect(found).toEqual([]);
      });
    }
  }

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
