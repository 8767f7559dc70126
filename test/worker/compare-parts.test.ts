import { describe, expect, it } from "vitest";
import { formatComparison } from "../../src/core/compare/format-comparison";
import { type ComparePiece, comparePlans, type PlanComparison } from "../../src/core/compare/index";
import { pieceGeometry, withPieceGeometry } from "../../src/state/piece-geometry";
import { comparisonBlob } from "../../src/ui/compare-export";
import { createCompareHandler } from "../../src/worker/compare-handler";
import {
  ComparePieceParts,
  compareMessages,
  PIECES_PER_PART,
} from "../../src/worker/compare-parts";
import type {
  CompareRequest,
  FromCompareWorker,
  ToCompareWorker,
} from "../../src/worker/compare-protocol";
import { CompareRunner } from "../../src/worker/compare-runner";
import { compareGrid } from "../support/compare-grid";
import { inProcessWorkers } from "./in-process-workers";

const request = (n = 8) =>
  ({ ...compareGrid(n), options: { geometry: true } }) satisfies CompareRequest;

/** `count` pieces, each a small square of its own (no comparison needed to make them). */
function manyPieces(count: number): ComparePiece[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `p${i}`,
    kind: i % 3 === 0 ? "added" : "changed",
    status: "ok",
    from: i % 3 === 0 ? null : "ODT",
    to: "DVH",
    current: i % 3 === 0 ? null : `C${i}`,
    proposal: `Z${i}`,
    areaSquareMeters: 100 + i,
    geometry:
      i % 1000 === 7
        ? null
        : {
            type: "Polygon",
            coordinates: [
              [
                [105 + i * 1e-4, 21],
                [105.00005 + i * 1e-4, 21],
                [105.00005 + i * 1e-4, 21.00005],
                [105 + i * 1e-4, 21],
              ],
            ],
          },
    districts: ["001"],
  }));
}

/** What the page gets of `message`: each part cloned as postMessage would, then put together. */
function throughParts(message: Extract<FromCompareWorker, { type: "result" }>) {
  const parts = new ComparePieceParts();
  const posted = [...compareMessages(message)].map(([m]) => structuredClone(m));
  let comparison: PlanComparison | null = null;
  for (const m of posted) {
    if (m.type === "pieces") parts.add(m);
    if (m.type === "result") comparison = parts.complete(m);
  }
  return { posted, comparison: comparison as PlanComparison | null };
}

// Issue 7: a proposal's comparison (100 000 pieces with their geometry) reached the page as one
// message, read in one task of a second. It now comes as parts of PIECES_PER_PART pieces, each
// read in a task of its own, the geometry packed as JSON text until a piece is read.
describe("a comparison's pieces, sent in parts", () => {
  const comparison = comparePlans(request().current, request().proposal, { geometry: true });

  it("go in parts of at most PIECES_PER_PART, the geometry packed once, then the result", () => {
    const pieces = manyPieces(2 * PIECES_PER_PART + 3);
    const message = {
      type: "result" as const,
      runId: 3,
      comparison: { ...comparison, pieces },
      mapPieces: { kind: "packed" as const, blob: new Blob([]), count: 0, span: 0 },
    };
    const { posted, comparison: back } = throughParts(message);
    expect(posted.map((m) => [m.type, m.type === "pieces" ? m.pieces.length : -1])).toEqual([
      ["pieces", PIECES_PER_PART],
      ["pieces", PIECES_PER_PART],
      ["pieces", 3],
      ["result", -1],
    ]);
    // no geometry as objects in any part: one packed copy, in the first
    const sent = [...compareMessages(message)].map(([m]) => m);
    for (const m of sent)
      if (m.type === "pieces") expect(m.pieces.every((p) => p.geometry === null)).toBe(true);
    expect(sent.filter((m) => m.type === "pieces" && m.geometry)).toHaveLength(1);
    // the geometry stays packed until read
    expect(back?.pieces.every((p) => p.geometry === null)).toBe(true);
    expect(back && withPieceGeometry(back).pieces).toEqual(pieces);
    expect(back && pieceGeometry(back.pieces, back.pieces[8] as ComparePiece)).toEqual(
      pieces[8]?.geometry,
    );
    expect(back && pieceGeometry(back.pieces, back.pieces[7] as ComparePiece)).toBeNull();
  });

  it("put together, are the comparison itself: same pieces, same exports byte for byte", async () => {
    const { comparison: back } = throughParts({
      type: "result",
      runId: 1,
      comparison,
      mapPieces: { kind: "packed", blob: new Blob([]), count: 0, span: 0 },
    });
    expect(back && withPieceGeometry(back)).toEqual(comparison);
    for (const format of ["json", "geojson", "csv"] as const)
      expect(
        new TextDecoder().decode(
          await comparisonBlob(back as PlanComparison, format).arrayBuffer(),
        ),
      ).toBe(formatComparison(comparison, format));
  });

  it("an empty comparison still comes whole", () => {
    const empty = { ...comparison, pieces: [] };
    const { comparison: back } = throughParts({
      type: "result",
      runId: 2,
      comparison: empty,
      mapPieces: { kind: "packed", blob: new Blob([]), count: 0, span: 0 },
    });
    expect(back).toEqual(empty);
  });

  it("reach CompareRunner's outcome as comparePlans gives them, through a worker posting parts", async () => {
    const { factory } = inProcessWorkers<ToCompareWorker, FromCompareWorker>((post) =>
      createCompareHandler((message) => {
        for (const [part] of compareMessages(message)) post(part);
      }),
    );
    const runner = new CompareRunner(factory);
    const r = request();
    const outcome = await runner.run(r);
    expect(outcome.status === "done" && withPieceGeometry(outcome.comparison)).toEqual(
      comparePlans(r.current, r.proposal, r.options),
    );
    runner.dispose();
  });
});
