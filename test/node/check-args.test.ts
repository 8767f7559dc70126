import { describe, expect, it } from "vitest";
import { DEFAULT_CATALOG, parseCheckArgs } from "../../src/node/check-args";
import { CheckInputError } from "../../src/node/check-error";
import { PARALLEL_MIN_BYTES, threadCount } from "../../src/node/check-run";

describe("parseCheckArgs", () => {
  it("reads every option, with a space or an equals sign", () => {
    expect(
      parseCheckArgs([
        "--catalog=my/catalog.json",
        "--proposal",
        "p.geojson",
        "--proposal-layer",
        "zoning",
        "--rules",
        "a, b,,c",
        "--format",
        "csv",
        "--out",
        "f.csv",
        "--timings",
        "--workers",
        "2",
      ]),
    ).toEqual({
      catalog: "my/catalog.json",
      proposal: "p.geojson",
      proposalLayer: "zoning",
      rules: ["a", "b", "c"],
      format: "csv",
      out: "f.csv",
      timings: true,
      workers: 2,
      help: false,
    });
  });

  it("defaults: the shipped catalogue, every rule, JSON on stdout, threads chosen by size", () => {
    expect(parseCheckArgs([])).toMatchObject({
      catalog: DEFAULT_CATALOG,
      proposal: null,
      rules: null,
      format: "json",
      out: null,
      timings: false,
      workers: "auto",
    });
  });

  it.each([
    [["--colour"], "--colour"],
    [["--format", "xlsx"], "xlsx"],
    [["--rules", ","], "--rules"],
    [["--workers", "0"], "--workers"],
    [["--workers", "1.5"], "--workers"],
    [["--out="], "--out"],
    [["--catalog"], "catalog"],
    [["stray"], "stray"],
  ])("refuses %j as bad input (exit 2)", (argv, piece) => {
    let error: unknown;
    try {
      parseCheckArgs(argv);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CheckInputError);
    expect((error as CheckInputError).exitCode).toBe(2);
    expect((error as CheckInputError).message).toContain(piece);
  });
});

describe("threadCount", () => {
  it("runs small inputs on one thread and large ones on every core; an explicit count wins", () => {
    expect(threadCount("auto", PARALLEL_MIN_BYTES - 1)).toBe(1);
    expect(threadCount("auto", PARALLEL_MIN_BYTES)).toBeGreaterThanOrEqual(1);
    expect(threadCount(3, 0)).toBe(3);
  });
});
