import { describe, expect, it } from "vitest";
import { parseDataArgs, withoutIfStale } from "../../src/cli/data-step/args";

describe("parseDataArgs", () => {
  it("reads every option, with a space or an equals sign", () => {
    expect(parseDataArgs(["--source", "a", "--out=b", "--layers", "c", "--if-stale"])).toEqual({
      source: "a",
      out: "b",
      layers: "c",
      ifStale: true,
      help: false,
    });
    expect(parseDataArgs([]).source).toBeNull();
    expect(parseDataArgs(["-h"]).help).toBe(true);
  });

  it.each([
    [["--sauce", "x"], "unknown option: --sauce"],
    [["--source"], "--source needs a value"],
    [["--source", "--out", "x"], "--source needs a value"],
    [["--out="], "--out needs a value"],
  ])("refuses %j with exit code 2", (argv, message) => {
    expect(() => parseDataArgs(argv)).toThrow(message);
    try {
      parseDataArgs(argv);
    } catch (error) {
      expect((error as { exitCode?: number }).exitCode).toBe(2);
    }
  });

  it("drops --if-stale for the build step", () => {
    expect(withoutIfStale(["--if-stale", "--out", "x"])).toEqual(["--out", "x"]);
  });
});
