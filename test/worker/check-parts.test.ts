import { describe, expect, it, vi } from "vitest";
import type { Finding, PartialResult } from "../../src/core/check/index";
import { createCheckHandler } from "../../src/worker/check-handler";
import { CheckFindingParts, checkMessages, FINDINGS_PER_PART } from "../../src/worker/check-parts";
import type { FromCheckWorker, ToCheckWorker } from "../../src/worker/check-protocol";
import { CheckRunner } from "../../src/worker/check-runner";
import { finding } from "../state/check-finding";
import { checkFixture, singleThreadResult } from "./check-fixture";
import { inProcessWorkers } from "./in-process-workers";

/** A partition's result of `count` findings, the unit of finding i being 3i. */
function partialOf(count: number): PartialResult {
  return {
    rules: [{ id: "urban-on-rice", type: "no-overlap", severity: "error" }],
    findings: Array.from({ length: count }, (_, i) => finding({ id: `f${i}` })),
    units: Array.from({ length: count }, (_, i) => 3 * i),
    accumulators: [],
    problems: [],
    stats: { units: count, candidatePairs: 0, shortcutPairs: 0, kernelCalls: 0 },
  };
}

/** Check workers posting as the worker script does: each result in parts (`checkMessages`). */
const partsWorkers = () =>
  inProcessWorkers<ToCheckWorker, FromCheckWorker>((post) =>
    createCheckHandler((message) => {
      for (const part of checkMessages(message)) post(part);
    }),
  );

// Issue 7: each check worker's result (11 000 findings with their geometry for a proposal of
// 100 000 zones) reached the page as one message, read in one task of half a second or more. It
// now comes as parts of FINDINGS_PER_PART findings, each read in a task of its own.
describe("a check worker's result, sent in parts", () => {
  it("goes as parts of at most FINDINGS_PER_PART findings with their units, then the result", () => {
    const partial = partialOf(2 * FINDINGS_PER_PART + 5);
    const sent = [...checkMessages({ type: "result", runId: 4, partial })];
    expect(sent.map((m) => [m.type, m.type === "findings" ? m.findings.length : -1])).toEqual([
      ["findings", FINDINGS_PER_PART],
      ["findings", FINDINGS_PER_PART],
      ["findings", 5],
      ["result", -1],
    ]);
    const last = sent.at(-1);
    expect(last?.type === "result" && last.partial.findings).toEqual([]);
    // put together on the page, each part cloned as postMessage would: the partial itself
    const parts = new CheckFindingParts();
    let back: PartialResult | null = null;
    for (const m of sent.map((x) => structuredClone(x))) {
      if (m.type === "findings") parts.add(m);
      if (m.type === "result") back = parts.complete(m);
    }
    expect(back).toEqual(partial);
  });

  it("says which parts are missing rather than merging a partial result", () => {
    const partial = partialOf(FINDINGS_PER_PART + 1);
    const [first, , result] = [...checkMessages({ type: "result", runId: 1, partial })];
    const parts = new CheckFindingParts();
    if (first?.type === "findings") parts.add(first);
    expect(() => parts.complete(result as Extract<FromCheckWorker, { type: "result" }>)).toThrow(
      `${FINDINGS_PER_PART} of ${FINDINGS_PER_PART + 1} items arrived`,
    );
  });

  it("reaches CheckRunner's outcome as the single-thread check gives it, merged a task later", async () => {
    const { data, rules } = checkFixture();
    const { factory } = partsWorkers();
    const runner = new CheckRunner(factory, 2);
    const outcome = await runner.run(data, rules, () => {});
    const expected = singleThreadResult(data, rules);
    expect(outcome.status === "done" && outcome.result.findings).toEqual(expected.findings);
    expect(outcome.status === "done" && outcome.result.summary).toEqual(expected.summary);
    runner.dispose();
  });

  it("a run cancelled while its parts arrive never delivers them", async () => {
    const { data, rules } = checkFixture();
    const { factory } = partsWorkers();
    const runner = new CheckRunner(factory, 2);
    const seen = vi.fn();
    const pending = runner.run(data, rules, seen);
    runner.cancel();
    await expect(pending).resolves.toEqual({ status: "cancelled" });
    const again = await runner.run(data, rules, () => {});
    expect(again.status === "done" && again.result.findings.map((f: Finding) => f.id)).toEqual(
      singleThreadResult(data, rules).findings.map((f) => f.id),
    );
    runner.dispose();
  });
});
