import type { Feature, FeatureCollection } from "geojson";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Rule, rule as ruleSchema } from "../../src/core/catalog/rules-schema";
import { runChecks } from "../../src/core/check/run-checks";
import { runChecksInPostgis } from "../../src/node/postgis/run-rules";
import { layerEntry } from "../core/check/fixture-input";
import {
  type PostgresCluster,
  postgresInstalled,
  startPostgresCluster,
} from "../support/postgres-cluster";
import { seededRandom } from "../support/seeded-random";

/*
 * The PostGIS engine's queries find candidate pairs through the GiST indexes it builds (issue 11):
 * EXPLAIN of each rule's query over layers large enough for the planner to care names them. And
 * they do no work twice: each pair is clipped once, and no query is JIT-compiled (on a server with
 * PostgreSQL's default jit = on, compiling took half the queries' time at 10 000 × 2 000 zones).
 */
const CI = ["true", "1"].includes(String(process.env.CI).toLowerCase());

/** `n` squares of about `size` degrees scattered over 0.5° near Hà Nội, ids `${prefix}n`. */
function squares(n: number, size: number, prefix: string, seed: number): FeatureCollection {
  const random = seededRandom(seed);
  const features: Feature[] = [];
  for (let i = 0; i < n; i++) {
    const x = 105.5 + random() * 0.5;
    const y = 20.8 + random() * 0.5;
    const s = size * (0.5 + random());
    features.push({
      type: "Feature",
      id: `${prefix}${i}`,
      properties: { land_use_code: i % 2 ? "ODT" : "LUC", district_code: String(i % 7) },
      geometry: {
        type: "Polygon",
        coordinates: [
          [
            [x, y],
            [x + s, y],
            [x + s, y + s],
            [x, y + s],
            [x, y],
          ],
        ],
      },
    });
  }
  return { type: "FeatureCollection", features };
}

const base = { title: { vi: "t", en: "t" }, description: { vi: "d", en: "d" }, severity: "error" };
const RULES: Rule[] = [
  {
    ...base,
    id: "overlap",
    type: "no-overlap",
    subject: { layer: "zones" },
    constraint: { layer: "rice" },
  },
  {
    ...base,
    id: "inside",
    type: "within",
    subject: { layer: "zones" },
    constraint: { layer: "rice" },
  },
  {
    ...base,
    id: "clearance",
    type: "min-distance",
    subject: { layer: "zones" },
    constraint: { layer: "rice" },
    distanceMeters: 50,
  },
  {
    ...base,
    id: "matrix",
    type: "compatibility",
    subject: { layer: "zones" },
    constraint: { layer: "rice" },
    subjectAttribute: "land_use_code",
    constraintAttribute: "land_use_code",
    matrix: { ODT: { LUC: "forbidden" } },
  },
].map((r) => ruleSchema.parse(r));

describe.skipIf(!postgresInstalled() && !CI)("the PostGIS engine's plans", () => {
  let cluster: PostgresCluster;
  let client: pg.Client;

  beforeAll(async () => {
    // JIT as PostgreSQL ships it (on): the engine must turn it off for its own queries
    cluster = startPostgresCluster({ database: "plans", settings: { jit: "on" } });
    client = new pg.Client({ connectionString: cluster.url });
    await client.connect();
  }, 120_000);

  afterAll(async () => {
    await client?.end();
    cluster?.stop();
  });

  it("use the GiST indexes for every pair rule, and agree with the in-process engine", async () => {
    const input = {
      layers: { zones: squares(3000, 0.004, "Z", 1), rice: squares(2000, 0.006, "R", 2) },
      rules: RULES,
      catalog: [layerEntry("zones", "city"), layerEntry("rice", "national")],
    };
    const plans = new Map<string, string>();
    const { result } = await runChecksInPostgis(client, input, {
      explain: (rule, plan) => {
        plans.set(rule.id, plan);
      },
    });
    for (const rule of RULES) {
      expect(plans.get(rule.id), rule.id).toMatch(
        /Index Scan using pl_layer_\w+_(poly|geom)_idx|Bitmap Index Scan on pl_layer_\w+_(poly|geom)_idx/,
      );
    }
    const ours = runChecks(input);
    // same findings, by id (the fixture agreement test compares them field by field)
    expect(result.findings.map((f) => f.id)).toEqual(ours.findings.map((f) => f.id));
    expect(result.findings.length).toBeGreaterThan(100);
  }, 120_000);

  it("clip each pair once, however many columns read the clipped part, and are not JIT-compiled", async () => {
    const input = {
      layers: { zones: squares(300, 0.004, "Z", 3), rice: squares(200, 0.006, "R", 4) },
      rules: RULES,
      catalog: [layerEntry("zones", "city"), layerEntry("rice", "national")],
    };
    const plans = new Map<string, string>();
    const jit: Promise<pg.QueryResult<{ jit: string }>>[] = [];
    await runChecksInPostgis(client, input, {
      explain: (rule, plan) => {
        plans.set(rule.id, plan);
        // queued on the same connection: runs inside the check's transaction, before its query
        jit.push(client.query<{ jit: string }>("SHOW jit"));
      },
    });
    // inlined, the clip was written out in the tolerance test, the area and the GeoJSON column
    const clips = (plan: string) => plan.match(/st_(intersection|difference)\(/gi)?.length ?? 0;
    for (const id of ["overlap", "inside", "clearance", "matrix"]) {
      expect(clips(plans.get(id) ?? ""), `${id}:\n${plans.get(id)}`).toBe(1);
    }
    for (const shown of await Promise.all(jit)) expect(shown.rows[0]?.jit).toBe("off");
    expect((await client.query<{ jit: string }>("SHOW jit")).rows[0]?.jit).toBe("on");
  }, 120_000);
});
