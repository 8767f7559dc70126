import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { bboxPolygon } from "@turf/turf";
import { beforeAll, describe, expect, it } from "vitest";
import { COMPARE_CSV_COLUMNS } from "../../src/core/compare/format-comparison";
import type { PlanComparison } from "../../src/core/compare/types";
import { geodesicArea } from "../../src/core/geo/geodesic-area";
import { CLI_FIXTURES, csvRows, runCheckCli, scratchCopy, timingsLine } from "./check-helpers";

const CATALOG = join(CLI_FIXTURES, "basic", "catalog.json");
const PROPOSAL = join(CLI_FIXTURES, "proposals", "compare.geojson");
/** GeographicLib's geodesic area of a lon/lat rectangle. */
const rectangle = (x0: number, y0: number, x1: number, y1: number) =>
  geodesicArea(bboxPolygon([x0, y0, x1, y1]));
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));

/** Each case starts Node at least once: seconds on a loaded machine. */
const SLOW = { timeout: 60_000 };

/*
 * The fixture proposal against the fixture catalogue's city layer "zoning" (Z1 ODT, Z2 LUA, Z3 ODT,
 * 0.02° squares side by side from 105.80° E): Z1 kept, Z2 turned to TMD, Z3 cut to its east half,
 * a new zone N1 (DGT) east of Z3.
 */
let csv: ReturnType<typeof runCheckCli>;
beforeAll(() => {
  // the first run also builds the bundle, so later runs never race to build it
  csv = runCheckCli(["--catalog", CATALOG, "--proposal", PROPOSAL, "--compare", "--format", "csv"]);
}, 120_000);

describe("npm run check -- --proposal FILE --compare", SLOW, () => {
  it("writes one CSV row per piece, areas on the ellipsoid, districts, and exits 0", () => {
    expect(csv.status).toBe(0);
    expect(csv.stdout.split("\n")[0]).toBe(COMPARE_CSV_COLUMNS.join(","));
    const rows = csvRows(csv.stdout);
    expect(
      rows.map((r) => [r.kind, r.from, r.to, r.current_id, r.proposal_id, r.districts]),
    ).toEqual([
      ["changed", "LUA", "TMD", "Z2", "Z2", "001;002"],
      ["added", "", "DGT", "", "N1", "002"],
      ["removed", "ODT", "", "Z3", "", "002"],
    ]);
    const [changed, added, removed] = rows.map((r) => Number(r.area_m2));
    expect(rel(changed as number, rectangle(105.82, 21.0, 105.84, 21.02))).toBeLessThan(1e-6);
    expect(rel(added as number, rectangle(105.86, 21.0, 105.87, 21.01))).toBeLessThan(1e-6);
    expect(rel(removed as number, rectangle(105.84, 21.0, 105.85, 21.02))).toBeLessThan(1e-6);
    // the summary on stderr, in both languages: transitions, then codes before → after
    expect(csv.stderr).toContain(
      'Compared test/fixtures/cli/proposals/compare.geojson with layer "zoning"',
    );
    expect(csv.stderr).toContain("đổi / changed LUA → TMD: 1 mảnh / pieces, 460.42 ha");
    expect(csv.stderr).toContain("LUA: 460.42 → 0.00 ha (−460.42 ha), 1 → 0 vùng / zones");
    expect(csv.stderr).toContain("TMD: 0.00 → 460.42 ha (+460.42 ha), 0 → 1 vùng / zones");
  });

  it("writes JSON by default: the pieces with their geometry, the summary by transition and code", () => {
    const r = runCheckCli(["--catalog", CATALOG, "--proposal", PROPOSAL, "--compare"]);
    expect(r.status).toBe(0);
    const result = JSON.parse(r.stdout) as PlanComparison;
    expect(result.pieces.map((p) => p.geometry?.type)).toEqual(["Polygon", "Polygon", "Polygon"]);
    const codes = new Map(result.summary.codes.map((c) => [c.code, c.hectaresChange]));
    const z2 = rectangle(105.82, 21.0, 105.84, 21.02) / 10_000;
    expect(codes.get("TMD")).toBeCloseTo(z2, 6);
    expect(codes.get("LUA")).toBeCloseTo(-z2, 6);
    expect(result.summary.totals.unchangedHectares).toBeCloseTo(
      (rectangle(105.8, 21.0, 105.82, 21.02) + rectangle(105.85, 21.0, 105.86, 21.02)) / 10_000,
      6,
    );
    expect(result.problems).toEqual([]);
  });

  it("writes GeoJSON with --out, the summary as a member of the collection; stdout stays empty", () => {
    const scratch = scratchCopy();
    try {
      const out = join(scratch.root, "changes.geojson");
      const r = runCheckCli([
        "--catalog",
        CATALOG,
        "--proposal",
        PROPOSAL,
        "--compare",
        "--format",
        "geojson",
        "--out",
        out,
        "--timings",
      ]);
      expect(r.status).toBe(0);
      expect(r.stdout).toBe("");
      const written = JSON.parse(readFileSync(out, "utf8"));
      expect(written.type).toBe("FeatureCollection");
      expect(
        written.features.map((f: { properties: { kind: string } }) => f.properties.kind),
      ).toEqual(["changed", "added", "removed"]);
      expect(written.summary.transitions).toHaveLength(3);
      const timings = timingsLine(r.stderr);
      expect(timings.pieces).toBe(3);
      expect(timings.identical_pairs).toBe(2);
    } finally {
      scratch.done();
    }
  });

  it("lists --compare in --help", () => {
    const r = runCheckCli(["--help"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("--compare");
  });
});

describe("npm run check -- --compare: bad input exits 2, naming what to fix", SLOW, () => {
  it("needs --proposal", () => {
    const r = runCheckCli(["--catalog", CATALOG, "--compare"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^Lỗi \/ Error: npm run check: .*--compare.*--proposal/m);
    expect(r.stdout).toBe("");
  });

  it("names a proposal that is no JSON, and one whose zones lack the land-use attribute", () => {
    const scratch = scratchCopy();
    try {
      const broken = join(scratch.root, "broken.geojson");
      writeFileSync(broken, '{"type": "FeatureCollection", "features": [');
      const r = runCheckCli(["--catalog", CATALOG, "--proposal", broken, "--compare"]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain("broken.geojson");
      expect(r.stderr).not.toMatch(/\n\s+at /);

      const renamed = join(scratch.root, "renamed.geojson");
      writeFileSync(renamed, readFileSync(PROPOSAL, "utf8").replaceAll("land_use_code", "MDSD"));
      const s = runCheckCli(["--catalog", CATALOG, "--proposal", renamed, "--compare"]);
      expect(s.status).toBe(2);
      expect(s.stderr).toMatch(/renamed\.geojson: .*"land_use_code"/);
      expect(s.stdout).toBe("");
    } finally {
      scratch.done();
    }
  });

  it("refuses to write over the current plan layer it compares with", () => {
    const scratch = scratchCopy();
    try {
      const catalog = join(scratch.root, "basic", "catalog.json");
      const zoning = join(scratch.root, "basic", "layers", "city", "zoning.geojson");
      const before = readFileSync(zoning, "utf8");
      const r = runCheckCli([
        "--catalog",
        catalog,
        "--proposal",
        PROPOSAL,
        "--compare",
        "--out",
        zoning,
      ]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain('layer "zoning"');
      expect(existsSync(zoning) && readFileSync(zoning, "utf8")).toBe(before);
    } finally {
      scratch.done();
    }
  });
});
