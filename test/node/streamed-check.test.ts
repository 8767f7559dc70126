import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Position } from "geojson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { positionFromWgs84 } from "../../src/core/crs/index";
import { runCheckCli } from "../cli/check-helpers";
import { writeNdjson, writeStreamingData, zones } from "./streaming-layers";

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

  it("read in VN-2000 over several batches give the findings of the layer read whole", () => {
    // 72 × 72 zones: two batches of the first pass, the CRS decided (VN-2000, from the
    // coordinates: a newline-delimited file declares none) on the first and kept for the second
    const vn = join(dir, "vn2000");
    mkdirSync(vn);
    const catalog = writeStreamingData(vn, 2, ["ndjson"]).ndjson as string;
    const toVn2000 = positionFromWgs84("EPSG:5897");
    const projected = zones(72, 2).map((zone) => ({
      ...zone,
      geometry: {
        ...zone.geometry,
        coordinates: zone.geometry.coordinates.map((ring) =>
          ring.map((p) => toVn2000(p).map((v) => Math.round(v * 1000) / 1000) as Position),
        ),
      },
    }));
    writeNdjson(join(vn, "city-plan.ndjson"), projected);
    const run = (extra: string[]) => {
      const r = runCheckCli([
        ...["--catalog", catalog, "--format", "csv", "--workers", "1", ...extra],
      ]);
      expect(r.status, r.stderr).toBe(1);
      expect(r.stderr).toContain("VN-2000");
      return r.stdout;
    };
    const whole = run([]);
    expect(whole.split("\n").length).toBeGreaterThan(100);
    expect(run(["--window", "256"])).toBe(whole);
  }, 240_000);

  it("say what they say of the whole file once, as the layer read whole: heights dropped", () => {
    // 72 × 72 zones, each position with a height: the first pass reads them in many batches
    const z = join(dir, "heights");
    mkdirSync(z);
    const catalog = writeStreamingData(z, 2, ["ndjson"]).ndjson as string;
    const withHeights = zones(72, 2).map((zone) => ({
      ...zone,
      geometry: {
        ...zone.geometry,
        coordinates: zone.geometry.coordinates.map((ring) => ring.map((p) => [...p, 12.5])),
      },
    }));
    writeNdjson(join(z, "city-plan.ndjson"), withHeights);
    const warnings = (extra: string[]) => {
      const r = runCheckCli([
        ...["--catalog", catalog, "--format", "csv", "--workers", "1", ...extra],
      ]);
      expect(r.status, r.stderr).toBe(1);
      return r.stderr.split("\n").filter((line) => line.includes("3D coordinates"));
    };
    const whole = warnings([]);
    expect(whole).toHaveLength(1);
    expect(whole[0]).toContain("5184 of 5184 features have 3D coordinates");
    expect(warnings(["--window", "256"])).toEqual(whole);
  }, 240_000);
});
