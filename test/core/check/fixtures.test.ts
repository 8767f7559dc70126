import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runChecks } from "../../../src/core/check/run-checks";
import type { CheckResult } from "../../../src/core/check/types";
import { flatCoordinatesOf } from "../../../src/core/geo/flat-coordinates";
import { type Fixture, fixtureInput, readFixture } from "./fixture-input";

const ROOT = join(__dirname, "../../fixtures/check");
const round = (value: number | null | undefined, step: number) =>
  value === null || value === undefined ? value : Math.round(value / step) * step;
const tidy = (value: number | null | undefined, digits: number) =>
  value === null || value === undefined ? value : Number(value.toFixed(digits));

/** What a fixture's expected output pins down: ids, areas to 0.1 m², shares, measures, districts. */
function summarize(result: CheckResult) {
  return {
    findings: result.findings.map((f) => ({
      id: f.id,
      rule: f.rule,
      severity: f.severity,
      status: f.status,
      ...(f.reason ? { reason: f.reason } : {}),
      subject: f.subject,
      constraint: f.constraint,
      ...(f.group ? { group: f.group } : {}),
      ...(f.problem ? { problem: f.problem } : {}),
      prevailing: f.prevailing?.layerId ?? null,
      geometryType: f.geometry?.type ?? null,
      areaSquareMeters: tidy(round(f.areaSquareMeters, 0.1), 1),
      shareOfSubject: tidy(f.shareOfSubject, 4),
      measures: Object.fromEntries(
        Object.entries(f.measures).map(([k, v]) => [k, typeof v === "number" ? tidy(v, 2) : v]),
      ),
      districts: f.districts,
    })),
    problems: result.problems,
  };
}

for (const type of readdirSync(ROOT, { withFileTypes: true }).filter((d) => d.isDirectory())) {
  describe(`${type.name} fixtures`, () => {
    const inDir = join(ROOT, type.name, "in");
    for (const file of readdirSync(inDir).filter((f) => f.endsWith(".geojson"))) {
      const name = file.replace(/\.geojson$/, "");
      it(name, () => {
        const actual = summarize(runChecks(fixtureInput(readFixture(type.name, name))));
        const outFile = join(ROOT, type.name, "out", `${name}.json`);
        if (process.env.UPDATE) {
          mkdirSync(join(ROOT, type.name, "out"), { recursive: true });
          writeFileSync(outFile, `${JSON.stringify(actual, null, 2)}\n`);
        }
        expect(actual).toEqual(JSON.parse(readFileSync(outFile, "utf8")));
      });
      it(`${name}, coordinates held flat: the same result to the last bit`, () => {
        const flat = readFixture(type.name, name, { flat: true });
        const before = stillFlat(flat);
        const result = runChecks(fixtureInput(flat));
        heldFlat.read += before;
        heldFlat.unbuilt += stillFlat(flat);
        expect(result).toEqual(runChecks(fixtureInput(readFixture(type.name, name))));
      });
    }
  });
}

/** Features of a fixture whose coordinates are held flat still (not built as arrays). */
const stillFlat = (fixture: Fixture) =>
  fixture.features.filter((f) => flatCoordinatesOf(f.geometry)).length;

/** Over every fixture: features read flat, and those the check never needed as arrays. */
const heldFlat = { read: 0, unbuilt: 0 };

afterAll(() => {
  // the flat paths ran: most features were read flat, and most of those were checked flat
  expect(heldFlat.read).toBeGreaterThan(200);
  expect(heldFlat.unbuilt).toBeGreaterThan(heldFlat.read / 4);
});
