import { describe, expect, it } from "vitest";
import { createCheckHandler } from "../../src/worker/check-handler";
import type { FromCheckWorker } from "../../src/worker/check-protocol";
import { checkFixture, singleThreadResult } from "./check-fixture";

/** A handler whose replies are collected; `settled` resolves at the run's last message. */
function harness() {
  const messages: FromCheckWorker[] = [];
  let settle: () => void = () => {};
  const settled = new Promise<void>((resolve) => {
    settle = resolve;
  });
  const handle = createCheckHandler((message) => {
    messages.push(message);
    if (message.type !== "progress") settle();
  });
  return { messages, handle, settled };
}

describe("the check worker's message loop", () => {
  it("checks its partition of the data sent once and reports progress up to its total", async () => {
    const { data, rules } = checkFixture();
    const { messages, handle, settled } = harness();
    handle({ type: "data", data });
    handle({ type: "run", runId: 7, rules, part: { index: 0, count: 1 } });
    await settled;
    const progress = messages.filter((m) => m.type === "progress");
    const last = messages.at(-1);
    expect(last?.type).toBe("result");
    expect(progress[0]).toMatchObject({ runId: 7, done: 0 });
    const total = progress[0]?.type === "progress" ? progress[0].total : -1;
    expect(total).toBeGreaterThan(0);
    expect(progress.at(-1)).toMatchObject({ done: total, total });
    const expected = singleThreadResult(data, rules);
    expect(expected.findings.filter((f) => f.rule === "industry-on-rice").length).toBeGreaterThan(
      2,
    );
    const partial = last?.type === "result" ? last.partial : null;
    expect(partial?.findings.map((f) => f.id).sort()).toEqual(
      expected.findings
        .filter((f) => f.rule !== "rice-minimum")
        .map((f) => f.id)
        .sort(),
    );
  });

  it("stops a run on cancel and answers cancelled, without a result", async () => {
    const { data, rules } = checkFixture();
    const { messages, handle, settled } = harness();
    handle({ type: "data", data });
    handle({ type: "run", runId: 1, rules, part: { index: 0, count: 1 } });
    handle({ type: "cancel", runId: 1 });
    await settled;
    expect(messages.at(-1)).toEqual({ type: "cancelled", runId: 1 });
    expect(messages.some((m) => m.type === "result")).toBe(false);
  });

  it("ignores a cancel for another run", async () => {
    const { data, rules } = checkFixture();
    const { messages, handle, settled } = harness();
    handle({ type: "data", data });
    handle({ type: "run", runId: 2, rules, part: { index: 1, count: 2 } });
    handle({ type: "cancel", runId: 1 });
    await settled;
    expect(messages.at(-1)?.type).toBe("result");
  });

  it("reports a run without data as an error naming the cause", async () => {
    const { rules } = checkFixture();
    const { messages, handle, settled } = harness();
    handle({ type: "run", runId: 3, rules, part: { index: 0, count: 1 } });
    await settled;
    expect(messages.at(-1)).toMatchObject({ type: "error", runId: 3 });
    expect(messages.at(-1)).toHaveProperty("message", expect.stringMatching(/no data/));
  });
});
