import { describe, expect, it } from "vitest";
import { parseRules } from "../../src/core/catalog/rules-schema";
import { type CheckProblem, type CheckResult, runChecks } from "../../src/core/check/index";
import {
  checkerNotes,
  problemStopsRule,
  runCoverage,
  splitRunnable,
  verdictOf,
} from "../../src/state/check-coverage";
import type { LayerFailure } from "../../src/state/check-data";
import type { CheckRun } from "../../src/state/check-state";
import type { LoadFailure } from "../../src/state/load-failure";
import { checkFixture } from "../worker/check-fixture";

const fixture = checkFixture();
/** The fixture's two rules (both read "zones" and "rice") and one that reads "zones" only. */
const rules = [
  ...fixture.rules,
  ...parseRules({
    version: 1,
    rules: [
      {
        id: "zones-geometry",
        title: { vi: "Hình học", en: "Geometry" },
        description: { vi: "Thử", en: "Test" },
        severity: "warning",
        type: "valid-geometry",
        subject: { layer: "zones" },
      },
    ],
  }).rules,
];
const ids = rules.map((r) => r.id);

const truncatedRice: LoadFailure = {
  file: "national/rice.fgb",
  reason: "fgb",
  detail: "the file ends inside the size of feature 3/3 (byte 166): it is cut short",
  message: {
    vi: "tệp kết thúc giữa kích thước của đối tượng 3/3 (byte 166): tệp bị cắt cụt",
    en: "the file ends inside the size of feature 3/3 (byte 166): it is cut short",
  },
};
const riceFailed: LayerFailure[] = [{ layer: "rice", failure: truncatedRice }];

/** The engine's real answer for `rules` over the fixture's layers minus `without`. */
function engineRun(selected = rules, without: string[] = []): CheckResult {
  const layers = Object.fromEntries(
    Object.entries(fixture.data.layers).filter(([id]) => !without.includes(id)),
  );
  return runChecks({
    layers,
    rules: selected,
    catalog: fixture.data.catalog,
    districts: fixture.data.districts ?? undefined,
  });
}

const problem = (rule: string | null, severity: "error" | "warning"): CheckProblem => ({
  rule,
  severity,
  message: { vi: `vấn đề ${rule}`, en: `problem ${rule}` },
});

const run = (result: CheckResult, skipped: CheckRun["skipped"] = []) => ({
  rules: ids,
  skipped,
  result,
});

describe("problemStopsRule", () => {
  it("reads an error as a rule that did not run, a warning as one that ran", () => {
    expect(problemStopsRule(problem("r", "error"))).toBe(true);
    expect(problemStopsRule(problem("r", "warning"))).toBe(false);
  });
});

describe("splitRunnable", () => {
  it("keeps the rules whose layers loaded and names the failed layer of the others", () => {
    const { runnable, blocked } = splitRunnable(rules, riceFailed);
    expect(runnable.map((r) => r.id)).toEqual(["zones-geometry"]);
    expect(blocked).toEqual([
      { rule: "industry-on-rice", unreadable: riceFailed, problems: [] },
      { rule: "rice-minimum", unreadable: riceFailed, problems: [] },
    ]);
  });

  it("lists a layer once for a rule that reads it as subject and constraint", () => {
    const zones: LayerFailure = { layer: "zones", failure: { ...truncatedRice, file: "z.fgb" } };
    const { runnable, blocked } = splitRunnable(rules, [zones, ...riceFailed]);
    expect(runnable).toEqual([]);
    expect(blocked.map((b) => b.unreadable.map((u) => u.layer))).toEqual([
      ["zones", "rice"],
      ["zones", "rice"],
      ["zones"],
    ]);
  });

  it("blocks nothing when every layer loaded", () => {
    expect(splitRunnable(rules, []).runnable).toEqual(rules);
  });
});

describe("runCoverage", () => {
  it("is complete when every selected rule ran", () => {
    const coverage = runCoverage(run(engineRun()));
    expect(coverage).toEqual({ ran: ids, notRun: [], general: [], complete: true });
  });

  it("lists the rules not sent for want of a layer, in selection order", () => {
    const { runnable, blocked } = splitRunnable(rules, riceFailed);
    const coverage = runCoverage(run(engineRun(runnable), blocked));
    expect(coverage.ran).toEqual(["zones-geometry"]);
    expect(coverage.notRun).toEqual(blocked);
    expect(coverage.complete).toBe(false);
  });

  it("lists the rules the engine left out, with its words", () => {
    // Sent to the engine without the rice layer: it skips both rice rules and says so.
    const result = engineRun(rules, ["rice"]);
    expect(result.problems.map((p) => p.rule)).toEqual(["industry-on-rice", "rice-minimum"]);
    const coverage = runCoverage(run(result));
    expect(coverage.ran).toEqual(["zones-geometry"]);
    expect(coverage.notRun.map((n) => [n.rule, n.problems])).toEqual([
      ["industry-on-rice", [result.problems[0]]],
      ["rice-minimum", [result.problems[1]]],
    ]);
    expect(coverage.complete).toBe(false);
  });

  it("counts a rule with a warning as run, and one with an error as not run", () => {
    const result = engineRun();
    const coverage = runCoverage(
      run({
        ...result,
        problems: [problem("industry-on-rice", "warning"), problem("rice-minimum", "error")],
      }),
    );
    expect(coverage.ran).toEqual(["industry-on-rice", "zones-geometry"]);
    expect(coverage.notRun).toEqual([
      { rule: "rice-minimum", unreadable: [], problems: [problem("rice-minimum", "error")] },
    ]);
  });

  it("counts a rule missing from the engine's totals as not run, even without a word", () => {
    const result = engineRun();
    const coverage = runCoverage(
      run({ ...result, summary: result.summary.filter((s) => s.rule !== "rice-minimum") }),
    );
    expect(coverage.notRun).toEqual([{ rule: "rice-minimum", unreadable: [], problems: [] }]);
  });

  it("is incomplete when the engine reports an error tied to no rule", () => {
    const coverage = runCoverage(run({ ...engineRun(), problems: [problem(null, "error")] }));
    expect(coverage.ran).toEqual(ids);
    expect(coverage.general).toEqual([problem(null, "error")]);
    expect(coverage.complete).toBe(false);
  });
});

describe("verdictOf", () => {
  const none = runCoverage(run(engineRun()));
  const some = runCoverage(run(engineRun(rules, ["rice"])));
  const nothing = runCoverage(run({ ...engineRun(), summary: [] }));

  it("says “no conflicts” only for a complete check without findings", () => {
    expect(verdictOf(none, 0)).toBe("no-conflicts");
    expect(verdictOf(some, 0)).toBe("none-from-rules-run");
    expect(verdictOf(nothing, 0)).toBe("nothing-checked");
  });

  it("shows the findings whenever there are some", () => {
    for (const coverage of [none, some, nothing]) expect(verdictOf(coverage, 2)).toBe("findings");
  });
});

describe("checkerNotes", () => {
  it("keeps the problems not already given as why a rule did not run", () => {
    const own = problem("rice-minimum", "error");
    const layer = problem(null, "error");
    const caveat = problem("industry-on-rice", "warning");
    const problems = [own, layer, caveat];
    const coverage = runCoverage(run({ ...engineRun(), problems }));
    expect(coverage.notRun.map((n) => n.problems)).toEqual([[own]]);
    expect(checkerNotes(problems, coverage)).toEqual([layer, caveat]);
  });
});
