import { describe, expect, it } from "vitest";
import { unpackCollection } from "../../src/io/packed-collection";
import { comparePiecesCollection, transitionColors } from "../../src/map/compare-layers";
import { compareReducer, initialCompareState } from "../../src/state/compare-state";
import { createCompareHandler } from "../../src/worker/compare-handler";
import type {
  CompareRequest,
  FromCompareWorker,
  ToCompareWorker,
} from "../../src/worker/compare-protocol";
import { compareGrid } from "../support/compare-grid";

const request = (n = 8) =>
  ({ ...compareGrid(n), options: { geometry: true } }) satisfies CompareRequest;

/** The compare worker's message loop, run here: its result message (Node cannot clone a Blob). */
async function resultOf(r: CompareRequest) {
  const messages: FromCompareWorker[] = [];
  const settled = new Promise<void>((resolve) => {
    const handle = createCompareHandler((message) => {
      messages.push(message);
      if (message.type !== "progress") resolve();
    });
    handle({ type: "compare", runId: 1, request: r } satisfies ToCompareWorker);
  });
  await settled;
  const last = messages.at(-1);
  if (last?.type !== "result") throw new Error(`no result: ${last?.type}`);
  return last;
}

// Issue 7: a comparison's 100 000 pieces reached the map as a FeatureCollection, structured-cloned
// on the page's thread to MapLibre's worker (a second or more of one task). The compare worker
// now packs them as the map draws them; the page hands MapLibre a blob URL.
describe("the comparison's pieces for the map, packed on the compare worker", () => {
  it("come with the result, as the page would draw them from the pieces", async () => {
    const { comparison, mapPieces } = await resultOf(request());
    expect(mapPieces.kind).toBe("packed");
    const drawn = comparePiecesCollection(comparison.pieces, transitionColors(comparison.summary));
    expect(mapPieces.count).toBe(drawn.features.length);
    expect(mapPieces.count).toBeGreaterThan(0);
    expect(await unpackCollection(mapPieces)).toEqual(drawn);
  });

  it("cross as a Blob alone (no bytes or ids beside it to copy)", async () => {
    const outcome = await resultOf(request(4));
    expect(Object.keys(outcome.mapPieces).sort()).toEqual(["blob", "count", "kind", "span"]);
    expect(outcome.mapPieces.blob).toBeInstanceOf(Blob);
  });

  it("are kept with the finished comparison in the store", async () => {
    const outcome = await resultOf(request(4));
    const started = compareReducer(initialCompareState, { type: "compare-started", runId: 1 });
    const done = compareReducer(started, {
      type: "compare-done",
      runId: 1,
      comparison: outcome.comparison,
      mapPieces: outcome.mapPieces,
      elapsedMs: 1,
    });
    expect(done.last?.mapPieces).toBe(outcome.mapPieces);
  });
});
