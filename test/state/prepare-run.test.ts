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
    const prepared = await prepareRun(findings, read, { wait });
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
    const prepared = await prepareRun(findings, () => current, { wait });
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
      { wait, signal: abort.signal },
    );
    expect(prepared).toBeNull();
    // the index and the flags were worked out; nothing after the abort
    expect(reads).toEqual(["read"]);
  });
});
