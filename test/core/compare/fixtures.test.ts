import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { comparePlans } from "../../../src/core/compare/compare-plans";
import type { PlanComparison } from "../../../src/core/compare/types";
import { compareInput, readCompareFixture } from "./fixture-input";

const ROOT = join(__dirname, "../../fixtures/compare");
/** A number rounded to `step` and written with `digits` decimals at most. */
const tidy = (value: number | null, step: number, digits: number) =>
  value === null ? null : Number((Math.round(value / step) * step).toFixed(digits));

/**
 * What a fixture's expected output pins down: pieces (areas to 0.1 m²), summary (hectares to
 * 1e-5), problems, and the work counters (which pairs took a shortcut, which were clipped).
 */
function summarize(result: PlanComparison) {
  const { summary } = result;
  return {
    pieces: result.pieces.map((p) => ({
      id: p.id,
      kind: p.kind,
      status: p.status,
      ...(p.reason ? { reason: p.reason } : {}),
      from: p.from,
      to: p.to,
      current: p.current,
      proposal: p.proposal,
      geometryType: p.geometry?.type ?? null,
      areaSquareMeters: tidy(p.areaSquareMeters, 0.1, 1),
      districts: p.districts,
    })),
    summary: {
      transitions: summary.transitions.map((t) => ({
        ...t,
        areaSquareMeters: tidy(t.areaSquareMeters, 0.1, 1),
        hectares: tidy(t.hectares, 1e-5, 5),
      })),
      codes: summary.codes.map((c) => ({
        ...c,
        hectaresBefore: tidy(c.hectaresBefore, 1e-5, 5),
        hectaresAfter: tidy(c.hectaresAfter, 1e-5, 5),
        hectaresChange: tidy(c.hectaresChange, 1e-5, 5),
        hectaresUnchanged: tidy(c.hectaresUnchanged, 1e-5, 5),
      })),
      totals: {
        ...summary.totals,
        changedHectares: tidy(summary.totals.changedHectares, 1e-5, 5),
        addedHectares: tidy(summary.totals.addedHectares, 1e-5, 5),
        removedHectares: tidy(summary.totals.removedHectares, 1e-5, 5),
        unchangedHectares: tidy(summary.totals.unchangedHectares, 1e-5, 5),
        belowTolerance: {
          pieces: summary.totals.belowTolerance.pieces,
          squareMeters: tidy(summary.totals.belowTolerance.squareMeters, 0.01, 2),
        },
      },
      toleranceSquareMeters: summary.toleranceSquareMeters,
      attributes: summary.attributes,
    },
    problems: result.problems,
    stats: result.stats,
  };
}

describe("comparison fixtures", () => {
  for (const file of readdirSync(join(ROOT, "in")).filter((f) => f.endsWith(".geojson"))) {
    const name = file.replace(/\.geojson$/, "");
    it(name, () => {
      const { current, proposal, options } = compareInput(readCompareFixture(name));
      const actual = summarize(comparePlans(current, proposal, options));
      const outFile = join(ROOT, "out", `${name}.json`);
      if (process.env.UPDATE) {
        mkdirSync(join(ROOT, "out"), { recursive: true });
        writeFileSync(outFile, `${JSON.stringify(actual, null, 2)}\n`);
      }
      expect(actual).toEqual(JSON.parse(readFileSync(outFile, "utf8")));
    });
  }
});
