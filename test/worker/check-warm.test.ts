import { describe, expect, it } from "vitest";
import { createCheckHandler } from "../../src/worker/check-handler";
import type { FromCheckWorker, ToCheckWorker } from "../../src/worker/check-protocol";
import { CheckRunner } from "../../src/worker/check-runner";
import { checkFixture, singleThreadResult } from "./check-fixture";
import { inProcessWorkers } from "./in-process-workers";

/** A handler whose replies are collected; `next(type)` resolves at the next reply of that type. */
function harness() {
  const messages: FromCheckWorker[] = [];
  const waiting: { type: string; resolve: (m: FromCheckWorker) => void }[] = [];
  const handle = createCheckHandler((message) => {
    messages.push(message);
    const at = waiting.findIndex((w) => w.type === message.type);
    if (at >= 0) waiting.splice(at, 1)[0]?.resolve(message);
  });
  const next = (type: FromCheckWorker["type"]) =>
    new Promise<FromCheckWorker>((resolve) => waiting.push({ type, resolve }));
  return { messages, handle, next };
}

const resultOf = (message: FromCheckWorker) => {
  if (message.type !== "result") throw new Error(`expected a result, got ${message.type}`);
  return message.partial;
};

describe("warming the check workers ahead of the click", () => {
  it("checks the rules on a warm message, answers only warmed, and the run reuses what it found", async () => {
    const { data, rules } = checkFixture();
    const { messages, handle, next } = harness();
    const part = { index: 0, count: 1 };
    handle({ type: "data", data });
    const warmed = next("warmed");
    handle({ type: "warm", runId: 0, rules, part });
    expect(await warmed).toEqual({ type: "warmed", runId: 0 });
    expect(messages).toEqual([{ type: "warmed", runId: 0 }]);
    const first = next("result");
    handle({ type: "run", runId: 1, rules, part });
    const run = resultOf(await first);
    const again = next("result");
    handle({ type: "run", runId: 2, rules, part });
    const rerun = resultOf(await again);
    // The same finding objects: kept by the worker, not found again.
    expect(rerun.findings[0]).toBe(run.findings[0]);
    const expected = singleThreadResult(data, rules);
    expect(run.findings.map((f) => f.id).sort()).toEqual(
      expected.findings
        .filter((f) => f.ruleType !== "quota")
        .map((f) => f.id)
        .sort(),
    );
    expect(run.stats).toEqual(expected.stats);
  });

  it("forgets what it found when new data arrives", async () => {
    const { data, rules } = checkFixture();
    const { handle, next } = harness();
    const part = { index: 0, count: 1 };
    handle({ type: "data", data });
    const first = next("result");
    handle({ type: "run", runId: 1, rules, part });
    expect(resultOf(await first).findings.some((f) => f.rule === "industry-on-rice")).toBe(true);
    // The same rules over a plan without rice land: nothing overlaps any more.
    const noRice = {
      ...data,
      layers: { ...data.layers, rice: { ...data.layers.rice, features: [] } },
    };
    handle({ type: "data", data: noRice as typeof data });
    const second = next("result");
    handle({ type: "run", runId: 2, rules, part });
    const after = resultOf(await second);
    expect(after.findings.some((f) => f.rule === "industry-on-rice")).toBe(false);
    expect(after.findings).toEqual(
      singleThreadResult(noRice as typeof data, rules).findings.filter(
        (f) => f.ruleType !== "quota",
      ),
    );
  });

  it("a run that comes during warming stops it and still gives the whole result", async () => {
    const { data, rules } = checkFixture();
    const { messages, handle, next } = harness();
    const part = { index: 0, count: 1 };
    handle({ type: "data", data });
    handle({ type: "warm", runId: 0, rules, part });
    const done = next("result");
    handle({ type: "run", runId: 1, rules, part });
    const run = resultOf(await done);
    expect(messages.some((m) => m.type === "warmed")).toBe(false);
    const expected = singleThreadResult(data, rules);
    expect(run.stats).toEqual(expected.stats);
  });

  it("the runner warms each worker with its partition, and the run after matches one thread", async () => {
    const { data, rules } = checkFixture();
    const { factory, started } = inProcessWorkers<ToCheckWorker, FromCheckWorker>(
      createCheckHandler,
    );
    const runner = new CheckRunner(factory, 2);
    runner.warm(data, rules);
    expect(started).toHaveLength(2);
    expect(
      started.map((w) =>
        w.sent.map((m) => (m.type === "warm" ? `warm ${m.part.index}/${m.part.count}` : m.type)),
      ),
    ).toEqual([
      ["data", "warm 0/2"],
      ["data", "warm 1/2"],
    ]);
    const outcome = await runner.run(data, rules, () => {});
    expect(outcome.status).toBe("done");
    if (outcome.status !== "done") return;
    const expected = singleThreadResult(data, rules);
    expect(outcome.result.findings.map((f) => f.id)).toEqual(expected.findings.map((f) => f.id));
    expect(outcome.result.summary).toEqual(expected.summary);
    // Warming never stands in for a run: a run while one is in progress is not warmed over.
    const pending = runner.run(data, rules, () => {});
    runner.warm(data, rules);
    expect(started.map((w) => w.sent.filter((m) => m.type === "warm").length)).toEqual([1, 1]);
    expect((await pending).status).toBe("done");
    runner.dispose();
  });
});
