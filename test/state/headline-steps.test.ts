import { afterEach, describe, expect, it, vi } from "vitest";
import { type Finding, ITEMS_PER_STEP } from "../../src/core/check/index";
import { headlineArea, headlineAreaBy, type Uniter } from "../../src/state/triage-area";
import { finding } from "./check-finding";

/** `count` findings of one rule: squares side by side, none overlapping. */
const oneRule = (count: number): Finding[] =>
  Array.from({ length: count }, (_, i) => {
    const x = 105 + i * 0.001;
    return finding({
      id: `f${i}`,
      areaSquareMeters: 100 + i,
      geometry: {
        type: "Polygon",
        coordinates: [
          [
            [x, 21],
            [x + 0.0005, 21],
            [x + 0.0005, 21.0005],
            [x, 21],
          ],
        ],
      },
    });
  });

/** A uniter that answers at once with the area `headlineArea` works out on this thread. */
const localUniter: Uniter = {
  unite: async (rule, members) =>
    headlineArea(members).byRule.find((r) => r.rule === rule)?.unionSquareMeters ?? 0,
};

afterEach(() => {
  vi.restoreAllMocks();
});

// Issue 7: a proposal's findings are mostly of one rule; the headline area hashed and planned its
// 20 000 members in one task after the list was drawn (hundreds of ms on the page's thread). The
// members were then hashed a slice of 2 000 per task, and the rule's key and sums still made in
// one (100 ms and more on a busy machine); now all of it pauses every few hundred members.
describe("the headline area of a large rule", () => {
  it("works out its members in slices of a few hundred, and gives the same area", async () => {
    const findings = oneRule(2000);
    // a clock that moves 50 ms at each look: every pause ends a slice (PAGE_SLICE_MS, 40 ms)
    let clock = 0;
    vi.spyOn(performance, "now").mockImplementation(() => {
      clock += 50;
      return clock;
    });
    const timers = vi.spyOn(globalThis, "setTimeout");
    const head = await headlineAreaBy(findings, localUniter);
    // the rule's members gathered, then its plan: a pause every ITEMS_PER_STEP of each pass
    expect(timers.mock.calls.length).toBeGreaterThanOrEqual((2 * findings.length) / ITEMS_PER_STEP);
    const local = headlineArea(findings);
    expect(head.summedSquareMeters).toBe(local.summedSquareMeters);
    expect(head.unionSquareMeters).toBeCloseTo(local.unionSquareMeters, 6);
  });

  it("stops between slices once the filter changes again", async () => {
    const findings = oneRule(3000);
    const controller = new AbortController();
    const unite = vi.fn(localUniter.unite);
    const pending = headlineAreaBy(findings, { unite }, { signal: controller.signal });
    controller.abort(new Error("filter changed"));
    await expect(pending).rejects.toThrow("filter changed");
    expect(unite).not.toHaveBeenCalled();
  });
});
