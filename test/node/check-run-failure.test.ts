import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CheckInternalError } from "../../src/node/check-error";
import { runCheck } from "../../src/node/check-run";
import { gridZones, QUOTA_RULE, writePlan } from "../cli/generated-plans";
import { streamedSource } from "./streaming-layers";

/*
 * A check worker that dies (out of memory, an uncaught error, an exit) while it holds part of the
 * work: the command must end as an internal failure (exit 3, a bilingual line), never as a verdict
 * on the plan. The workers here are stand-ins that claim one chunk of the shared board, then fail.
 */

let root: string;
let catalog: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "plan-layers-worker-"));
  // 20 000 zones: the main thread is still reading when the stand-in worker claims its chunk
  catalog = writePlan(join(root, "plan"), { zoning: gridZones(20_000), rules: [QUOTA_RULE] });
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A worker script that claims one chunk (so the main thread waits for it), then does `then`. */
function standIn(name: string, then: string): URL {
  const path = join(root, `${name}.mjs`);
  writeFileSync(
    path,
    [
      'import { workerData } from "node:worker_threads";',
      "Atomics.add(workerData.board.claims, 1, 1);",
      then,
    ].join("\n"),
  );
  return pathToFileURL(path);
}

const run = (workerScript: URL) =>
  runCheck({
    // every rule, no proposal, layers streamed only from 64 MiB
    source: streamedSource(catalog, null),
    workers: 2,
    findingGeometry: true,
    workerScript,
    workerLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 },
  });

/** The CheckInternalError `promise` rejects with. */
async function internalError(promise: Promise<unknown>): Promise<CheckInternalError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CheckInternalError);
  return error as CheckInternalError;
}

describe("runCheck when a worker dies", { timeout: 60_000 }, () => {
  it("out of memory: an internal error that says so and what to do", async () => {
    const oom = standIn(
      "oom",
      "const keep = []; for (;;) keep.push(Array.from({ length: 1e5 }, (_, i) => ({ i })));",
    );
    const error = await internalError(run(oom));
    expect(error.exitCode).toBe(3);
    expect(error.lines).toEqual([
      expect.stringMatching(
        /^Lỗi \/ Error: npm run check: một luồng kiểm tra hết bộ nhớ; .*--workers 1.* \/ a check worker ran out of memory; run again with --workers 1/,
      ),
    ]);
    expect(error.detail).toMatch(/memory/);
  });

  it("an uncaught error or an exit without an answer: an internal error too", async () => {
    for (const then of ['throw new Error("boom");', "process.exit(0);"]) {
      const error = await internalError(run(standIn(`crash-${then.length}`, then)));
      expect(error.lines).toEqual([
        expect.stringMatching(
          /một luồng kiểm tra dừng bất thường.* \/ a check worker stopped abnormally; the findings would be incomplete/,
        ),
      ]);
    }
  });
});
