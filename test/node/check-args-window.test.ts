import { describe, expect, it } from "vitest";
import { parseCheckArgs } from "../../src/node/check-args";
import { CheckInputError } from "../../src/node/check-error";

describe("--window", () => {
  it("is the number of prepared geometries a streamed layer keeps; absent, null", () => {
    expect(parseCheckArgs(["--window", "500"]).window).toBe(500);
    expect(parseCheckArgs(["--window=1"]).window).toBe(1);
    expect(parseCheckArgs([]).window).toBeNull();
  });

  it.each([["0"], ["-3"], ["1.5"], ["many"], [""]])("refuses %j (exit 2)", (value) => {
    let error: unknown;
    try {
      parseCheckArgs(["--window", value]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CheckInputError);
    expect((error as CheckInputError).exitCode).toBe(2);
    expect((error as CheckInputError).message).toContain("--window");
  });
});
