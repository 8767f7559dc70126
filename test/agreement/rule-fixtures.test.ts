import { readdirSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runChecks } from "../../src/core/check/run-checks";
import type { CheckResult, Finding } from "../../src/core/check/types";
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
 * districts, problems — with areas, shares and measures within 0.1 %.
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
});
