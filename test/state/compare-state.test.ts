import { describe, expect, it } from "vitest";
import { comparePlans } from "../../src/core/compare/index";
import { OTHER_TRANSITION_COLOR, TRANSITION_PALETTE } from "../../src/map/compare-layers";
import {
  type CompareAction,
  compareReducer,
  initialCompareState,
  selectedPiece,
} from "../../src/state/compare-state";
import { compareInput, readCompareFixture } from "../core/compare/fixture-input";

const comparison = () => {
  const { current, proposal, options } = compareInput(readCompareFixture("several-zones"));
  return comparePlans(current, proposal, options);
};
const apply = (...actions: CompareAction[]) => actions.reduce(compareReducer, initialCompareState);

describe("compareReducer", () => {
  it("runs, shows progress, keeps the result with the colours the map and panel share", () => {
    const c = comparison();
    const running = apply(
      { type: "compare-started", runId: 1 },
      { type: "compare-progress", runId: 1, done: 3, total: 6 },
    );
    expect(running.run).toEqual({ status: "running", done: 3, total: 6 });
    const done = compareReducer(running, {
      type: "compare-done",
      runId: 1,
      comparison: c,
      elapsedMs: 42,
    });
    expect(done.run).toBeNull();
    expect(done.last?.comparison).toBe(c);
    expect(done.last?.elapsedMs).toBe(42);
    const first = c.pieces.find((p) => p.kind === "changed");
    expect(done.last?.colors.colorOf(first?.from ?? null, first?.to ?? null)).not.toBe(
      OTHER_TRANSITION_COLOR,
    );
    expect(done.last?.colors.colored[0]?.color).toBe(TRANSITION_PALETTE[0]);
  });

  it("ignores the messages of a run that is no longer the latest", () => {
    const c = comparison();
    const state = apply(
      { type: "compare-started", runId: 1 },
      { type: "compare-started", runId: 2 },
      { type: "compare-progress", runId: 1, done: 5, total: 6 },
      { type: "compare-done", runId: 1, comparison: c, elapsedMs: 1 },
      { type: "compare-failed", runId: 1, message: "late" },
    );
    expect(state.run).toEqual({ status: "running", done: 0, total: 0 });
    expect(state.last).toBeNull();
    // nor a second answer of a run that already ended
    const ended = apply(
      { type: "compare-started", runId: 3 },
      { type: "compare-cancelled", runId: 3 },
      { type: "compare-done", runId: 3, comparison: c, elapsedMs: 1 },
    );
    expect(ended.run).toEqual({ status: "cancelled" });
    expect(ended.last).toBeNull();
  });

  it("says how a run ended without a result, and a new run forgets the last result", () => {
    const c = comparison();
    const done = apply(
      { type: "compare-started", runId: 1 },
      { type: "compare-done", runId: 1, comparison: c, elapsedMs: 1 },
      { type: "select-piece", id: c.pieces[0]?.id ?? null },
    );
    expect(selectedPiece(done)).toBe(c.pieces[0]);
    const failed = apply(
      { type: "compare-started", runId: 2 },
      { type: "compare-failed", runId: 2, message: "worker failed to start" },
    );
    expect(failed.run).toEqual({ status: "failed", message: "worker failed to start" });
    const next = compareReducer(done, { type: "compare-started", runId: 2 });
    expect(next.last).toBeNull();
    expect(selectedPiece(next)).toBeNull();
    const cleared = compareReducer(done, { type: "compare-cleared" });
    expect(cleared).toEqual({ ...initialCompareState, runId: 1 });
  });

  it("selects pieces by id; an unknown id selects nothing", () => {
    const c = comparison();
    const done = apply(
      { type: "compare-started", runId: 1 },
      { type: "compare-done", runId: 1, comparison: c, elapsedMs: 1 },
    );
    const s = compareReducer(done, { type: "select-piece", id: "nope" });
    expect(selectedPiece(s)).toBeNull();
    expect(compareReducer(s, { type: "select-piece", id: "nope" })).toBe(s);
  });
});
