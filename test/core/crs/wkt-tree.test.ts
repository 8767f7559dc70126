import { describe, expect, it } from "vitest";
import { parseWkt } from "../../../src/core/crs/wkt-tree";

describe("parseWkt", () => {
  it("reads elements, quoted texts (with doubled quotes), numbers and bare words", () => {
    expect(parseWkt(' geogcs["a ""b""", 1.5e3, -2, AXIS["Lat", NORTH]] ')).toEqual({
      keyword: "GEOGCS",
      args: ['a "b"', 1500, -2, { keyword: "AXIS", args: ["Lat", "NORTH"] }],
    });
  });

  it("accepts round brackets, as WKT1 allows, and a byte-order mark", () => {
    expect(parseWkt('\ufeffUNIT("metre",1)')).toEqual({ keyword: "UNIT", args: ["metre", 1] });
  });

  it.each([
    ["unclosed", 'PROJCS["x"'],
    ["trailing text", 'UNIT["m",1] junk'],
    ["no element", '"text"'],
    ["missing comma", 'UNIT["m" 1]'],
    ["unclosed quote", 'UNIT["m,1]'],
  ])("is null for %s", (_, text) => {
    expect(parseWkt(text)).toBeNull();
  });

  it("is null, not a stack overflow, for hostile nesting or size", () => {
    expect(parseWkt(`${"A[".repeat(100_000)}${"]".repeat(100_000)}`)).toBeNull();
    expect(parseWkt(`${"A[".repeat(40)}1${"]".repeat(40)}`)).toBeNull();
    expect(parseWkt(`UNIT["${"x".repeat(70_000)}",1]`)).toBeNull();
  });
});
