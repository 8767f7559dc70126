import { describe, expect, it } from "vitest";
import { wireValues } from "../../../src/node/postgis/wire-values";

/*
 * A rule's feature selection (thousands of indices) goes to pg as its array literal, not through
 * pg's per-element quoting (the largest part of Node's time in the check at 10 000 × 2 000 zones;
 * issue 11).
 */
describe("wireValues", () => {
  it("writes an array of integers as its literal and leaves the rest", () => {
    const matrix = JSON.stringify({ a: { b: "forbidden" } });
    expect(wireValues([[0, 2, 5], 1, "x", matrix, ["a", "b"], [], null, [1.5, 2], [-3]])).toEqual([
      "{0,2,5}",
      1,
      "x",
      matrix,
      ["a", "b"],
      [],
      null,
      [1.5, 2],
      "{-3}",
    ]);
  });
});
