import { afterEach, describe, expect, it, vi } from "vitest";
import { createCheckHandler } from "../../src/worker/check-handler";
import type { FromCheckWorker, ToCheckWorker } from "../../src/worker/check-protocol";
import {
  CANCEL_GRACE_MS,
  CheckRunner,
  type CheckWorkerFactory,
} from "../../src/worker/check-runner";
import { checkFixture, singleThreadResult } from "./check-fixture";
import { inProcessWorkers } from "./in-process-workers";

/** Check workers running the real message loop in this thread (see `inProcessWorkers`). */
const checkWorkers = (options: { firstStuck?: boolean } = {}) =>
  inProcessWorkers<ToCheckWorker, FromCheckWorker>(createCheckHandler, options);

afterEach(() => {
  vi.useRealTimers();
});

describe("CheckRunner", () => {
  it("splits the work over two workers and merges to the single-thread result", async () => {
    const { data, rules } = checkFixture();
    const { factory, started } = checkWorkers();
    const runner = new CheckRunner(factory, 2);
    const progress: [number, number][] = [];
    // A clock the test moves: the run starts at 1000 ms and its workers answer at 1750 ms.
    let clock = 1000;
    const now = vi.spyOn(performance, "now").mockImplementation(() => clock);
    const pending = runner.run(data, rules, (done, total) => progress.push([done, total]));
    clock = 1750;
    const outcome = await pending;
    now.mockRestore();
    const expected = singleThreadResult(data, rules);
    expect(outcome.status).toBe("done");
    if (outcome.status !== "done") return;
    expect(expected.findings.length).toBeGreaterThan(3);
    expect(outcome.result.findings.map((f) => f.id)).toEqual(expected.findings.map((f) => f.id));
    expect(outcome.result.summary).toEqual(expected.summary);
    expect(outcome.elapsedMs).toBe(750);
    expect(started).toHaveLength(2);
    const runs = started.map((w) => w.sent.find((m) => m.type === "run"));
    expect(runs.map((m) => (m?.type === "run" ? m.part : null))).toEqual([
      { index: 0, count: 2 },
      { index: 1, count: 2 },
    ]);
    const [done, total] = progress.at(-1) ?? [0, 0];
    expect(total).toBe(expected.stats.units);
    expect(done).toBe(total);
    runner.dispose();
  });

  it("sends the data to each worker once, however many runs follow", async () => {
    const { data, rules } = checkFixture();
    const { factory, started } = checkWorkers();
    const runner = new CheckRunner(factory, 2);
    runner.warm(data);
    await runner.run(data, rules, () => {});
    await runner.run(data, rules.slice(0, 1), () => {});
    for (const worker of started) {
      expect(worker.sent.filter((m) => m.type === "data")).toHaveLength(1);
      expect(worker.sent.filter((m) => m.type === "run")).toHaveLength(2);
    }
    const changed = { ...data, layers: { ...data.layers } };
    await runner.run(changed, rules, () => {});
    for (const worker of started)
      expect(worker.sent.filter((m) => m.type === "data")).toHaveLength(2);
    runner.dispose();
  });

  it("resolves a cancelled run as cancelled and never delivers its findings", async () => {
    const { data, rules } = checkFixture();
    const { factory } = checkWorkers();
    const runner = new CheckRunner(factory, 2);
    const progress = vi.fn();
    const pending = runner.run(data, rules, progress);
    runner.cancel();
    expect(runner.running).toBe(false);
    await expect(pending).resolves.toEqual({ status: "cancelled" });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(progress).not.toHaveBeenCalled();
    // The workers stay usable.
    const next = await runner.run(data, rules, () => {});
    expect(next.status).toBe("done");
    runner.dispose();
  });

  it("is still running while it merges the workers' results: a cancel then wins", async () => {
    const { data, rules } = checkFixture();
    const workers = checkWorkers();
    let results = 0;
    let runner: CheckRunner | null = null;
    let runningAfterLast: boolean | null = null;
    // each worker's messages as they reach the runner; after the last result, a cancel at once
    const factory: CheckWorkerFactory = (onMessage) =>
      workers.factory((message) => {
        onMessage(message);
        if (message.type === "result" && ++results === 2) {
          runningAfterLast = runner?.running ?? null;
          runner?.cancel();
        }
      });
    runner = new CheckRunner(factory, 2);
    await expect(runner.run(data, rules, () => {})).resolves.toEqual({ status: "cancelled" });
    expect(runningAfterLast).toBe(true);
    // nothing is delivered late, and the workers stay usable
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(runner.running).toBe(false);
    expect((await runner.run(data, rules, () => {})).status).toBe("done");
    runner.dispose();
  });

  it("a new run replaces the one in progress", async () => {
    const { data, rules } = checkFixture();
    const { factory } = checkWorkers();
    const runner = new CheckRunner(factory, 2);
    const first = runner.run(data, rules, () => {});
    const second = runner.run(data, rules.slice(0, 1), () => {});
    await expect(first).resolves.toEqual({ status: "cancelled" });
    const outcome = await second;
    expect(outcome.status === "done" && outcome.result.summary.map((s) => s.rule)).toEqual([
      "industry-on-rice",
    ]);
    runner.dispose();
  });

  it("terminates a worker that does not confirm a cancel in time, and replaces it", async () => {
    vi.useFakeTimers();
    const { data, rules } = checkFixture();
    const { factory, started } = checkWorkers({ firstStuck: true });
    const runner = new CheckRunner(factory, 1);
    const pending = runner.run(data, rules, () => {});
    runner.cancel();
    await expect(pending).resolves.toEqual({ status: "cancelled" });
    await vi.advanceTimersByTimeAsync(CANCEL_GRACE_MS + 10);
    expect(started[0]?.terminated).toBe(true);
    const next = runner.run(data, rules, () => {});
    await vi.runAllTimersAsync();
    expect((await next).status).toBe("done");
    expect(started).toHaveLength(2);
    expect(started[1]?.sent[0]?.type).toBe("data");
    runner.dispose();
  });

  it("fails the run when a worker reports an error or breaks, keeping nothing half-merged", async () => {
    const { data, rules } = checkFixture();
    let breakWorker: (message: string) => void = () => {};
    const factory: CheckWorkerFactory = (_onMessage, onFailure) => {
      breakWorker = onFailure;
      return { post: () => {}, terminate: () => {} };
    };
    const runner = new CheckRunner(factory, 1);
    const pending = runner.run(data, rules, () => {});
    breakWorker("check worker failed to start");
    await expect(pending).resolves.toEqual({
      status: "failed",
      message: "check worker failed to start",
    });
    expect(runner.running).toBe(false);
    runner.dispose();
  });

  it("fails the run when data cannot be sent to a worker", async () => {
    const { data, rules } = checkFixture();
    const factory: CheckWorkerFactory = () => ({
      post: (message) => {
        if (message.type === "data") throw new Error("DataCloneError: could not be cloned");
      },
      terminate: () => {},
    });
    const runner = new CheckRunner(factory, 2);
    await expect(runner.run(data, rules, () => {})).resolves.toMatchObject({
      status: "failed",
      message: expect.stringMatching(/clone/),
    });
    runner.dispose();
  });
});
