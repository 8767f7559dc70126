import type { Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { ellipsoidalArea } from "../../src/core/check/ellipsoidal-area";
import { createClipperKernel, type Finding } from "../../src/core/check/index";
import { groupFindings } from "../../src/state/check-groups";
import { headlineArea } from "../../src/state/triage-area";
import { applyTriage, type ReviewStatusKey } from "../../src/state/triage-filter";
import { indexFindings } from "../../src/state/triage-index";
import { finding } from "./check-finding";

/*
 * What makes a reviewer's click cheap (issue 8: filtering or regrouping 3 000 findings in ≤ 50 ms):
 * work done once is not done again — the same list grouped the same way, the same findings listed
 * after a flag changed, the same findings' union in another order — and the answers stay the same.
 */

const square = (x0: number, width: number): Polygon => ({
  type: "Polygon",
  coordinates: [
    [
      [x0, 21],
      [x0 + width, 21],
      [x0 + width, 21.01],
      [x0, 21.01],
      [x0, 21],
    ],
  ],
});

/** 40 findings over 3 rules and 4 districts (some across two), overlapping within a rule. */
const FINDINGS: Finding[] = Array.from({ length: 40 }, (_, i) => {
  const geometry = square(105.8 + (i % 7) * 0.004, 0.006 + (i % 3) * 0.001);
  return finding({
    id: `f${String(i).padStart(2, "0")}`,
    rule: ["rice", "forest", "relic"][i % 3] as string,
    severity: i % 4 === 0 ? "warning" : "error",
    geometry,
    areaSquareMeters: ellipsoidalArea([geometry.coordinates]),
    shareOfSubject: ((i * 37) % 100) / 100,
    districts: i % 5 === 0 ? ["002", "017"] : [["001", "002", "017", "250"][i % 4] as string],
  });
});
const NAMES: Record<string, string> = {
  "001": "Quận Ba Đình",
  "002": "Quận Hoàn Kiếm",
  "017": "Huyện Đông Anh",
  "250": "Huyện Mê Linh",
};
const context = {
  ruleOrder: ["rice", "forest", "relic"],
  districtName: (c: string) => NAMES[c] ?? c,
};

describe("grouping the listed findings", () => {
  it("gives the groups made before for the same list grouped the same way", () => {
    const list = [...FINDINGS];
    const byDistrict = groupFindings(list, "district", context);
    const byRule = groupFindings(list, "rule", context);
    expect(groupFindings(list, "district", context)).toBe(byDistrict);
    expect(groupFindings(list, "rule", { ...context })).toBe(byRule);
    // another list, or another naming of districts (the language switched), is grouped anew
    expect(groupFindings([...FINDINGS], "rule", context)).not.toBe(byRule);
    expect(groupFindings(list, "rule", { ...context, districtName: (c) => c })).not.toBe(byRule);
  });

  it("sorts each subgroup as before: errors first, then the larger conflict, then the id", () => {
    const compare = (a: Finding, b: Finding) =>
      (a.severity === "error" ? 0 : 1) - (b.severity === "error" ? 0 : 1) ||
      (b.areaSquareMeters ?? 0) - (a.areaSquareMeters ?? 0) ||
      (a.id < b.id ? -1 : 1);
    for (const group of groupFindings([...FINDINGS], "rule", context)) {
      for (const child of group.children) {
        expect(child.findings.map((f) => f.id)).toEqual(
          [...child.findings].sort(compare).map((f) => f.id),
        );
      }
    }
  });

  it("orders districts by name even when a key first seen later falls between known ones", () => {
    const naming = (c: string) => NAMES[c] ?? c;
    const ctx = { ...context, districtName: naming };
    const some = FINDINGS.filter((f) => ["001", "017"].includes(f.districts.join("+")));
    expect(groupFindings(some, "district", ctx).map((g) => g.key)).toEqual(["017", "001"]);
    const keys = groupFindings([...FINDINGS], "district", ctx).map((g) => g.key);
    // by full name in Vietnamese order: Huyện Đông Anh, Huyện Mê Linh, Quận Ba Đình, Quận Hoàn
    // Kiếm, then "Quận Hoàn Kiếm, Huyện Đông Anh"
    expect(keys).toEqual(["017", "250", "001", "002", "002+017"]);
  });
});

describe("filtering after a flag changed", () => {
  const index = indexFindings(FINDINGS);
  const sort = { by: "area", direction: "desc" } as const;

  it("keeps the listed array when the same findings pass in the same order", () => {
    const first = applyTriage(index, {}, sort, () => "unflagged");
    const statuses = new Map<string, ReviewStatusKey>([["f03", "confirmed"]]);
    const next = applyTriage(index, {}, sort, (id) => statuses.get(id) ?? "unflagged", first);
    expect(next.findings).toBe(first.findings);
    expect(next.byStatus.get("confirmed")).toBe(1);
    // a status filter the change affects lists something else: a new array
    const open = applyTriage(
      index,
      { reviewStatuses: ["unflagged"] },
      sort,
      (id) => statuses.get(id) ?? "unflagged",
      first,
    );
    expect(open.findings).not.toBe(first.findings);
    expect(open.findings).toHaveLength(FINDINGS.length - 1);
  });
});

describe("the headline area's unions", () => {
  it("are not worked out again for the same findings listed in another order", () => {
    const kernel = createClipperKernel();
    let unions = 0;
    const counting = {
      ...kernel,
      union: (...args: Parameters<typeof kernel.union>) => {
        unions++;
        return kernel.union(...args);
      },
    };
    const index = indexFindings(FINDINGS);
    const byArea = applyTriage(index, {}, { by: "area", direction: "desc" }, () => "unflagged");
    const byShare = applyTriage(index, {}, { by: "share", direction: "asc" }, () => "unflagged");
    const first = headlineArea(byArea.findings, counting);
    expect(unions).toBe(3);
    const again = headlineArea(byShare.findings, counting);
    expect(unions).toBe(3);
    // the same per rule; the rules are added up in another order (of first appearance)
    expect(again.unionSquareMeters).toBeCloseTo(first.unionSquareMeters, 3);
    // one finding fewer in one rule: that rule's union only
    headlineArea(byShare.findings.slice(1), counting);
    expect(unions).toBe(4);
  });
});

describe("a run's triage index", () => {
  // Issue 7: a proposal's 22 000 findings were sorted twice (by area, by share) while its results
  // were first drawn, sorted by area; the order by share now waits until a reviewer asks for it.
  it("sorts by share only when first asked, then keeps that order", () => {
    const index = indexFindings(FINDINGS);
    const descriptor = Object.getOwnPropertyDescriptor(index, "byShare");
    expect(typeof descriptor?.get).toBe("function");
    const byShare = index.byShare;
    expect(index.byShare).toBe(byShare);
    const shares = [...byShare].map((i) => index.entries[i]?.share ?? 0);
    expect(shares).toEqual([...shares].sort((a, b) => b - a));
  });
});
