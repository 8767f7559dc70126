import { describe, expect, it } from "vitest";
import { packCollection } from "../../src/io/packed-collection";
import { createCheckHandler } from "../../src/worker/check-handler";
import type { FromCheckWorker, ToCheckWorker } from "../../src/worker/check-protocol";
import { CheckRunner } from "../../src/worker/check-runner";
import { createCompareHandler } from "../../src/worker/compare-handler";
import type { FromCompareWorker, ToCompareWorker } from "../../src/worker/compare-protocol";
import { CompareRunner } from "../../src/worker/compare-runner";
import { compareGrid } from "../support/compare-grid";
import { checkFixture, singleThreadResult } from "./check-fixture";
import { inProcessWorkers } from "./in-process-workers";

/*
 * A large proposal reaches the check and compare workers as a Blob (a handle the page never
 * copies), not as feature objects the page would structured-clone (seconds for 100 000 zones)
 * nor as its bytes: the workers parse it themselves and answer as they do for parsed layers.
 */

describe("packed layers sent to the workers", () => {
  it("the check workers get the Blob alone, parse it, and find what they find in the objects", async () => {
    const { data, rules } = checkFixture();
    const [id, layer] = Object.entries(data.layers)[0] as [string, GeoJSON.FeatureCollection];
    const packed = packCollection(layer);
    const { factory, started } = inProcessWorkers<ToCheckWorker, FromCheckWorker>(
      createCheckHandler,
    );
    const runner = new CheckRunner(factory, 2);
    const outcome = await runner.run(
      { ...data, layers: { ...data.layers, [id]: packed } },
      rules,
      () => {},
    );
    runner.dispose();
    for (const worker of started) {
      const sent = worker.sent.find((m) => m.type === "data");
      const crossed = sent?.type === "data" ? sent.data.layers[id] : undefined;
      expect(crossed).toEqual({
        kind: "packed",
        blob: packed.blob,
        count: packed.count,
        span: packed.span,
      });
    }
    expect(outcome.status).toBe("done");
    if (outcome.status !== "done") return;
    const expected = singleThreadResult(data, rules);
    expect(outcome.result.findings.map((f) => f.id)).toEqual(expected.findings.map((f) => f.id));
  });

  it("the compare worker gets the Blob alone and compares as with the objects", async () => {
    const { current, proposal } = compareGrid(6);
    const packed = packCollection(proposal);
    const { factory, started } = inProcessWorkers<ToCompareWorker, FromCompareWorker>((post) =>
      createCompareHandler(post),
    );
    const runner = new CompareRunner(factory);
    const fromObjects = await runner.run({ current, proposal }, () => {});
    const fromPacked = await runner.run({ current, proposal: packed }, () => {});
    runner.dispose();
    const sent = started.flatMap((w) => w.sent).filter((m) => m.type === "compare");
    const crossed = sent.at(-1)?.type === "compare" ? sent.at(-1) : undefined;
    expect(crossed?.type === "compare" && crossed.request.proposal).toEqual({
      kind: "packed",
      blob: packed.blob,
      count: packed.count,
      span: packed.span,
    });
    expect(fromPacked.status).toBe("done");
    if (fromPacked.status !== "done" || fromObjects.status !== "done") return;
    expect(fromPacked.comparison).toEqual(fromObjects.comparison);
  });
});
