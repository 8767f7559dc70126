import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Finding } from "../../src/core/check/types";
import { runCheckCli, scratchCopy } from "../cli/check-helpers";
import {
  type PostgresCluster,
  postgresInstalled,
  startPostgresCluster,
} from "../support/postgres-cluster";
import { zoningTableSql } from "../support/zoning-table";

/*
 * The share of the subject a finding covers (`shareOfSubject`) with `--engine postgis`, wherever the
 * subject layer comes from (issue 11): the subject's area has one path, the working relation's
 * `area` column. A layer read from a file gets the in-process engine's own area (so the share is the
 * in-process one to the last digit when the overlap's area is); a table checked in place has no area
 * column to take it from, and the query measures the subject on the spheroid. Before, a subject
 * checked in place had no share at all (the run looked for its geometry in JS, where an attached
 * table has none).
 */
const CI = ["true", "1"].includes(String(process.env.CI).toLowerCase());

describe.skipIf(!postgresInstalled() && !CI)("the PostGIS engine's share of the subject", () => {
  let cluster: PostgresCluster;
  let scratch: ReturnType<typeof scratchCopy>;
  let catalog: string;

  beforeAll(() => {
    cluster = startPostgresCluster({ database: "share" });
    scratch = scratchCopy();
    catalog = join(scratch.root, "basic", "catalog.json");
    // the zoning layer as a table of its own, for the in-place source
    cluster.psql(zoningTableSql(scratch.root), "share");
  }, 120_000);

  afterAll(() => {
    scratch?.done();
    cluster?.stop();
  });

  const findings = (args: string[]): Finding[] => {
    const r = runCheckCli([...args, "--format", "json"]);
    expect(r.status, r.stderr).toBe(1);
    return (JSON.parse(r.stdout) as { findings: Finding[] }).findings;
  };
  const areaFindings = (list: Finding[]) =>
    list.filter((f) => f.status === "ok" && f.areaSquareMeters !== null && f.constraint);

  it("a layer from a file: the in-process engine's share", () => {
    const ours = areaFindings(findings(["--catalog", catalog]));
    const theirs = areaFindings(
      findings(["--catalog", catalog, "--engine", "postgis", "--database", cluster.url]),
    );
    expect(theirs.map((f) => f.id)).toEqual(ours.map((f) => f.id));
    expect(theirs.length).toBeGreaterThan(0);
    for (const [k, f] of theirs.entries()) {
      const o = ours[k] as Finding;
      // the same subject area: the shares differ exactly as the overlap's areas do
      const subject = (o.areaSquareMeters as number) / (o.shareOfSubject as number);
      expect(f.shareOfSubject).toBe((f.areaSquareMeters as number) / subject);
    }
  });

  it("a table checked in place: measured in the database, within 0.1 % of in process", () => {
    const json = JSON.parse(readFileSync(catalog, "utf8"));
    json.layers[0].source = "postgis:plans.zoning";
    const inPlace = join(scratch.root, "basic", "catalog-in-place.json");
    writeFileSync(inPlace, JSON.stringify(json));
    const ours = areaFindings(findings(["--catalog", catalog]));
    const theirs = areaFindings(
      findings(["--catalog", inPlace, "--engine", "postgis", "--database", cluster.url]),
    );
    expect(theirs.map((f) => f.id)).toEqual(ours.map((f) => f.id));
    for (const [k, f] of theirs.entries()) {
      const share = (ours[k] as Finding).shareOfSubject as number;
      expect(f.shareOfSubject).not.toBeNull();
      expect(Math.abs((f.shareOfSubject as number) - share)).toBeLessThan(1e-3 * share);
    }
  });
});
