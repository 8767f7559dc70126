import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FeatureCollection } from "geojson";
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from "vitest";
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
import { runCheck, sendRecords, streamedLayers, streamedShares } from "../../src/node/check-run";
import {
  closeStreamedFiles,
  geometryReader,
  isRecordsBatch,
  ReceivedRecords,
  reopenLayer,
  type StreamedShare,
  streamedFilesOpen,
  streamedLayout,
} from "../../src/node/streamed-records";
import { CHUNKS, onTwoThreads } from "../core/check/two-threads";
import { streamedSource, streamingRules, writeStreamingData } from "./streaming-layers";

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
    // as check-worker.ts does
    const file = await reopenLayer(layer.path, layer.file);
    onTestFinished(closeStreamedFiles);
    const reader = geometryReader(file, layer.choice);
    const counted = (index: number) => {
      reads.push(index);
      return reader(index);
    };
    const records = received.of(layer);
    opened.push(lazyCollection(records, counted, layer.window, streamedLayout(layer.boxes)));
  }
  return sharedCheckInput(share, { opened });
}

/** Reads a catalogue as `runCheck` does for a worker: the record batches as a worker's port gets them. */
async function readForWorker(catalog: string) {
  const plan = await planInputs(streamedSource(catalog));
  const batches: unknown[] = [];
  const port = { postMessage: (message: unknown) => batches.push(message) };
  const loaded = await readInputs(plan, undefined, sendRecords(await streamedLayers(plan), [port]));
  const received = new ReceivedRecords();
  for (const batch of batches) if (isRecordsBatch(batch)) received.add(batch);
  const share = shareInput(
    loaded.input,
    (bytes) => new SharedArrayBuffer(bytes),
    streamedShares(loaded),
  );
  return { input: loaded.input, batches, received, share };
}

describe("a streamed layer shared with a worker", () => {
  for (const format of ["fgb", "ndjson"]) {
    it(`is read again from its file, and the findings are one thread's: ${format}`, async () => {
      const { input, batches, received, share } = await readForWorker(catalogs[format] as string);
      // one batch per 4 096 features of the first pass: 900 zones in one
      expect(batches.length).toBe(1);
      const one = formatResult(runChecks(input), "json");
      expect(JSON.parse(one).findings.length).toBeGreaterThan(100);
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

  it("keeps apart the records of two layers read from one file", async () => {
    // a second catalogue layer on the same file, checked by a rule of its own: both are read at
    // once, their batches interleaved, each sent under its layer's id
    const catalog = JSON.parse(readFileSync(catalogs.fgb as string, "utf8"));
    const cityPlan = catalog.layers.find((l: { id: string }) => l.id === "city-plan");
    catalog.layers.push({ ...cityPlan, id: "city-plan-copy" });
    const rules = streamingRules();
    rules.rules.push({ ...(rules.rules[1] as (typeof rules.rules)[number]), id: "copy-overlap" });
    (rules.rules.at(-1) as { subject: { layer: string } }).subject = { layer: "city-plan-copy" };
    writeFileSync(join(dir, "rules-copy.json"), JSON.stringify(rules));
    catalog.rules = "rules-copy.json";
    const path = join(dir, "catalog-copy.json");
    writeFileSync(path, JSON.stringify(catalog));
    const { input, received, share } = await readForWorker(path);
    const streamed = sharedElsewhere(share) as StreamedShare[];
    expect(streamed.map((s) => s.layer).sort()).toEqual(["city-plan", "city-plan-copy"]);
    const one = formatResult(runChecks(input), "json");
    expect(JSON.parse(one).findings.some((f: { rule: string }) => f.rule === "copy-overlap")).toBe(
      true,
    );
    const theirs = await workerInput(share, received, []);
    expect(formatResult(onTwoThreads(input, share, CHUNKS / 2, theirs), "json")).toBe(one);
  }, 120_000);

  it("refuses to check without every record of the layer", async () => {
    const plan = await planInputs(streamedSource(catalogs.fgb as string));
    const loaded = await readInputs(plan);
    const allocate = (bytes: number) => new SharedArrayBuffer(bytes);
    const share = shareInput(loaded.input, allocate, streamedShares(loaded));
    const [layer] = sharedElsewhere(share) as StreamedShare[];
    expect(() => new ReceivedRecords().of(layer as StreamedShare)).toThrow(
      /0 records received of 900/,
    );
  });
});

describe("the files of streamed layers", () => {
  it("stay open while the check reads them, and are closed when runCheck is done", async () => {
    await closeStreamedFiles();
    const plan = await planInputs(streamedSource(catalogs.fgb as string));
    await readInputs(plan);
    expect(streamedFilesOpen()).toBe(1);
    await closeStreamedFiles();
    expect(streamedFilesOpen()).toBe(0);
    const run = await runCheck({
      source: streamedSource(catalogs.fgb as string),
      workers: 1,
      findingGeometry: false,
      workerScript: new URL("./no-worker.mjs", import.meta.url),
    });
    expect(run.result.findings.length).toBeGreaterThan(100);
    expect(streamedFilesOpen()).toBe(0);
  });
});
