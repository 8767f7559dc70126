import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { FeatureCollection } from "geojson";
import { beforeAll, describe, expect, it } from "vitest";
import { parseCatalog } from "../../src/core/catalog/parse-catalog";
import { parseRules, RULE_TYPES, type Rule } from "../../src/core/catalog/rules-schema";
import type { LayerEntry } from "../../src/core/catalog/schema";
import { runChecks } from "../../src/core/check/run-checks";
import type { CheckResult } from "../../src/core/check/types";
import { readFlatGeobuf } from "../../src/io/fgb-reader";

const LAYERS = join(__dirname, "../../layers");
const readJson = (file: string): unknown => JSON.parse(readFileSync(join(LAYERS, file), "utf8"));

const { catalog } = parseCatalog(readJson("catalog.json"));
const entries: LayerEntry[] = catalog?.layers ?? [];
const ids = new Set(entries.map((e) => e.id));
const parsed = parseRules(readJson(catalog?.rules ?? "rules.json"), ids);
const rules: Rule[] = parsed.rules;

describe("layers/rules.json", () => {
  it("is the catalogue's rules file and every rule parses and names catalogue layers", () => {
    expect(catalog?.rules).toBe("rules.json");
    expect(parsed.problems).toEqual([]);
    expect(rules.length).toBeGreaterThan(0);
  });

  it("has rules of every type", () => {
    expect(new Set(rules.map((r) => r.type))).toEqual(new Set(RULE_TYPES));
  });

  it("binds to the catalogue without problems (layer kinds fit each rule type)", () => {
    const empty: FeatureCollection = { type: "FeatureCollection", features: [] };
    const layers = Object.fromEntries([...ids].map((id) => [id, empty]));
    const result = runChecks({ layers, rules, catalog: entries, districts: empty });
    expect(result.problems).toEqual([]);
  });

  it("marks invented quota targets as illustrative", () => {
    for (const rule of rules) if (rule.type === "quota") expect(rule.illustrative).toBe(true);
  });
});

/** The layers the data step builds (`npm run data`); the CI test command builds them first. */
const built = existsSync(join(LAYERS, "../data/city-plan-zones.fgb"));

describe.skipIf(!built)("the shipped rules on the built illustrative layers", () => {
  let result: CheckResult;
  beforeAll(async () => {
    const layers: Record<string, FeatureCollection> = {};
    for (const entry of entries) {
      const file = join(LAYERS, entry.source);
      layers[entry.id] = entry.source.endsWith(".fgb")
        ? await readFlatGeobuf(new Uint8Array(readFileSync(file)))
        : (JSON.parse(readFileSync(file, "utf8")) as FeatureCollection);
    }
    result = runChecks({ layers, rules, catalog: entries, districts: layers["hanoi-districts"] });
  }, 60_000);

  const found = (rule: string) => result.findings.filter((f) => f.rule === rule);
  const constraints = (rule: string) => new Set(found(rule).map((f) => f.constraint?.featureId));

  it("runs every rule and computes every pair", () => {
    expect(result.problems).toEqual([]);
    expect(result.summary.map((s) => s.rule)).toEqual(rules.map((r) => r.id));
    expect(result.findings.filter((f) => f.status !== "ok")).toEqual([]);
  });

  it("finds the industrial parks planted on protected rice land and the zone in Ba Vì forest", () => {
    expect([...constraints("urban-on-protected-rice-land")]).toEqual(
      expect.arrayContaining(["LUC-07", "LUC-08"]),
    );
    expect([...constraints("urban-on-protected-forest")]).toContain("RDD-BAVI");
  });

  it("finds housing in the flood corridor, the dyke clearance and the transport corridors", () => {
    for (const rule of [
      "housing-in-flood-corridor",
      "housing-dyke-clearance",
      "housing-in-ring-road-4-corridor",
      "housing-in-high-speed-rail-corridor",
    ]) {
      expect(found(rule).length, rule).toBeGreaterThan(0);
    }
    expect([...constraints("housing-in-ring-road-4-corridor")]).toEqual(["VD4"]);
    for (const f of found("housing-dyke-clearance")) {
      expect(f.measures.distanceMeters).toBeLessThan(25);
    }
  });

  it("keeps every zone inside the city and reports quota, compatibility and geometry findings", () => {
    expect(found("zoning-within-city")).toEqual([]);
    for (const type of ["quota", "compatibility", "valid-geometry"] as const) {
      const ofType = result.findings.filter((f) => f.ruleType === type);
      expect(ofType.length, type).toBeGreaterThan(0);
    }
    for (const f of result.findings.filter((f) => f.ruleType === "quota")) {
      expect(f.illustrative).toBe(true);
    }
  });
});
