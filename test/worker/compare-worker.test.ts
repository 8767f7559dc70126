import { afterEach, describe, expect, it, vi } from "vitest";
import { comparePlans } from "../../src/core/compare/index";
import { CANCEL_GRACE_MS } from "../../src/worker/check-runner";
import { createCompareHandler } from "../../src/worker/compare-handler";
import type {
  CompareRequest,
  FromCompareWorker,
  ToCompareWorker,
} from "../../src/worker/compare-protocol";
import { CompareRunner } from "../../src/worker/compare-runner";
import { compareGrid } from "../support/compare-grid";
import { inProcessWorkers } from "./in-process-workers";

/** A handler whose replies are collected; `settled` resolves at the run's last message. */
function harness(sliceMs?: number) {
  const messages: FromCompareWorker[] = [];
  let settle: () => void = () => {};
  const settled = new Promise<void>((resolve) => {
    settle = resolve;
  });
  const handle = createCompareHandler((message) => {
    messages.push(message);
    if (message.type !== "progress") settle();
  }, sliceMs);
  return { messages, handle, settled };
}

/** Compare workers running the real message loop in this thread (see `inProcessWorkers`). */
const compareWorkers = (options: { firstStuck?: boolean } = {}) =>
  inProcessWorkers<ToCompareWorker, FromCompareWorker>(createCompareHandler, options);

const request = (n = 8) =>
  ({ ...compareGrid(n), options: { geometry: true } }) satisfies CompareRequest;

afterEach(() => {
  vi.useRealTimers();
});

describe("the compare worker's message loop", () => {
  it("compares, reports progress up to the total, and answers the same as comparePlans", async () => {
    const { messages, handle, settled } = harness();
    const r = request();
    handle({ type: "compare", runId: 4, request: r });
    await settled;
    const last = messages.at(-1);
    expect(last?.type).toBe("result");
    expect(last?.type === "result" && last.comparison).toEqual(
      comparePlans(r.current, r.proposal, r.options),
    );
    const progress = messages.filter((m) => m.type === "progress");
    expect(progress.at(-1)).toEqual({ type: "progress", runId: 4, done: 128, total: 128 });
  });

  it("stops on cancel and answers cancelled, without a result", async () => {
    const { messages, handle, settled } = harness();
    handle({ type: "compare", runId: 1, request: request(12) });
    handle({ type: "cancel", runId: 1 });
    await settled;
    expect(messages.at(-1)).toEqual({ type: "cancelled", runId: 1 });
    expect(messages.some((m) => m.type === "result")).toBe(false);
  });

  it("hears a cancel sent while it compares (the comparison pauses between slices)", async () => {
    // slices of one zone: the first pause comes after the first zone, whatever the machine's speed
    const { messages, handle, settled } = harness(0);
    handle({ type: "compare", runId: 2, request: request(12) });
    // a later task, as a message from the page would be
    setTimeout(() => handle({ type: "cancel", runId: 2 }), 0);
    await settled;
    expect(messages.at(-1)).toEqual({ type: "cancelled", runId: 2 });
  }, 60_000);

  it("ignores a cancel for another run", async () => {
    const { messages, handle, settled } = harness();
    handle({ type: "compare", runId: 3, request: request(4) });
    handle({ type: "cancel", runId: 2 });
    await settled;
    expect(messages.at(-1)?.type).toBe("result");
  });

  it("reports a failure of the run as an error with its message", async () => {
    const { messages, handle, settled } = harness();
    const broken = { current: null, proposal: null } as unknown as CompareRequest;
    handle({ type: "compare", runId: 5, request: broken });
    await settled;
    expect(messages.at(-1)).toMatchObject({ type: "error", runId: 5 });
  });
});

describe("CompareRunner", () => {
  it("runs the comparison on its worker and resolves with the result and progress", async () => {
    const { factory, started } = compareWorkers();
    const runner = new CompareRunner(factory);
    const r = request();
    const progress: [number, number][] = [];
    const outcome = await runner.run(r, (done, total) => progress.push([done, total]));
    expect(outcome.status).toBe("done");
    if (outcome.status !== "done") return;
    expect(outcome.comparison).toEqual(comparePlans(r.current, r.proposal, r.options));
    expect(outcome.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(progress.at(-1)).toEqual([128, 128]);
    // the worker is kept for the next run
    await runner.run(r);
    expect(started).toHaveLength(1);
    runner.dispose();
    expect(started[0]?.terminated).toBe(true);
  });

  it("resolves a cancelled run as cancelled, never delivers its result, and stays usable", async () => {
    const { factory } = compareWorkers();
    const runner = new CompareRunner(factory);
    const progress = vi.fn();
    const pending = runner.run(request(), progress);
    runner.cancel();
    expect(runner.running).toBe(false);
    await expect(pending).resolves.toEqual({ status: "cancelled" });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(progress).not.toHaveBeenCalled();
    expect((await runner.run(request(4))).status).toBe("done");
    runner.dispose();
  });

  it("a new run replaces the one in progress", async () => {
    const { factory } = compareWorkers();
    const runner = new CompareRunner(factory);
    const first = runner.run(request(12));
    const second = runner.run(request(4));
    await expect(first).resolves.toEqual({ status: "cancelled" });
    const outcome = await second;
    expect(outcome.status === "done" && outcome.comparison.stats.currentZones).toBe(16);
    runner.dispose();
  });

  it("terminates a worker that does not confirm a cancel in time, and starts a fresh one", async () => {
    vi.useFakeTimers();
    const { factory, started } = compareWorkers({ firstStuck: true });
    const runner = new CompareRunner(factory);
    const pending = runner.run(request(4));
    runner.cancel();
    await expect(pending).resolves.toEqual({ status: "cancelled" });
    await vi.advanceTimersByTimeAsync(CANCEL_GRACE_MS + 10);
    expect(started[0]?.terminated).toBe(true);
    const next = runner.run(request(4));
    await vi.runAllTimersAsync();
    expect((await next).status).toBe("done");
    expect(started).toHaveLength(2);
    runner.dispose();
  });

  it("fails the run when the worker breaks or the data cannot be sent", async () => {
    let breakWorker: (message: string) => void = () => {};
    const runner = new CompareRunner((_onMessage, onFailure) => {
      breakWorker = onFailure;
      return { post: () => {}, terminate: () => {} };
    });
    const pending = runner.run(request(2));
    breakWorker("compare worker failed to start");
    await expect(pending).resolves.toEqual({
      status: "failed",
      message: "compare worker failed to start",
    });
    expect(runner.running).toBe(false);
    const unclonable = new CompareRunner(() => ({
      post: () => {
        throw new Error("DataCloneError: could not be cloned");
      },
      terminate: () => {},
    }));
    await expect(unclonable.run(request(2))).resolves.toMatchObject({
      status: "failed",
      message: expect.stringMatching(/clone/),
    });
    runner.dispose();
    unclonable.dispose();
    await expect(unclonable.run(request(2))).resolves.toMatchObject({ status: "failed" });
  });
});
