import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { FeatureCollection } from "geojson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { geodesicArea } from "../../src/core/geo/geodesic-area";
import { writeFlatGeobuf } from "../../src/io/fgb-writer";
import { boxPolygon } from "../support/box-polygon";
import { PROJECTED_SQUARE } from "../support/projected-polygon";
import {
  CLI_FIXTURES,
  csvRows,
  expectBadInput,
  runCheckCli,
  scratchCopy,
  timingsLine,
} from "./check-helpers";

const CATALOG = join(CLI_FIXTURES, "basic", "catalog.json");
const PROPOSALS = join(CLI_FIXTURES, "proposals");
/** Relative difference, for areas from the CSV (m², 3 decimals). */
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));

/** Each case starts Node (and the engine's modules) at least once: seconds on a loaded machine. */
const SLOW = { timeout: 60_000 };

/** The CSV of the fixture catalogue with --timings, run once and compared against by several cases. */
let baseline: ReturnType<typeof runCheckCli>;
beforeAll(() => {
  // The first run also builds the bundle, so later runs never race to build it.
  baseline = runCheckCli(["--catalog", CATALOG, "--format", "csv", "--timings"]);
}, 120_000);

describe("npm run check: findings and exit codes", SLOW, () => {
  it("exits 1 on an error finding and writes the CSV columns the issue fixes", () => {
    const r = baseline;
    expect(r.status).toBe(1);
    expect(r.stdout.split("\n")[0]).toMatch(
      /^rule,subject_layer,subject_id,constraint_layer,constraint_id,area_m2(,|$)/,
    );
    const rows = csvRows(r.stdout);
    expect(rows.map((x) => [x.rule, x.subject_id, x.constraint_id, x.severity])).toEqual([
      ["urban-not-on-rice", "Z1", "R1", "error"],
      ["urban-near-park", "Z3", "P1", "warning"],
    ]);
    // Z1 ∩ R1 and Z3 ∩ P1 are 0.01° squares; the areas are geodesic (GeographicLib, WGS84)
    const [rice, park] = rows;
    expect(
      rel(Number(rice?.area_m2), geodesicArea(boxPolygon(105.81, 21.01, 105.82, 21.02))),
    ).toBeLessThan(1e-6);
    expect(
      rel(Number(park?.area_m2), geodesicArea(boxPolygon(105.85, 21.005, 105.86, 21.015))),
    ).toBeLessThan(1e-6);
    // districts come from the catalogue's district layer
    expect(rice?.districts).toBe("001");
    expect(park?.districts).toBe("002");
    expect(rice?.prevailing_layer).toBe("rice");
    expect(r.stderr).toContain("urban-not-on-rice: 1");
  });

  it("exits 0 when only warnings are found (--rules picks the rules to run)", () => {
    const r = runCheckCli(["--catalog", CATALOG, "--format", "csv", "--rules", "urban-near-park"]);
    expect(r.status).toBe(0);
    expect(csvRows(r.stdout).map((x) => x.rule)).toEqual(["urban-near-park"]);
    expect(r.stderr).not.toContain("urban-not-on-rice");
    // no --timings, no JSON line
    expect(r.stderr).not.toMatch(/^\{/m);
  });

  it("writes JSON by default: findings with the prevailing plan, per-rule summary", () => {
    const r = runCheckCli(["--catalog", CATALOG]);
    expect(r.status).toBe(1);
    const result = JSON.parse(r.stdout) as {
      findings: {
        rule: string;
        prevailing: { layerId: string; legalBasis: { instrument: string } };
      }[];
      summary: { rule: string; errors: number; warnings: number }[];
      problems: unknown[];
    };
    expect(result.findings[0]?.prevailing.layerId).toBe("rice");
    expect(result.findings[0]?.prevailing.legalBasis.instrument).toBe("39/2021/QH15");
    expect(result.summary.map((s) => [s.rule, s.errors, s.warnings])).toEqual([
      ["urban-not-on-rice", 1, 0],
      ["urban-near-park", 0, 1],
    ]);
    expect(result.problems).toEqual([]);
  });

  it("writes GeoJSON: the conflicting part as geometry, the finding id as feature id", () => {
    const r = runCheckCli(["--catalog", CATALOG, "--format", "geojson"]);
    expect(r.status).toBe(1);
    const fc = JSON.parse(r.stdout) as FeatureCollection;
    expect(fc.type).toBe("FeatureCollection");
    expect(fc.features).toHaveLength(2);
    const first = fc.features[0];
    expect(first?.geometry?.type).toBe("Polygon");
    expect(first?.id).toBe(first?.properties?.id);
    expect(
      rel(geodesicArea(first?.geometry ?? null), first?.properties?.areaSquareMeters),
    ).toBeLessThan(1e-6);
  });

  it("--out writes the same text to a file and nothing to stdout", () => {
    const s = scratchCopy();
    try {
      const out = join(s.root, "findings.csv");
      const r = runCheckCli(["--catalog", CATALOG, "--format", "csv", "--out", out]);
      expect(r.status).toBe(1);
      expect(r.stdout).toBe("");
      expect(readFileSync(out, "utf8")).toBe(baseline.stdout);
    } finally {
      s.done();
    }
  });

  it("--proposal checks a GeoJSON file in place of the city plan layer", () => {
    const conflict = runCheckCli([
      "--catalog",
      CATALOG,
      "--format",
      "csv",
      "--proposal",
      join(PROPOSALS, "conflict.geojson"),
    ]);
    expect(conflict.status).toBe(1);
    const rows = csvRows(conflict.stdout);
    expect(rows.map((x) => [x.rule, x.subject_layer, x.subject_id, x.constraint_id])).toEqual([
      ["urban-not-on-rice", "zoning", "P-C", "R1"],
    ]);
    // the proposed zone lies wholly inside the rice land: all of it conflicts
    expect(
      rel(Number(rows[0]?.area_m2), geodesicArea(boxPolygon(105.83, 21.02, 105.835, 21.025))),
    ).toBeLessThan(1e-6);
    expect(rows[0]?.share_of_subject).toBe("1.000000");
    expect(conflict.stderr).toContain('in place of layer "zoning"');

    const clean = runCheckCli([
      "--catalog",
      CATALOG,
      "--format",
      "csv",
      "--proposal",
      join(PROPOSALS, "clean.geojson"),
    ]);
    expect(clean.status).toBe(0);
    expect(csvRows(clean.stdout)).toEqual([]);
  });
});

describe("npm run check: where files are found", SLOW, () => {
  let s: ReturnType<typeof scratchCopy>;
  beforeAll(() => {
    s = scratchCopy();
  });
  afterAll(() => s.done());

  it("resolves layer paths against the catalogue file, not the working directory", () => {
    // a catalogue in a sub-folder pointing up to the layers, run from an unrelated folder
    const nested = join(s.root, "mine", "review");
    mkdirSync(nested, { recursive: true });
    const catalog = JSON.parse(readFileSync(join(s.root, "basic", "catalog.json"), "utf8"));
    for (const layer of catalog.layers) layer.source = `../../basic/${layer.source}`;
    catalog.rules = "../../basic/rules.json";
    writeFileSync(join(nested, "catalog.json"), JSON.stringify(catalog));
    const elsewhere = join(s.root, "proposals");
    const r = runCheckCli(
      ["--catalog", "../mine/review/catalog.json", "--format", "csv"],
      elsewhere,
    );
    expect(r.status).toBe(1);
    expect(csvRows(r.stdout).map((x) => x.subject_id)).toEqual(["Z1", "Z3"]);
  });

  it("reads FlatGeobuf layers (.fgb) like GeoJSON ones", () => {
    const dir = join(s.root, "basic");
    const rice = JSON.parse(readFileSync(join(dir, "layers/national/rice.geojson"), "utf8"));
    writeFileSync(join(dir, "layers/national/rice.fgb"), writeFlatGeobuf(rice));
    const catalog = JSON.parse(readFileSync(join(dir, "catalog.json"), "utf8"));
    catalog.layers[1].source = "layers/national/rice.fgb";
    writeFileSync(join(dir, "catalog-fgb.json"), JSON.stringify(catalog));
    const fgb = runCheckCli(["--catalog", join(dir, "catalog-fgb.json"), "--format", "csv"]);
    expect(fgb.status).toBe(1);
    expect(fgb.stdout).toBe(baseline.stdout);
  });
});

describe("npm run check: --timings and threads", SLOW, () => {
  it("prints one JSON line of phase timings on stderr", () => {
    const t = timingsLine(baseline.stderr);
    for (const key of ["read_ms", "index_ms", "check_ms", "total_ms"]) {
      expect(typeof t[key]).toBe("number");
      expect(t[key] as number).toBeGreaterThanOrEqual(0);
    }
    const phases = (t.read_ms as number) + (t.index_ms as number) + (t.check_ms as number);
    expect(t.total_ms as number).toBeGreaterThanOrEqual(phases);
    expect(t).toMatchObject({ pairs: 2, findings: 2, workers: 1 });
    // the process's CPU time over the check phase, every thread
    expect(typeof t.check_cpu_ms).toBe("number");
    expect(t.check_cpu_ms as number).toBeGreaterThanOrEqual(0);
  });

  it("gives the same findings on two threads as on one", () => {
    const two = runCheckCli([
      "--catalog",
      CATALOG,
      "--format",
      "csv",
      "--workers",
      "2",
      "--timings",
    ]);
    expect(two.status).toBe(1);
    expect(timingsLine(two.stderr).workers).toBe(2);
    expect(two.stdout).toBe(baseline.stdout);
  });
});

describe("npm run check: bad input exits 2 naming the file and the feature", SLOW, () => {
  let s: ReturnType<typeof scratchCopy>;
  let dir: string;
  beforeAll(() => {
    s = scratchCopy();
    dir = join(s.root, "basic");
  });
  afterAll(() => s.done());
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const catalogWith = (name: string, edit: (c: { layers: Record<string, unknown>[] }) => void) => {
    const catalog = JSON.parse(readFileSync(join(dir, "catalog.json"), "utf8"));
    edit(catalog);
    return write(name, JSON.stringify(catalog));
  };

  it("a catalogue that is not JSON", () => {
    const path = write("broken.json", '{"version": 1,');
    expectBadInput(runCheckCli(["--catalog", path]), "broken.json", "JSON");
  });

  it("a catalogue that does not exist", () => {
    expectBadInput(
      runCheckCli(["--catalog", join(dir, "nowhere.json")]),
      "nowhere.json",
      "not found",
    );
  });

  it("a catalogue entry missing a field: names the entry and the field", () => {
    const path = catalogWith("no-source.json", (c) => {
      delete c.layers[1]?.source;
    });
    expectBadInput(
      runCheckCli(["--catalog", path]),
      // the place once, then the problem in Vietnamese / English
      'no-source.json: lớp / layer #1 "rice" source: Đầu vào không hợp lệ: mong đợi string, nhận được undefined / Invalid input: expected string, received undefined',
    );
  });

  it("a rules file with a bad rule: names the rule and the field", () => {
    const rules = JSON.parse(readFileSync(join(dir, "rules.json"), "utf8"));
    rules.rules[1].severity = "fatal";
    write("bad-rules.json", JSON.stringify(rules));
    const path = catalogWith("bad-rules-catalog.json", (c) => {
      (c as { rules?: string }).rules = "bad-rules.json";
    });
    expectBadInput(
      runCheckCli(["--catalog", path]),
      "bad-rules.json",
      'rule #1 "urban-near-park"',
      "severity",
    );
  });

  it("layer files that are missing: every one named, built layers with the data step's hint", () => {
    const path = catalogWith("missing-layer.json", (c) => {
      (c.layers[1] as { source: string }).source = "data/rice.fgb";
      (c.layers[2] as { source: string }).source = "layers/national/gone.geojson";
    });
    expectBadInput(
      runCheckCli(["--catalog", path]),
      join("layers", "national", "gone.geojson"),
      "file not found",
      join("data", "rice.fgb"),
      "run npm run data first",
    );
  });

  it("a layer file with a feature in projected metres: names the feature", () => {
    const rice = JSON.parse(readFileSync(join(dir, "layers/national/rice.geojson"), "utf8"));
    rice.features.push({
      type: "Feature",
      id: "R-VN2000",
      properties: {},
      geometry: PROJECTED_SQUARE,
    });
    write("layers/national/rice-metres.geojson", JSON.stringify(rice));
    const path = catalogWith("metres.json", (c) => {
      (c.layers[1] as { source: string }).source = "layers/national/rice-metres.geojson";
    });
    const r = runCheckCli(["--catalog", path, "--out", join(dir, "never.csv")]);
    expectBadInput(r, "rice-metres.geojson", "feature 2/2", 'id "R-VN2000"', "VN-2000");
    expect(existsSync(join(dir, "never.csv"))).toBe(false);
  });

  it("a proposal with a line where zones are expected: names the file and feature", () => {
    const path = write(
      "proposal-line.geojson",
      JSON.stringify({
        type: "FeatureCollection",
        features: [
          {
            type: "Feature",
            properties: { id: "road-1" },
            geometry: {
              type: "LineString",
              coordinates: [
                [105.8, 21],
                [105.81, 21.01],
              ],
            },
          },
        ],
      }),
    );
    expectBadInput(
      runCheckCli(["--catalog", CATALOG, "--proposal", path]),
      "proposal-line.geojson",
      "feature 1/1",
      'id "road-1"',
      "LineString",
    );
  });

  it("a proposal that is not GeoJSON", () => {
    const notJson = write("proposal.txt", "Khu A; Khu B");
    expectBadInput(
      runCheckCli(["--catalog", CATALOG, "--proposal", notJson]),
      "proposal.txt",
      "JSON",
    );
    // a lone Feature is a one-feature proposal since issue 7; JSON that is no GeoJSON is refused
    const topology = write("proposal-topo.geojson", '{"type":"Topology","objects":{},"arcs":[]}');
    expectBadInput(
      runCheckCli(["--catalog", CATALOG, "--proposal", topology]),
      "proposal-topo.geojson",
      "is TopoJSON",
    );
  });

  it("an unknown rule id or option", () => {
    expectBadInput(
      runCheckCli(["--catalog", CATALOG, "--rules", "no-such-rule"]),
      '"no-such-rule"',
      "urban-near-park",
    );
    expectBadInput(runCheckCli(["--catalog", CATALOG, "--colour"]), "--colour", "Usage");
    expectBadInput(runCheckCli(["--catalog", CATALOG, "--format", "xlsx"]), "xlsx");
  });
});
