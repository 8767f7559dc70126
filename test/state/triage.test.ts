import type { Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { ellipsoidalArea } from "../../src/core/check/ellipsoidal-area";
import type { Finding } from "../../src/core/check/index";
import { CITY_KEY } from "../../src/state/check-groups";
import { headlineArea, headlineAreaInSteps } from "../../src/state/triage-area";
import {
  applyTriage,
  type ReviewStatusKey,
  statusFromFlags,
  type TriageFilter,
} from "../../src/state/triage-filter";
import { indexFindings } from "../../src/state/triage-index";
import { finding } from "./check-finding";

const square = (x0: number, x1: number): Polygon => ({
  type: "Polygon",
  coordinates: [
    [
      [x0, 21],
      [x1, 21],
      [x1, 21.01],
      [x0, 21.01],
      [x0, 21],
    ],
  ],
});
const areaOf = (g: Polygon) => ellipsoidalArea([g.coordinates]);

/** Five findings: two overlapping rice conflicts, a sliver, a warning elsewhere, a city quota. */
const FINDINGS: Finding[] = [
  finding({ id: "a", geometry: square(105.8, 105.81), districts: ["001"], shareOfSubject: 0.2 }),
  finding({
    id: "b",
    geometry: square(105.805, 105.8155),
    districts: ["001", "002"],
    shareOfSubject: 0.9,
  }),
  finding({
    id: "c",
    geometry: square(105.9, 105.90001),
    districts: ["003"],
    shareOfSubject: 0.01,
  }),
  finding({
    id: "d",
    rule: "green",
    severity: "warning",
    geometry: square(105.8, 105.81),
    districts: ["002"],
    shareOfSubject: 0.5,
  }),
  finding({
    id: "e",
    rule: "quota",
    ruleType: "quota",
    geometry: null,
    areaSquareMeters: null,
    shareOfSubject: null,
    districts: [],
    group: { scope: "city", district: null },
  }),
].map((f) => (f.geometry?.type === "Polygon" ? { ...f, areaSquareMeters: areaOf(f.geometry) } : f));

const index = indexFindings(FINDINGS);
const statuses = new Map<string, ReviewStatusKey>([
  ["a", "confirmed"],
  ["d", "resolved"],
]);
const statusOf = (id: string) => statuses.get(id) ?? "unflagged";
const ids = (
  filter: TriageFilter,
  by: "area" | "share" = "area",
  direction: "desc" | "asc" = "desc",
) => applyTriage(index, filter, { by, direction }, statusOf).findings.map((f) => f.id);

describe("triage: filter and sort", () => {
  it("sorts by area or share, either way, ties by id", () => {
    expect(ids({})).toEqual(["b", "a", "d", "c", "e"]);
    expect(ids({}, "share")).toEqual(["b", "d", "a", "c", "e"]);
    expect(ids({}, "share", "asc")).toEqual(["e", "c", "a", "d", "b"]);
  });

  it("offers each district a finding lies in once, in order of first appearance", () => {
    expect(index.districts).toEqual(["001", "002", "003", CITY_KEY]);
  });

  it("filters by severity, rule, district (any of a finding's), review status and minimum area", () => {
    expect(ids({ severities: ["warning"] })).toEqual(["d"]);
    expect(ids({ rules: ["urban-on-rice"] })).toEqual(["b", "a", "c"]);
    expect(ids({ districts: ["002"] })).toEqual(["b", "d"]);
    expect(ids({ districts: [CITY_KEY] })).toEqual(["e"]);
    expect(ids({ reviewStatuses: ["unflagged"] })).toEqual(["b", "c", "e"]);
    expect(ids({ reviewStatuses: ["confirmed", "resolved"] })).toEqual(["a", "d"]);
    // the sliver (about 1 m wide) and the area-less quota drop out
    expect(ids({ minAreaSquareMeters: 10_000 })).toEqual(["b", "a", "d"]);
    expect(ids({ rules: [], districts: [] })).toHaveLength(5);
  });

  it("counts and sums what passes the filter", () => {
    const view = applyTriage(
      index,
      { rules: ["urban-on-rice"], minAreaSquareMeters: 10_000 },
      { by: "area", direction: "desc" },
      statusOf,
    );
    expect(view.totals.count).toBe(2);
    expect(view.totals.errors).toBe(2);
    expect(view.byRule.get("urban-on-rice")?.count).toBe(2);
    expect(view.byStatus.get("confirmed")).toBe(1);
    expect(view.byStatus.get("unflagged")).toBe(1);
    const sum = (FINDINGS[0]?.areaSquareMeters ?? 0) + (FINDINGS[1]?.areaSquareMeters ?? 0);
    expect(view.totals.areaSquareMeters).toBeCloseTo(sum, 6);
  });

  it("reads review statuses from the attached flags", () => {
    const of = statusFromFlags(new Map([["a", { status: "needs-revision" as const }]]));
    expect([of("a"), of("zz")]).toEqual(["needs-revision", "unflagged"]);
  });
});

describe("headline area: each m² once per rule", () => {
  it("unites a rule's overlapping conflicts; another rule's overlap counts for that rule", () => {
    const head = headlineArea(FINDINGS);
    const rice = head.byRule.find((r) => r.rule === "urban-on-rice");
    const spanned = areaOf(square(105.8, 105.8155)) + areaOf(square(105.9, 105.90001));
    expect(Math.abs((rice?.unionSquareMeters ?? 0) / spanned - 1)).toBeLessThan(1e-6);
    expect(rice?.summedSquareMeters).toBeGreaterThan((rice?.unionSquareMeters ?? 0) * 1.3);
    const green = head.byRule.find((r) => r.rule === "green");
    expect(head.unionSquareMeters).toBeCloseTo(
      (rice?.unionSquareMeters ?? 0) + (green?.unionSquareMeters ?? 0),
      3,
    );
    expect(head.byRule.map((r) => r.rule)).not.toContain("quota");
  });

  it("recomputes a rule's union when a finding keeps its id but changes shape (a re-run)", () => {
    const [a, b] = FINDINGS as [Finding, Finding];
    const before = headlineArea([a, b]).unionSquareMeters;
    const bigger = square(105.8, 105.83);
    const after = headlineArea([{ ...a, geometry: bigger, areaSquareMeters: areaOf(bigger) }, b]);
    expect(after.unionSquareMeters).toBeGreaterThan(before * 1.5);
    expect(headlineArea([a, b]).unionSquareMeters).toBe(before);
  });

  it("gives the same answer in steps, and stops when the filter changed (aborted)", async () => {
    expect(await headlineAreaInSteps(FINDINGS)).toEqual(headlineArea(FINDINGS));
    const controller = new AbortController();
    const pending = headlineAreaInSteps(FINDINGS, { signal: controller.signal });
    controller.abort(new Error("filter changed"));
    await expect(pending).rejects.toThrow("filter changed");
  });

  it("adds a finding's area as it is when the run kept no geometry, and says how many", () => {
    const [a] = FINDINGS;
    const head = headlineArea([{ ...(a as Finding), geometry: null }]);
    expect(head.byRule[0]).toMatchObject({
      withoutGeometry: 1,
      unionSquareMeters: a?.areaSquareMeters,
    });
  });
});
