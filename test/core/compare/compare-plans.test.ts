import type { Feature, FeatureCollection, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { comparePlans, pieceId } from "../../../src/core/compare/compare-plans";
import { failingKernel } from "../check/fixture-input";
import { compareInput, readCompareFixture } from "./fixture-input";

const square = (x0: number, y0: number, x1: number, y1: number): Polygon => ({
  type: "Polygon",
  coordinates: [
    [
      [105.8 + x0 * 0.01, 21 + y0 * 0.01],
      [105.8 + x1 * 0.01, 21 + y0 * 0.01],
      [105.8 + x1 * 0.01, 21 + y1 * 0.01],
      [105.8 + x0 * 0.01, 21 + y1 * 0.01],
      [105.8 + x0 * 0.01, 21 + y0 * 0.01],
    ],
  ],
});
const zone = (id: string, code: unknown, geometry: Feature["geometry"]): Feature => ({
  type: "Feature",
  id,
  properties: code === undefined ? {} : { land_use_code: code },
  geometry,
});
const plan = (...features: Feature[]): FeatureCollection => ({
  type: "FeatureCollection",
  features,
});

describe("comparePlans", () => {
  it("lists a pair the kernel fails on as not computed, with the kernel's words, and goes on", () => {
    const { current, proposal } = compareInput(readCompareFixture("several-zones"));
    const result = comparePlans(current, proposal, { kernel: failingKernel("kernel exploded") });
    const failed = result.pieces.filter((p) => p.status === "not-computed");
    expect(failed.length).toBeGreaterThan(0);
    for (const p of failed) {
      expect(p.reason).toBe("kernel exploded");
      expect(p.areaSquareMeters).toBeNull();
      expect(p.geometry).toBeNull();
    }
    // the changed pairs that needed clipping (A → P, B → P) are listed as not computed …
    expect(failed.filter((p) => p.kind === "changed").map((p) => [p.current, p.proposal])).toEqual([
      ["A", "P"],
      ["B", "P"],
    ]);
    // … and the same-code overlaps it failed on are counted as such
    expect(result.summary.totals.unchangedNotComputed).toBeGreaterThan(0);
    expect(result.summary.totals.notComputed).toBe(failed.length);
  });

  it("gives the same pieces, ids and order whatever the order of the features", () => {
    const { current, proposal, options } = compareInput(readCompareFixture("several-zones"));
    const a = comparePlans(current, proposal, options);
    const b = comparePlans(
      plan(...[...current.features].reverse()),
      plan(...[...proposal.features].reverse()),
      options,
    );
    expect(b.pieces).toEqual(a.pieces);
    expect(b.summary).toEqual(a.summary);
    expect(a.pieces.map((p) => p.id)).toEqual([
      pieceId("changed", "A", "P"),
      pieceId("changed", "B", "P"),
    ]);
    // ids are the kind and both zones: another kind of the same zones is another id
    expect(new Set([pieceId("changed", "A", "P"), pieceId("added", "A", "P")]).size).toBe(2);
  });

  it("sorts pieces by kind, then zone ids as numbers read them (Z2 before Z10)", () => {
    const current = plan(
      zone("Z10", "ODT", square(0, 0, 1, 1)),
      zone("Z2", "ODT", square(1, 0, 2, 1)),
    );
    const proposal = plan(
      zone("N", "TMD", square(5, 0, 6, 1)),
      zone("Z10", "LUC", square(0, 0, 1, 1)),
    );
    const result = comparePlans(current, proposal);
    expect(result.pieces.map((p) => [p.kind, p.current, p.proposal])).toEqual([
      ["changed", "Z10", "Z10"],
      ["added", null, "N"],
      ["removed", "Z2", null],
    ]);
  });

  it("stops at an attribute no zone has, naming the closest one", () => {
    const current = plan(zone("A", "ODT", square(0, 0, 1, 1)));
    const proposal = plan({
      type: "Feature",
      id: "A",
      properties: { land_use_cod: "ODT" },
      geometry: square(0, 0, 1, 1),
    });
    const result = comparePlans(current, proposal);
    expect(result.pieces).toEqual([]);
    expect(result.problems).toHaveLength(1);
    const [problem] = result.problems;
    expect(problem?.severity).toBe("error");
    expect(problem?.layer).toBe("proposal");
    expect(problem?.message.en).toContain('"land_use_code"');
    expect(problem?.message.en).toContain("land_use_cod");
  });

  it("compares zones without a code as such, and leaves features without a polygon out, saying so", () => {
    const current = plan(
      zone("A", "ODT", square(0, 0, 1, 1)),
      zone("B", undefined, square(1, 0, 2, 1)),
      zone("P", "ODT", { type: "Point", coordinates: [105.8, 21] }),
    );
    const proposal = plan(
      zone("A", null, square(0, 0, 1, 1)),
      zone("B", undefined, square(1, 0, 2, 1)),
    );
    const result = comparePlans(current, proposal);
    expect(result.pieces.map((p) => [p.kind, p.from, p.to])).toEqual([["changed", "ODT", null]]);
    expect(
      result.problems.map((p) => [p.layer, p.severity, p.features?.first.map((f) => f.id)]),
    ).toEqual([
      ["current", "warning", ["B"]],
      ["proposal", "warning", ["A", "B"]],
      ["current", "warning", ["P"]],
    ]);
    expect(result.summary.codes.find((c) => c.code === null)?.zonesAfter).toBe(2);
  });

  it("keeps no geometry when asked (CSV), the same areas", () => {
    const { current, proposal } = compareInput(readCompareFixture("hole"));
    const withGeometry = comparePlans(current, proposal);
    const without = comparePlans(current, proposal, { geometry: false });
    expect(without.pieces.every((p) => p.geometry === null)).toBe(true);
    expect(without.pieces.map((p) => p.areaSquareMeters)).toEqual(
      withGeometry.pieces.map((p) => p.areaSquareMeters),
    );
    expect(withGeometry.pieces.every((p) => p.geometry !== null)).toBe(true);
  });

  it("reports progress up to every zone of both plans, and stops when aborted", () => {
    const { current, proposal } = compareInput(readCompareFixture("several-zones"));
    const seen: [number, number][] = [];
    comparePlans(current, proposal, { onProgress: (done, total) => seen.push([done, total]) });
    expect(seen.at(-1)).toEqual([6, 6]);
    const controller = new AbortController();
    controller.abort(new Error("cancelled"));
    expect(() => comparePlans(current, proposal, { signal: controller.signal })).toThrow(
      "cancelled",
    );
  });

  it("compares empty plans: nothing, and says nothing", () => {
    const result = comparePlans(plan(), plan());
    expect(result.pieces).toEqual([]);
    expect(result.problems).toEqual([]);
    expect(result.summary.codes).toEqual([]);
  });
});
