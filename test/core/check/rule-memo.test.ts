import { describe, expect, it } from "vitest";
import type { Rule } from "../../../src/core/catalog/rules-schema";
import {
  checkPartition,
  checkPartitionAsync,
  mergeResults,
  type Partition,
  prepareChecks,
  type RuleMemo,
  ruleMemoKey,
} from "../../../src/core/check/index";
import type { CheckInput } from "../../../src/core/check/types";
import { checkFixture } from "../../worker/check-fixture";

/** The worker fixture as engine input: zones, rice land, districts, an overlap and a quota rule. */
function input(rules?: Rule[]): CheckInput {
  const { data, rules: all } = checkFixture();
  return { ...data, districts: data.districts ?? undefined, rules: rules ?? all };
}

/** Every partition of `count`, each checked with its own memo (as each worker keeps one). */
function runParts(source: CheckInput, count: number, memos?: RuleMemo[]) {
  const partials = Array.from({ length: count }, (_, index) => {
    const prepared = prepareChecks(source);
    const part: Partition = { index, count };
    const memo = memos?.[index];
    const partial = checkPartition(prepared, { part, ...(memo ? { memo } : {}) });
    return { partial, kernelWork: prepared.engine.stats.candidatePairs };
  });
  return {
    result: mergeResults(partials.map((p) => p.partial)),
    kernelWork: partials.reduce((sum, p) => sum + p.kernelWork, 0),
  };
}

describe("a memo of rule outcomes kept between runs over the same layers", () => {
  it("gives the result of a run without it, first filled and then answering every rule", () => {
    const source = input();
    const fresh = runParts(source, 2);
    expect(fresh.result.findings.length).toBeGreaterThan(3);
    expect(fresh.result.findings.some((f) => f.ruleType === "quota")).toBe(true);
    const memos: RuleMemo[] = [new Map(), new Map()];
    const filling = runParts(source, 2, memos);
    expect(filling.result).toEqual(fresh.result);
    expect(memos.map((m) => m.size)).toEqual([2, 2]);
    const answered = runParts(source, 2, memos);
    // Nothing checked again: no candidate pair was looked at, and the findings are the kept ones.
    expect(answered.kernelWork).toBe(0);
    expect(filling.kernelWork).toBeGreaterThan(0);
    expect(answered.result).toEqual(fresh.result);
    expect(answered.result.stats).toEqual(fresh.result.stats);
  });

  it("checks a rule again when another selection gives the partition other subjects of it", () => {
    const { rules } = checkFixture();
    const overlap = rules[0] as Rule;
    // Three subjects: the rule after it starts at unit 3, so partition 0 gets its odd subjects.
    const three: Rule = {
      ...overlap,
      id: "three-zones",
      subject: {
        layer: "zones",
        filter: { attribute: "zone_name", in: ["Khu 0", "Khu 1", "Khu 2"] },
      },
    };
    expect(prepareChecks(input([three])).units).toBe(3);
    const memos: RuleMemo[] = [new Map(), new Map()];
    runParts(input([three, overlap]), 2, memos);
    const alone = input([overlap]);
    const reused = runParts(alone, 2, memos);
    expect(reused.kernelWork).toBeGreaterThan(0);
    expect(reused.result).toEqual(runParts(alone, 2).result);
    // Checked alone now, it is kept for that share too: the next run alone checks nothing.
    expect(runParts(alone, 2, memos).kernelWork).toBe(0);
  });

  it("keeps only rules checked to their end: a stopped run leaves no partial outcome", async () => {
    const source = input();
    const memo: RuleMemo = new Map();
    const controller = new AbortController();
    const prepared = prepareChecks(source);
    let units = 0;
    await expect(
      checkPartitionAsync(prepared, {
        memo,
        signal: controller.signal,
        sliceMs: 0,
        onProgress: () => {
          units++;
          if (units === 2) controller.abort(new Error("stopped"));
        },
      }),
    ).rejects.toThrow("stopped");
    expect(memo.size).toBeLessThan(prepared.rules.length);
    const after = checkPartition(prepareChecks(source), { memo });
    const fresh = checkPartition(prepareChecks(source));
    expect(mergeResults([after])).toEqual(mergeResults([fresh]));
  });

  it("keys a rule by its text, the grid origin and the partition's share", () => {
    const { rules } = checkFixture();
    const rule = rules[0] as Rule;
    const key = ruleMemoKey(rule, "105,21", { index: 0, count: 2 }, 0);
    expect(ruleMemoKey(structuredClone(rule), "105,21", { index: 0, count: 2 }, 2)).toBe(key);
    expect(
      ruleMemoKey({ ...rule, severity: "warning" }, "105,21", { index: 0, count: 2 }, 0),
    ).not.toBe(key);
    expect(ruleMemoKey(rule, "106,21", { index: 0, count: 2 }, 0)).not.toBe(key);
    expect(ruleMemoKey(rule, "105,21", { index: 0, count: 3 }, 0)).not.toBe(key);
    expect(ruleMemoKey(rule, "105,21", { index: 0, count: 2 }, 1)).not.toBe(key);
  });
});
