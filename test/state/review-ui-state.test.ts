import { describe, expect, it } from "vitest";
import type { CheckResult } from "../../src/core/check/index";
import type { FlagEvent } from "../../src/core/review/index";
import { groupFindings } from "../../src/state/check-groups";
import {
  type CheckAction,
  type CheckRun,
  checkReducer,
  DEFAULT_TRIAGE,
  initialCheckState,
} from "../../src/state/check-state";
import { eventWhat, historyLines, secondsUntil } from "../../src/state/flag-history";
import { ownMessage, sharedRuleMessages } from "../../src/state/rule-messages";
import { initialStoreData, storeReducer } from "../../src/state/store";
import { unsavedEvents } from "../../src/state/store-selectors";
import { formatUrlState, parseUrlState } from "../../src/state/url-state";
import { finding } from "./check-finding";

const run = (ids: string[]): CheckRun => {
  const result: CheckResult = {
    findings: ids.map((id) => finding({ id })),
    summary: [],
    problems: [],
    stats: { units: ids.length, candidatePairs: 0, shortcutPairs: 0, kernelCalls: 0 },
  };
  return { result, rules: ["r"], elapsedMs: 1, skipped: [] };
};
const apply = (...actions: CheckAction[]) => actions.reduce(checkReducer, initialCheckState());

describe("triage state in the check slice", () => {
  it("starts with every finding, largest area first, and patches the filter", () => {
    expect(initialCheckState().triage).toEqual(DEFAULT_TRIAGE);
    const state = apply(
      { type: "set-triage-filter", patch: { severities: ["error"] } },
      { type: "set-triage-filter", patch: { minAreaSquareMeters: 10_000 } },
      { type: "set-triage-sort", sort: { by: "share", direction: "desc" } },
    );
    expect(state.triage).toEqual({
      filter: { severities: ["error"], minAreaSquareMeters: 10_000 },
      sort: { by: "share", direction: "desc" },
    });
  });

  it("is routed to the check slice by the store", () => {
    const data = initialStoreData("none", "catalog.json");
    const next = storeReducer(data, {
      type: "set-triage-filter",
      patch: { rules: ["r1"] },
    });
    expect(next.check.triage.filter).toEqual({ rules: ["r1"] });
    expect(
      storeReducer(next, { type: "findings-clicked", ids: ["a", "b"] }).check.choosing,
    ).toEqual(["a", "b"]);
  });
});

describe("a click on conflicts of the map", () => {
  it("selects the one finding under it", () => {
    const state = apply({ type: "findings-clicked", ids: ["a", "a"] });
    expect(state.selected).toBe("a");
    expect(state.choosing).toBeNull();
  });

  it("opens a choice between several, closed by picking one or closing it", () => {
    const choosing = apply(
      { type: "select-finding", id: "x" },
      { type: "findings-clicked", ids: ["a", "b", "a"] },
    );
    expect(choosing.choosing).toEqual(["a", "b"]);
    expect(choosing.selected).toBe("x");
    const picked = checkReducer(choosing, { type: "select-finding", id: "b" });
    expect(picked).toMatchObject({ selected: "b", choosing: null });
    expect(checkReducer(choosing, { type: "choice-closed" }).choosing).toBeNull();
  });

  it("changes nothing when no conflict is under it", () => {
    const state = apply({ type: "select-finding", id: "x" });
    expect(checkReducer(state, { type: "findings-clicked", ids: [] })).toBe(state);
  });
});

describe("a selected or linked finding a run does not find", () => {
  it("is said as missing until another finding is selected", () => {
    const state = apply(
      { type: "select-finding", id: "gone" },
      { type: "run-started", runId: 1 },
      { type: "run-done", runId: 1, run: run(["a"]) },
    );
    expect(state).toMatchObject({ selected: null, missing: "gone" });
    expect(checkReducer(state, { type: "select-finding", id: "a" }).missing).toBeNull();
  });

  it("is said at once when a link names a finding the last run did not find", () => {
    const state = apply(
      { type: "run-started", runId: 1 },
      { type: "run-done", runId: 1, run: run(["a"]) },
      { type: "select-finding", id: "a" },
      { type: "select-finding", id: "gone" },
    );
    expect(state).toMatchObject({ selected: null, missing: "gone" });
  });

  it("stays selected when found, nothing missing", () => {
    const state = apply(
      { type: "select-finding", id: "a" },
      { type: "run-started", runId: 1 },
      { type: "run-done", runId: 1, run: run(["a"]) },
    );
    expect(state).toMatchObject({ selected: "a", missing: null });
  });
});

describe("the link's tab and finding", () => {
  it("round-trips and ignores malformed values", () => {
    const state = { lang: "vi" as const, tab: "check" as const, finding: "0123456789abcdef" };
    expect(formatUrlState(state)).toBe("lang=vi&tab=check&finding=0123456789abcdef");
    expect(parseUrlState(`#${formatUrlState(state)}`)).toEqual(state);
    expect(parseUrlState("tab=admin&finding=<script>")).toEqual({});
    expect(parseUrlState("tab=compare")).toEqual({ tab: "compare" });
  });
});

describe("the legal sentence said once per rule", () => {
  const a = finding({ id: "a", rule: "r1" });
  const b = finding({ id: "b", rule: "r1" });
  const other = finding({ id: "c", rule: "r2", message: { vi: "khác", en: "other" } });
  const odd = finding({ id: "d", rule: "r2" });

  it("moves to the header when all the rule's findings share it", () => {
    const shared = sharedRuleMessages([a, b]);
    expect(shared.get("r1")).toEqual(a.message);
    expect(ownMessage(a, shared)).toBe(false);
  });

  it("stays on the cards of a rule whose findings differ", () => {
    const shared = sharedRuleMessages([a, other, odd, b]);
    expect(shared.has("r2")).toBe(false);
    expect(ownMessage(other, shared)).toBe(true);
    expect(ownMessage(a, shared)).toBe(false);
  });
});

describe("a flag's history on its card", () => {
  const meta = { flagId: "finding:a", reviewer: "Lan" };
  const events: FlagEvent[] = [
    {
      ...meta,
      eventId: "e1",
      at: "2026-12-05T10:00:00Z",
      type: "create",
      target: { kind: "own", geometry: { type: "Point", coordinates: [105.8, 21] } },
      comment: "xem lại",
    },
    {
      ...meta,
      eventId: "e2",
      at: "2026-12-05T11:00:00Z",
      type: "status",
      status: "confirmed",
      replaces: ["e1"],
      reviewer: "Minh",
    },
  ];

  it("lists who did what when, newest first, with comments", () => {
    const lines = historyLines(events, "vi");
    expect(lines.map((l) => [l.who, l.what, l.comment])).toEqual([
      ["Minh", "→ đã xác nhận", null],
      ["Lan", "gắn cờ", "xem lại"],
    ]);
    expect(lines[0]?.when).toMatch(/2026/);
    expect(eventWhat(events[1] as FlagEvent, "en")).toBe("→ confirmed");
  });

  it("counts down whole seconds to a retry, never below zero", () => {
    expect(secondsUntil(10_500, 10_000)).toBe(1);
    expect(secondsUntil(14_000, 10_000)).toBe(4);
    expect(secondsUntil(9_000, 10_000)).toBe(0);
  });

  it("warns before closing only while events wait to be stored", () => {
    expect(unsavedEvents(undefined)).toBe(false);
    expect(unsavedEvents({ kind: "saved" })).toBe(false);
    expect(unsavedEvents({ kind: "saving", pending: 2 })).toBe(true);
    expect(unsavedEvents({ kind: "loading", pending: 0 })).toBe(false);
  });
});

describe("groups of a sorted list", () => {
  it("keep the reviewer's order inside each group when asked", () => {
    const small = finding({ id: "s", areaSquareMeters: 100, shareOfSubject: 0.9 });
    const big = finding({ id: "b", areaSquareMeters: 90_000, shareOfSubject: 0.1 });
    const context = { ruleOrder: ["urban-on-rice"], districtName: (c: string) => c };
    const byShare = [small, big];
    expect(groupFindings(byShare, "rule", context)[0]?.findings.map((f) => f.id)).toEqual([
      "b",
      "s",
    ]);
    expect(
      groupFindings(byShare, "rule", { ...context, keepOrder: true })[0]?.findings.map((f) => f.id),
    ).toEqual(["s", "b"]);
  });
});
