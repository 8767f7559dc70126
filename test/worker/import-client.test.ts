import { afterEach, describe, expect, it, vi } from "vitest";
import { CANCEL_GRACE_MS } from "../../src/worker/check-runner";
import { ImportClient, type ImportWorkerFactory } from "../../src/worker/import-client";
import {
  type FromImportWorker,
  type ImportReport,
  NO_OVERRIDES,
  type ToImportWorker,
} from "../../src/worker/import-protocol";

/** Stand-in workers: record what they were sent; the test answers for them. */
function fakeWorkers() {
  const started: {
    sent: ToImportWorker[];
    terminated: boolean;
    answer: (message: FromImportWorker) => void;
    fail: (message: string) => void;
  }[] = [];
  const factory: ImportWorkerFactory = (onMessage, onFailure) => {
    const record = {
      sent: [] as ToImportWorker[],
      terminated: false,
      answer: onMessage,
      fail: onFailure,
    };
    started.push(record);
    return {
      post: (message) => record.sent.push(message),
      terminate: () => {
        record.terminated = true;
      },
    };
  };
  return { started, factory };
}

const REPORT = { file: "a.geojson" } as ImportReport;
const request = (readId: number) => ({
  files: [],
  readId,
  overrides: NO_OVERRIDES,
  landUseKey: "land_use_code",
});
const jobOf = (message: ToImportWorker | undefined) =>
  message?.type === "import" ? message.runId : -1;

afterEach(() => {
  vi.useRealTimers();
});

describe("ImportClient", () => {
  it("starts one worker, forwards progress and resolves with the report", async () => {
    const { started, factory } = fakeWorkers();
    const client = new ImportClient(factory);
    const progress: unknown[] = [];
    const outcome = client.run(request(client.newReadId()), (...p) => progress.push(p));
    const worker = started[0];
    if (!worker) throw new Error("no worker started");
    const runId = jobOf(worker.sent[0]);
    worker.answer({ type: "progress", runId, stage: "read", done: 5, total: 10 });
    worker.answer({ type: "report", runId, report: REPORT });
    expect(await outcome).toMatchObject({ status: "done", result: REPORT });
    expect(progress).toEqual([["read", 5, 10]]);
    void client.run(request(2), () => {});
    expect(started).toHaveLength(1);
  });

  it("cancel resolves at once; the job's late answers are ignored", async () => {
    const { started, factory } = fakeWorkers();
    const client = new ImportClient(factory);
    const outcome = client.run(request(1), () => {});
    const worker = started[0];
    if (!worker) throw new Error("no worker started");
    const runId = jobOf(worker.sent[0]);
    client.cancel();
    expect(await outcome).toEqual({ status: "cancelled" });
    expect(worker.sent[1]).toEqual({ type: "cancel", runId });
    // the next job is not confused by the cancelled one's report
    const next = client.run(request(2), () => {});
    const nextJob = jobOf(started.at(-1)?.sent.at(-1));
    worker.answer({ type: "report", runId, report: { ...REPORT, file: "late" } });
    started.at(-1)?.answer({ type: "report", runId: nextJob, report: REPORT });
    expect(await next).toMatchObject({ status: "done", result: REPORT });
  });

  it("terminates a worker that does not confirm a cancel in time", async () => {
    vi.useFakeTimers();
    const { started, factory } = fakeWorkers();
    const client = new ImportClient(factory);
    void client.run(request(1), () => {});
    client.cancel();
    vi.advanceTimersByTime(CANCEL_GRACE_MS);
    expect(started[0]?.terminated).toBe(true);
    void client.run(request(2), () => {});
    expect(started).toHaveLength(2);
  });

  it("keeps a worker that confirmed the cancel", async () => {
    vi.useFakeTimers();
    const { started, factory } = fakeWorkers();
    const client = new ImportClient(factory);
    void client.run(request(1), () => {});
    const runId = jobOf(started[0]?.sent[0]);
    client.cancel();
    started[0]?.answer({ type: "cancelled", runId });
    vi.advanceTimersByTime(CANCEL_GRACE_MS);
    expect(started[0]?.terminated).toBe(false);
  });

  it("a worker that breaks fails the job, and the next job starts a new worker", async () => {
    const { started, factory } = fakeWorkers();
    const client = new ImportClient(factory);
    const outcome = client.run(request(1), () => {});
    started[0]?.fail("import worker failed to start");
    expect(await outcome).toEqual({ status: "failed", message: "import worker failed to start" });
    expect(started[0]?.terminated).toBe(true);
    void client.run(request(1), () => {});
    expect(started).toHaveLength(2);
  });
});
