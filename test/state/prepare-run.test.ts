import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/core/check/index";
import { attachFlags, type Flag } from "../../src/core/review/index";
import { DEFAULT_TRIAGE } from "../../src/state/check-state";
import { type PrepareInputs, prepareRun } from "../../src/state/prepare-run";
import { applyTriage, statusFromFlags } from "../../src/state/triage-filter";
import { indexFindings } from "../../src/state/triage-index";
import { finding } from "./check-finding";

/** `count` findings over three rules and two districts, areas all different. */
const run = (count: number): Finding[] =>
  Array.from({ length: count }, (_, i) =>
    finding({
      id: `f${i}`,
      rule: `rule-${i % 3}`,
      severity: i % 4 === 0 ? "warning" : "error",
      districts: [i % 2 === 0 ? "001" : "002"],
      areaSquareMeters: 1000 + ((i * 7919) % count),
      shareOfSubject: (i % 10) / 10,
    }),
  );

const NO_FLAGS: ReadonlyMap<string, Flag> = new Map();

const inputs = (patch: Partial<PrepareInputs> = {}): PrepareInputs => ({
  flags: NO_FLAGS,
  triage: DEFAULT_TRIAGE,
  groupBy: "rule",
  ruleOrder: ["rule-0", "rule-1", "rule-2"],
  districtName: (code) => `Quận ${code}`,
  ...patch,
});

// Issue 7 and 8: the render that first listed a proposal's 20 000 findings indexed, attached
// flags, filtered, grouped and compared the rules' sentences all in one task (340–430 ms). A large
// run is now prepared a step per task before it is listed.
describe("a run prepared in steps", () => {
  it("gives what the list worked out in one go, one pass per task", async () => {
    const findings = run(3000);
    const log: string[] = [];
    const wait = async () => {
      log.push("task");
    };
    const read = () => {
      log.push("read");
      return inputs();
    };
    // no slice ends within a pass here: the passes' own pauses are the next test's
    const prepared = await prepareRun(findings, read, { wait, sliceMs: Number.POSITIVE_INFINITY });
    expect(prepared).not.toBeNull();
    const index = indexFindings(findings);
    expect(prepared?.index.entries).toEqual(index.entries);
    expect(prepared?.index.byArea).toEqual(index.byArea);
    const attached = attachFlags([], findings);
    expect(prepared?.attached).toEqual(attached);
    const view = applyTriage(
      index,
      DEFAULT_TRIAGE.filter,
      DEFAULT_TRIAGE.sort,
      statusFromFlags(attached.byFinding),
    );
    expect(prepared?.view.findings).toEqual(view.findings);
    expect(prepared?.view.totals).toEqual(view.totals);
    // a task before each pass: the index, the flags, the view, the groups, the rules' sentences
    expect(log).toEqual(["task", "task", "read", "task", "read", "task", "read", "task"]);
  });

  it("reads the panel's inputs as each step runs: a filter set meanwhile is the one applied", async () => {
    const findings = run(1200);
    let current = inputs();
    let tasks = 0;
    const wait = async () => {
      tasks++;
      // the reviewer narrows the list to warnings while the run is being prepared
      if (tasks === 2)
        current = inputs({ triage: { ...DEFAULT_TRIAGE, filter: { severities: ["warning"] } } });
    };
    const prepared = await prepareRun(findings, () => current, {
      wait,
      sliceMs: Number.POSITIVE_INFINITY,
    });
    expect(prepared?.triage.filter).toEqual({ severities: ["warning"] });
    expect(prepared?.view.findings.every((f) => f.severity === "warning")).toBe(true);
    expect(prepared?.view.totals.count).toBe(
      findings.filter((f) => f.severity === "warning").length,
    );
  });

  it("stops at the next step once a newer run aborts it", async () => {
    const abort = new AbortController();
    const reads: string[] = [];
    let tasks = 0;
    const wait = async () => {
      if (++tasks === 3) abort.abort();
    };
    const prepared = await prepareRun(
      run(1500),
      () => {
        reads.push("read");
        return inputs();
      },
      { wait, signal: abort.signal, sliceMs: Number.POSITIVE_INFINITY },
    );
    expect(prepared).toBeNull();
    // the index and the flags were worked out; nothing after the abort
    expect(reads).toEqual(["read"]);
  });

  // Issue 7: a pass over a proposal's 20 000 findings (the index and its sort, the view, the
  // groups) still took 20–110 ms in one task on a busy machine; each pauses within too.
  it("pauses within each pass over a large run, to the same lists", async () => {
    const findings = run(3000);
    let tasks = 0;
    const wait = async () => {
      tasks++;
    };
    const sliced = await prepareRun(findings, () => inputs(), { wait, sliceMs: 0 });
    const whole = await prepareRun(findings, () => inputs(), {
      wait: async () => {},
      sliceMs: Number.POSITIVE_INFINITY,
    });
    expect(sliced?.index.entries).toEqual(whole?.index.entries);
    expect(sliced?.index.byArea).toEqual(whole?.index.byArea);
    expect(sliced?.view.findings).toEqual(whole?.view.findings);
    expect(sliced?.view.totals).toEqual(whole?.view.totals);
    // a slice of 0 ms ends at each pause: the index, its sort, the view and the groups each pause
    // every few hundred findings
    expect(tasks).toBeGreaterThan((4 * findings.length) / 256);
  });

  it("stops within a pass once a newer run aborts it", async () => {
    const abort = new AbortController();
    let tasks = 0;
    const wait = async () => {
      if (++tasks === 4) abort.abort();
    };
    const reads: string[] = [];
    const prepared = await prepareRun(
      run(3000),
      () => {
        reads.push("read");
        return inputs();
      },
      { wait, signal: abort.signal, sliceMs: 0 },
    );
    expect(prepared).toBeNull();
    // aborted while indexing: nothing read, no further task
    expect(reads).toEqual([]);
    expect(tasks).toBe(4);
  });
});
