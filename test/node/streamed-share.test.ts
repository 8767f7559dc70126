import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FeatureCollection } from "geojson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatResult } from "../../src/core/check/format-findings";
import { lazyCollection } from "../../src/core/check/lazy-layer";
import { runChecks } from "../../src/core/check/run-checks";
import {
  type SharedInput,
  sharedCheckInput,
  sharedElsewhere,
  shareInput,
} from "../../src/core/check/shared-input";
import { planInputs, readInputs } from "../../src/node/check-inputs";
import { sendRecords, streamedPaths } from "../../src/node/check-run";
import {
  isRecordsBatch,
  ReceivedRecords,
  reopenReader,
  type StreamedShare,
  streamedLayout,
  streamedShare,
} from "../../src/node/streamed-records";
import { CHUNKS, onTwoThreads } from "../core/check/two-threads";
import { streamedSource, writeStreamingData } from "./streaming-layers";

/*
 * A streamed layer shared with a check worker is not packed (it may not fit in memory): the worker
 * opens the file again and reads, through the main thread's records (sent in batches during the
 * first pass), only the features it needs; two threads so give the findings of one, byte for byte.
 */
let dir = "";
let catalogs: Record<string, string> = {};
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "plan-layers-streamed-share-"));
  catalogs = writeStreamingData(dir, 30, ["fgb", "ndjson"]);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** What a worker makes of the shared input (check-worker.ts), with the features it reads counted. */
async function workerInput(share: SharedInput, received: ReceivedRecords, reads: number[]) {
  const opened: FeatureCollection[] = [];
  for (const layer of sharedElsewhere(share) as StreamedShare[]) {
    const reader = await reopenReader(layer);
    const counted = (index: number) => {
      reads.push(index);
      return reader(index);
    };
    const records = received.of(layer);
    opened.push(lazyCollection(records, counted, layer.window, streamedLayout(layer.boxes)));
  }
  return sharedCheckInput(share, { opened });
}

describe("a streamed layer shared with a worker", () => {
  for (const format of ["fgb", "ndjson"]) {
    it(`is read again from its file, and the findings are one thread's: ${format}`, async () => {
      const plan = await planInputs(streamedSource(catalogs[format] as string));
      // a worker's port: the record batches, in the order they are sent
      const batches: unknown[] = [];
      const port = { postMessage: (message: unknown) => batches.push(message) };
      const { input } = await readInputs(
        plan,
        undefined,
        sendRecords(await streamedPaths(plan), [port]),
      );
      // one batch per 4 096 features of the first pass: 900 zones in one
      expect(batches.length).toBe(1);
      const received = new ReceivedRecords();
      for (const batch of batches) if (isRecordsBatch(batch)) received.add(batch);
      const one = formatResult(runChecks(input), "json");
      expect(JSON.parse(one).findings.length).toBeGreaterThan(100);
      const share = shareInput(input, (bytes) => new SharedArrayBuffer(bytes), streamedShare);
      const streamed = sharedElsewhere(share) as StreamedShare[];
      expect(streamed.map((s) => s.file)).toEqual([expect.stringContaining(`city-plan.${format}`)]);
      // the records travel, not the geometry
      expect(JSON.stringify(batches[0])).not.toContain("coordinates");
      expect(streamed[0]?.count).toBe(30 * 30);
      const reads: number[] = [];
      const theirs = await workerInput(share, received, reads);
      expect(formatResult(onTwoThreads(input, share, CHUNKS / 2, theirs), "json")).toBe(one);
      // the worker's half of the work read the zones of its windows (the second half of the file)
      // and their neighbours, not the layer (the index came from the first pass's boxes)
      const zones = 30 * 30;
      const distinct = new Set(reads);
      expect([...distinct].filter((z) => z >= zones / 2).length).toBeGreaterThan(zones / 4);
      expect(distinct.size).toBeLessThan(zones * 0.7);
    }, 120_000);
  }

  it("refuses to check without every record of the layer", async () => {
    const plan = await planInputs(streamedSource(catalogs.fgb as string));
    const { input } = await readInputs(plan);
    const share = shareInput(input, (bytes) => new SharedArrayBuffer(bytes), streamedShare);
    const [layer] = sharedElsewhere(share) as StreamedShare[];
    expect(() => new ReceivedRecords().of(layer as StreamedShare)).toThrow(
      /0 records received of 900/,
    );
  });
});
