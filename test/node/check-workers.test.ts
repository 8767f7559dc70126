import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_AUTO_THREADS } from "../../src/node/check-run";
import { runCheckCli } from "../cli/check-helpers";
import { writeStreamingData } from "./streaming-layers";

/*
 * `npm run check -- --workers 2`: the worker reads nothing itself, it checks the regions it claims
 * of the layers the main thread read and shared; the findings are those of one thread, byte for
 * byte, for layers read whole (GeoJSON) and streamed (FlatGeobuf, newline-delimited GeoJSON, a
 * small --window), in both output formats.
 */
let dir = "";
let catalogs: Record<string, string> = {};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "plan-layers-workers-"));
  catalogs = writeStreamingData(dir, 40);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Checks with `--workers`; the findings written, and the threads the check said it used. */
function run(format: string, workers: string, extra: string[], output: string) {
  const path = join(dir, `${format}-${workers}-${extra.join("")}.${output}`);
  const r = runCheckCli([
    ...["--catalog", catalogs[format] as string, "--format", output, "--out", path],
    ...["--workers", workers, "--timings", ...extra],
  ]);
  expect(r.status, r.stderr).toBe(1);
  const timings = JSON.parse(r.stderr.trim().split("\n").pop() as string) as { workers: number };
  return { findings: readFileSync(path, "utf8"), threads: timings.workers };
}

function check(format: string, workers: string, extra: string[], output: string): string {
  const { findings, threads } = run(format, workers, extra, output);
  expect(threads).toBe(Number(workers));
  return findings;
}

describe("npm run check -- --workers 2", () => {
  it("gives the findings of one thread, byte for byte, whole or streamed", () => {
    for (const output of ["json", "csv"]) {
      const one = check("geojson", "1", [], output);
      expect(one.length).toBeGreaterThan(1000);
      expect(check("geojson", "2", [], output)).toBe(one);
      expect(check("ndjson", "2", ["--window", "16"], output)).toBe(one);
      const fgb = check("fgb", "1", [], output);
      expect(check("fgb", "2", [], output)).toBe(fgb);
      expect(check("fgb", "2", ["--window", "16"], output)).toBe(fgb);
    }
  }, 240_000);

  it("checks on every core with --workers auto when a layer is streamed, on one otherwise", () => {
    const one = check("fgb", "1", [], "csv");
    // every core up to four (given a GiB of free memory per thread after the first)
    const cores = Math.min(availableParallelism(), MAX_AUTO_THREADS);
    // small files are read whole; --window streams FlatGeobuf and newline-delimited layers
    expect(run("geojson", "auto", ["--window", "16"], "csv").threads).toBe(1);
    expect(run("fgb", "auto", [], "csv").threads).toBe(1);
    const streamed = run("fgb", "auto", ["--window", "16"], "csv");
    expect(streamed.threads).toBe(cores);
    expect(streamed.findings).toBe(one);
    expect(run("ndjson", "auto", ["--window", "16"], "csv").threads).toBe(cores);
  }, 120_000);
});
