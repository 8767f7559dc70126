import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  FINDING_FORMATS,
  type FindingFormat,
  findingsToGeoJson,
  formatFindingsCsv,
  resultChunks,
} from "../../../src/core/check/format-findings";
import { runChecks } from "../../../src/core/check/run-checks";
import type { CheckResult } from "../../../src/core/check/types";
import { fixtureInput, readFixture } from "./fixture-input";

/** Real results: every rule fixture (findings of each rule type, with and without geometry). */
const FIXTURES = join(__dirname, "../../fixtures/check");
const types = readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory());
const results: [string, CheckResult][] = types.flatMap(({ name: type }) =>
  readdirSync(join(FIXTURES, type, "in")).map((file): [string, CheckResult] => {
    const name = file.replace(/\.geojson$/, "");
    return [`${type}/${name}`, runChecks(fixtureInput(readFixture(type, name)))];
  }),
);
const streamed = (result: CheckResult, format: FindingFormat) =>
  [...resultChunks(result, format)].join("");

describe("resultChunks: the output text in pieces", () => {
  it("has results with findings of several kinds to compare (not vacuous)", () => {
    const findings = results.flatMap(([, r]) => r.findings);
    expect(findings.length).toBeGreaterThan(10);
    expect(new Set(findings.map((f) => f.ruleType)).size).toBeGreaterThan(2);
    expect(findings.some((f) => f.geometry !== null)).toBe(true);
  });

  it.each(results)("%s: JSON is byte for byte JSON.stringify(result) and a line break", (_, r) => {
    expect(streamed(r, "json")).toBe(`${JSON.stringify(r)}\n`);
  });

  it.each(results)("%s: GeoJSON is byte for byte the FeatureCollection's JSON", (_, r) => {
    expect(streamed(r, "geojson")).toBe(`${JSON.stringify(findingsToGeoJson(r.findings))}\n`);
  });

  it.each(results)("%s: CSV is the same text as formatFindingsCsv", (_, r) => {
    expect(streamed(r, "csv")).toBe(formatFindingsCsv(r.findings));
  });

  it("yields one piece per finding, not the whole text at once", () => {
    const [, r] = results.reduce((a, b) => (b[1].findings.length > a[1].findings.length ? b : a));
    expect(r.findings.length).toBeGreaterThan(1);
    for (const format of FINDING_FORMATS) {
      const pieces = [...resultChunks(r, format)];
      expect(pieces.length).toBeGreaterThan(r.findings.length);
      const longest = pieces.reduce((m, p) => Math.max(m, p.length), 0);
      expect(longest).toBeLessThan(streamed(r, format).length / 2);
    }
  });
});
