import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCheckCli } from "../cli/check-helpers";
import { writeStreamingData } from "./streaming-layers";

/*
 * A layer streamed (FlatGeobuf or newline-delimited GeoJSON, read feature by feature, a window of
 * prepared geometries kept) gives the same findings, byte for byte, as the same layer read whole:
 * every rule type that reads geometry, a layer checked against itself (random reads), a filter.
 */
let dir = "";
let catalogs: Record<string, string> = {};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "plan-layers-stream-"));
  catalogs = writeStreamingData(dir, 40);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function check(format: string, extra: string[], out: string, output = "json") {
  const path = join(dir, out);
  const r = runCheckCli([
    "--catalog",
    catalogs[format] as string,
    "--format",
    output,
    "--out",
    path,
    "--workers",
    "1",
    ...extra,
  ]);
  expect(r.status, r.stderr).toBe(1);
  return readFileSync(path, "utf8");
}

describe("streamed layers", () => {
  it("give the findings of the whole-file path, byte for byte", () => {
    const whole = check("fgb", [], "fgb-whole.json");
    const parsed = JSON.parse(whole) as { findings: { rule: string }[] };
    const rules = new Set(parsed.findings.map((f) => f.rule));
    // every rule found something: the comparison covers each of them
    expect([...rules].sort()).toEqual([
      "zones-in-region",
      "zones-on-rice",
      "zones-overlap",
      "zones-valid",
    ]);
    expect(parsed.findings.length).toBeGreaterThan(300);
    // a window far smaller than the layer (1 600 zones): geometries are read again and again
    expect(check("fgb", ["--window", "16"], "fgb-window.json")).toBe(whole);
    expect(check("fgb", ["--window", "1"], "fgb-window1.json")).toBe(whole);
    const ndjsonWhole = check("ndjson", [], "nd-whole.json");
    expect(check("ndjson", ["--window", "16"], "nd-window.json")).toBe(ndjsonWhole);
    expect(check("geojson", [], "geojson-whole.json")).toBe(ndjsonWhole);
  }, 240_000);

  it("give the same CSV with threads", () => {
    const whole = check("fgb", [], "fgb-whole.csv", "csv");
    expect(check("fgb", ["--window", "64", "--workers", "2"], "fgb-w2.csv", "csv")).toBe(whole);
  }, 240_000);
});
