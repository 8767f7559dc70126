import { bboxPolygon } from "@turf/turf";
import { describe, expect, it } from "vitest";
import { comparePlans } from "../../../src/core/compare/compare-plans";
import type { ComparePiece, PlanComparison } from "../../../src/core/compare/types";
import { geodesicArea } from "../../../src/core/geo/geodesic-area";
import { compareInput, readCompareFixture } from "./fixture-input";

const S = 0.01;
const X0 = 105.8;
const Y0 = 21.0;
/** GeographicLib's geodesic area of the lon/lat rectangle given in fixture cells (0.01°). */
const rectangle = (x0: number, y0: number, x1: number, y1: number) =>
  geodesicArea(bboxPolygon([X0 + x0 * S, Y0 + y0 * S, X0 + x1 * S, Y0 + y1 * S]));
/** Relative difference. */
const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));

function run(name: string): PlanComparison {
  const { current, proposal, options } = compareInput(readCompareFixture(name));
  return comparePlans(current, proposal, options);
}

function piece(
  result: PlanComparison,
  kind: string,
  current: string | null,
  proposal: string | null,
) {
  const found = result.pieces.find(
    (p) => p.kind === kind && p.current === current && p.proposal === proposal,
  );
  if (!found) throw new Error(`no ${kind} piece ${current} → ${proposal}`);
  return found as ComparePiece & { areaSquareMeters: number };
}

/*
 * The pieces' areas (`ellipsoidalArea`: authalic sphere, great-circle edges) against GeographicLib
 * (geodesic edges, what PostGIS geography computes) on rectangles built by hand: within 1e-6, as
 * the check's areas are tested (`test/core/check/hand-checked.test.ts`).
 */
describe("comparison areas checked against hand-built rectangles", () => {
  it("a code change is the whole zone", () => {
    const result = run("code-change");
    expect(
      rel(piece(result, "changed", "A", "A").areaSquareMeters, rectangle(0, 0, 1, 1)),
    ).toBeLessThan(1e-6);
  });

  it("a moved boundary changes the strip between the old and new line, both ways in the code totals", () => {
    const result = run("boundary-moved");
    const strip = rectangle(1, 0, 1.3, 1);
    expect(rel(piece(result, "changed", "B", "A").areaSquareMeters, strip)).toBeLessThan(1e-6);
    const byCode = new Map(result.summary.codes.map((c) => [c.code, c]));
    expect(rel((byCode.get("ODT")?.hectaresChange ?? 0) * 10_000, strip)).toBeLessThan(1e-6);
    expect(rel(-(byCode.get("LUC")?.hectaresChange ?? 0) * 10_000, strip)).toBeLessThan(1e-6);
    expect(
      rel((byCode.get("LUC")?.hectaresUnchanged ?? 0) * 10_000, rectangle(1.3, 0, 2, 1)),
    ).toBeLessThan(1e-6);
  });

  it("a hole: the changed piece leaves the hole out, the hole's halves are added", () => {
    const result = run("hole");
    const changed = rectangle(1.5, 0, 3, 3) - rectangle(1.5, 1, 2, 2);
    expect(rel(piece(result, "changed", "A", "P2").areaSquareMeters, changed)).toBeLessThan(1e-6);
    expect(
      rel(piece(result, "added", null, "P1").areaSquareMeters, rectangle(1, 1, 1.5, 2)),
    ).toBeLessThan(1e-6);
    expect(
      rel(piece(result, "added", null, "P2").areaSquareMeters, rectangle(1.5, 1, 2, 2)),
    ).toBeLessThan(1e-6);
  });

  it("a zone half on another's ground: half changed, half added", () => {
    const result = run("zone-added");
    expect(
      rel(piece(result, "changed", "A", "D").areaSquareMeters, rectangle(0.5, 0, 1, 1)),
    ).toBeLessThan(1e-6);
    expect(
      rel(piece(result, "added", null, "D").areaSquareMeters, rectangle(1, 0, 1.5, 1)),
    ).toBeLessThan(1e-6);
    expect(
      rel(piece(result, "added", null, "C").areaSquareMeters, rectangle(3, 0, 4, 1)),
    ).toBeLessThan(1e-6);
  });

  it("a deleted zone is removed whole", () => {
    const result = run("zone-deleted");
    expect(
      rel(piece(result, "removed", "B", null).areaSquareMeters, rectangle(1, 0, 2, 1)),
    ).toBeLessThan(1e-6);
  });

  it("slivers under the tolerance are counted with their area, not listed", () => {
    const result = run("below-tolerance");
    const eps = 5e-7;
    const sliver = rectangle(1, 0, 1 + eps, 1);
    // 0.5 mm × 1107 m ≈ 0.58 m²: the kernel's 1e-9° grid holds it to about 1 %
    expect(sliver).toBeLessThan(1);
    expect(rel(result.summary.totals.belowTolerance.squareMeters, sliver)).toBeLessThan(0.01);
    expect(result.summary.totals.belowTolerance.pieces).toBe(1);
    const listed = piece(result, "changed", "D", "C");
    expect(rel(listed.areaSquareMeters, rectangle(1, 2, 1 + 40 * eps, 3))).toBeLessThan(0.01);
  });
});
