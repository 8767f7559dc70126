import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { comparePlansAsync } from "../../../src/core/compare/compare-async";
import { comparePlans } from "../../../src/core/compare/compare-plans";
import { compareGrid } from "../../support/compare-grid";
import { compareInput, readCompareFixture } from "./fixture-input";

const FIXTURES = readdirSync(join(__dirname, "../../fixtures/compare/in"))
  .filter((f) => f.endsWith(".geojson"))
  .map((f) => f.replace(/\.geojson$/, ""));

/** Counts turns of the event loop (timer tasks) until stopped. */
function countTurns() {
  let turns = 0;
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    turns++;
    setTimeout(tick, 0);
  };
  setTimeout(tick, 0);
  return {
    stop: () => {
      stopped = true;
      return turns;
    },
  };
}

describe("comparePlansAsync", () => {
  it("gives comparePlans' result on every fixture, in slices of one zone", async () => {
    for (const name of FIXTURES) {
      const { current, proposal, options } = compareInput(readCompareFixture(name));
      const expected = comparePlans(current, proposal, options);
      const actual = await comparePlansAsync(current, proposal, { ...options, sliceMs: 0 });
      expect(actual, name).toEqual(expected);
    }
  });

  it("gives the event loop a turn between slices and reports progress up to the total", async () => {
    const { current, proposal } = compareGrid(12);
    const progress: [number, number][] = [];
    const turns = countTurns();
    const result = await comparePlansAsync(current, proposal, {
      sliceMs: 0,
      onProgress: (done, total) => progress.push([done, total]),
    });
    // validity of 144 + 144 zones, then 144 proposal and 144 current zones: one turn after each
    expect(turns.stop()).toBeGreaterThan(100);
    expect(progress.at(-1)).toEqual([288, 288]);
    expect(result.summary.totals.pieces).toBeGreaterThan(40);
    expect(result).toEqual(comparePlans(current, proposal));
  }, 60_000);

  it("stops when the signal is aborted by a task queued while it runs, with the signal's reason", async () => {
    const { current, proposal } = compareGrid(12);
    const controller = new AbortController();
    let last = 0;
    // a cancel message arriving while comparing: a task, run at the first pause
    setTimeout(() => controller.abort(new Error("cancelled by the user")), 0);
    await expect(
      comparePlansAsync(current, proposal, {
        sliceMs: 0,
        signal: controller.signal,
        onProgress: (done) => {
          last = done;
        },
      }),
    ).rejects.toThrow("cancelled by the user");
    expect(last).toBeLessThan(288);
  }, 60_000);

  it("rejects at once when the signal is already aborted, and mid-zone-loop when aborted there", async () => {
    const { current, proposal } = compareGrid(4);
    await expect(
      comparePlansAsync(current, proposal, { signal: AbortSignal.abort(new Error("early")) }),
    ).rejects.toThrow("early");
    const controller = new AbortController();
    const done: number[] = [];
    await expect(
      comparePlansAsync(current, proposal, {
        sliceMs: 1_000_000,
        signal: controller.signal,
        onProgress: (n) => {
          done.push(n);
          if (n >= 5) controller.abort(new Error("stop"));
        },
      }),
    ).rejects.toThrow("stop");
    expect(Math.max(...done)).toBeLessThan(32);
  });
});
