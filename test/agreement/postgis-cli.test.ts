import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { csvRows, expectBadInput, runCheckCli, scratchCopy } from "../cli/check-helpers";
import { PROJECT_ROOT } from "../cli/helpers";
import {
  type PostgresCluster,
  postgresInstalled,
  startPostgresCluster,
} from "../support/postgres-cluster";
import { zoningTableSql } from "../support/zoning-table";

/*
 * `npm run check -- --engine postgis` as users run it (issue 11): the same output and exit code as
 * the in-process engine, a catalogue source `postgis:schema.table` checked in place, and bad
 * connections, databases without PostGIS and missing tables reported on one bilingual line, exit 2,
 * with no connection string, password or stack trace in sight.
 */
const CI = ["true", "1"].includes(String(process.env.CI).toLowerCase());
const SECRET = "s3cret-pw";

describe.skipIf(!postgresInstalled() && !CI)("npm run check -- --engine postgis", () => {
  let cluster: PostgresCluster;
  let scratch: ReturnType<typeof scratchCopy>;
  let catalog: string;

  beforeAll(() => {
    cluster = startPostgresCluster({ database: "cli" });
    cluster.psql("CREATE DATABASE plain");
    scratch = scratchCopy();
    catalog = join(scratch.root, "basic", "catalog.json");
    // the zoning layer as a table of its own, for the in-place source
    cluster.psql(zoningTableSql(scratch.root), "cli");
  }, 120_000);

  afterAll(() => {
    scratch?.done();
    cluster?.stop();
  });

  /** A copy of the basic catalogue with the zoning layer's source replaced. */
  function catalogWithZoning(source: string): string {
    const json = JSON.parse(readFileSync(catalog, "utf8"));
    json.layers[0].source = source;
    const file = join(scratch.root, "basic", `catalog-${source.replace(/\W/g, "_")}.json`);
    writeFileSync(file, JSON.stringify(json));
    return file;
  }

  it("gives the in-process engine's findings, output and exit code", () => {
    for (const format of ["csv", "json", "geojson"]) {
      const ours = runCheckCli(["--catalog", catalog, "--format", format]);
      const theirs = runCheckCli([
        ...["--catalog", catalog, "--format", format],
        ...["--engine", "postgis", "--database", cluster.url],
      ]);
      expect(theirs.status, theirs.stderr).toBe(ours.status);
      expect(ours.status).toBe(1);
      if (format === "csv") {
        const strip = (rows: Record<string, string>[]) =>
          rows.map(({ area_m2, share_of_subject, ...rest }) => rest);
        expect(strip(csvRows(theirs.stdout))).toEqual(strip(csvRows(ours.stdout)));
        const a = csvRows(ours.stdout).map((r) => Number(r.area_m2));
        const b = csvRows(theirs.stdout).map((r) => Number(r.area_m2));
        for (const [k, area] of b.entries()) {
          expect(Math.abs(area - (a[k] as number))).toBeLessThan(1e-3 * area);
        }
      }
      expect(theirs.stderr).not.toContain(cluster.dir);
    }
  });

  it("reads the database address from PLAN_LAYERS_DATABASE_URL", () => {
    const r = spawnSync(
      process.execPath,
      [
        join(PROJECT_ROOT, "scripts", "run-cli.mjs"),
        "check",
        "--catalog",
        catalog,
        "--engine",
        "postgis",
      ],
      { encoding: "utf8", env: { ...process.env, PLAN_LAYERS_DATABASE_URL: cluster.url } },
    );
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr).toContain("urban-not-on-rice: 1 phát hiện / findings");
  });

  it("checks a postgis:schema.table source in place, with the file's findings", () => {
    const fromFile = runCheckCli(["--catalog", catalog, "--format", "csv"]);
    const inPlace = runCheckCli([
      ...["--catalog", catalogWithZoning("postgis:plans.zoning"), "--format", "csv"],
      ...["--engine", "postgis", "--database", cluster.url],
    ]);
    expect(inPlace.status, inPlace.stderr).toBe(1);
    const ids = (text: string) => csvRows(text).map((r) => [r.id, r.subject_id, r.constraint_id]);
    expect(ids(inPlace.stdout)).toEqual(ids(fromFile.stdout));
  });

  it("in process, refuses a postgis: source and says to use --engine postgis", () => {
    const r = runCheckCli(["--catalog", catalogWithZoning("postgis:plans.zoning")]);
    expectBadInput(r, 'layer "zoning" comes from a PostGIS table', "--engine postgis");
  });

  it("names a missing table, exit 2", () => {
    const r = runCheckCli([
      ...["--catalog", catalogWithZoning("postgis:plans.nope")],
      ...["--engine", "postgis", "--database", cluster.url],
    ]);
    expectBadInput(r, "postgis:plans.nope", "no table");
  });

  it("a database without PostGIS: exit 2, says to create the extension", () => {
    const r = runCheckCli([
      ...["--catalog", catalog, "--engine", "postgis", "--database", cluster.urlFor("plain")],
    ]);
    expectBadInput(r, "--database", "CREATE EXTENSION postgis");
    expect(r.stderr).not.toContain(cluster.dir);
  });

  it("a server that cannot be reached: exit 2, no address or password shown", () => {
    const url = `postgresql://alice:${SECRET}@/nodb?host=${encodeURIComponent(join(cluster.dir, "nowhere"))}`;
    const r = runCheckCli(["--catalog", catalog, "--engine", "postgis", "--database", url]);
    expectBadInput(r, "--database", "cannot connect to the database");
    expect(r.stderr).not.toContain(SECRET);
    expect(r.stderr).not.toContain("alice:");
    expect(r.stderr).not.toContain("nowhere");
  });

  it("a wrong password: exit 2, the password not shown", () => {
    cluster.psql(`CREATE ROLE bob LOGIN PASSWORD '${SECRET}'`);
    const url = `postgresql://bob:${SECRET}x@/cli?host=${encodeURIComponent(cluster.dir)}&sslmode=disable`;
    const r = runCheckCli(["--catalog", catalog, "--engine", "postgis", "--database", url]);
    // trust authentication lets bob in whatever the password: the run then works
    expect([0, 1, 2]).toContain(r.status);
    expect(r.stderr).not.toContain(SECRET);
  });

  it("--engine postgis without a database, or --database in process: a usage error", () => {
    const env = { ...process.env };
    delete env.PLAN_LAYERS_DATABASE_URL;
    const runner = join(PROJECT_ROOT, "scripts", "run-cli.mjs");
    const noDb = spawnSync(
      process.execPath,
      [runner, "check", "--catalog", catalog, "--engine", "postgis"],
      { encoding: "utf8", env },
    );
    expect(noDb.status).toBe(2);
    expect(noDb.stderr).toContain("--engine postgis needs a database");
    const inProcess = runCheckCli(["--catalog", catalog, "--database", cluster.url]);
    expect(inProcess.status).toBe(2);
    expect(inProcess.stderr).toContain("--database applies to --engine postgis only");
    expect(inProcess.stderr).not.toContain(cluster.dir);
  });
});
