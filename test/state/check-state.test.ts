import { describe, expect, it } from "vitest";
import type { CheckResult } from "../../src/core/check/index";
import {
  type CheckAction,
  type CheckRun,
  checkedRules,
  checkReducer,
  initialCheckState,
} from "../../src/state/check-state";
import { finding } from "./check-finding";

const result = (ids: string[]): CheckResult => ({
  findings: ids.map((id) => finding({ id })),
  summary: [],
  problems: [],
  stats: { units: ids.length, candidatePairs: 0, shortcutPairs: 0, kernelCalls: 0 },
});
const run = (ids: string[]): CheckRun => ({
  result: result(ids),
  rules: ["r"],
  elapsedMs: 12,
  skipped: [],
});
const apply = (...actions: CheckAction[]) => actions.reduce(checkReducer, initialCheckState());

describe("rule selection", () => {
  it("ticks every rule by default and keeps the rules file order", () => {
    expect(checkedRules(initialCheckState(), ["a", "b", "c"])).toEqual(["a", "b", "c"]);
  });

  it("unticks and reticks one rule, or all", () => {
    const off = apply({ type: "toggle-rule", id: "b", on: false });
    expect(checkedRules(off, ["a", "b", "c"])).toEqual(["a", "c"]);
    expect(
      checkedRules(checkReducer(off, { type: "toggle-rule", id: "b", on: true }), ["a", "b"]),
    ).toEqual(["a", "b"]);
    const none = checkReducer(off, { type: "set-all-rules", ids: ["a", "b", "c"], on: false });
    expect(checkedRules(none, ["a", "b", "c"])).toEqual([]);
    const all = checkReducer(none, { type: "set-all-rules", ids: ["a", "b", "c"], on: true });
    expect(checkedRules(all, ["a", "b", "c"])).toEqual(["a", "b", "c"]);
  });
});

describe("runs", () => {
  it("a finished run replaces the previous findings and clears a selection it no longer has", () => {
    const state = apply(
      { type: "run-started", runId: 1 },
      { type: "run-done", runId: 1, run: run(["x", "y"]) },
      { type: "select-finding", id: "x" },
      { type: "run-started", runId: 2 },
      { type: "run-progress", runId: 2, done: 3, total: 10 },
    );
    expect(state.running).toBe(2);
    expect(state.progress).toEqual({ done: 3, total: 10 });
    expect(state.last?.result.findings.map((f) => f.id)).toEqual(["x", "y"]);
    const done = checkReducer(state, { type: "run-done", runId: 2, run: run(["z"]) });
    expect(done.running).toBeNull();
    expect(done.last?.result.findings.map((f) => f.id)).toEqual(["z"]);
    expect(done.selected).toBeNull();
  });

  it("a finding selected before a rerun stays selected when the rerun still finds it", () => {
    const state = apply(
      { type: "run-started", runId: 1 },
      { type: "run-done", runId: 1, run: run(["x", "y"]) },
      { type: "select-finding", id: "y" },
      { type: "run-started", runId: 2 },
    );
    expect(state.selected).toBe("y");
    const done = checkReducer(state, { type: "run-done", runId: 2, run: run(["y", "z"]) });
    expect(done.last?.result.findings.map((f) => f.id)).toEqual(["y", "z"]);
    expect(done.selected).toBe("y");
  });

  it("a failed run shows its error and keeps the previous findings", () => {
    const state = apply(
      { type: "run-started", runId: 1 },
      { type: "run-done", runId: 1, run: run(["x"]) },
      { type: "run-started", runId: 2 },
      { type: "run-failed", runId: 2, message: "worker crashed" },
    );
    expect(state.running).toBeNull();
    expect(state.error).toBe("worker crashed");
    expect(state.last?.result.findings.map((f) => f.id)).toEqual(["x"]);
    expect(checkReducer(state, { type: "run-started", runId: 3 }).error).toBeNull();
  });

  it("a cancelled run returns to idle, says so, and its late messages are ignored", () => {
    const cancelled = apply({ type: "run-started", runId: 1 }, { type: "run-cancelled", runId: 1 });
    expect(cancelled.running).toBeNull();
    expect(cancelled.cancelled).toBe(true);
    const late = [
      { type: "run-progress", runId: 1, done: 5, total: 5 },
      { type: "run-done", runId: 1, run: run(["late"]) },
      { type: "run-failed", runId: 1, message: "late" },
    ] satisfies CheckAction[];
    expect(late.reduce(checkReducer, cancelled)).toEqual(cancelled);
  });

  it("messages of a replaced run do not touch the run in progress", () => {
    const state = apply({ type: "run-started", runId: 1 }, { type: "run-started", runId: 2 });
    expect(checkReducer(state, { type: "run-done", runId: 1, run: run(["old"]) })).toBe(state);
    expect(checkReducer(state, { type: "run-progress", runId: 1, done: 1, total: 2 })).toBe(state);
  });
});
