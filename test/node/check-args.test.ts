import { describe, expect, it } from "vitest";
import { DEFAULT_CATALOG, parseCheckArgs } from "../../src/node/check-args";
import { CheckInputError } from "../../src/node/check-error";
import { AUTO_THREAD_MEMORY, autoThreads, MAX_AUTO_THREADS } from "../../src/node/check-run";

describe("parseCheckArgs", () => {
  it("reads every option, with a space or an equals sign", () => {
    expect(
      parseCheckArgs([
        "--catalog=my/catalog.json",
        "--proposal",
        "p.geojson",
        "--proposal-layer",
        "zoning",
        "--source-layer=khu_dong_anh",
        "--rules",
        "a, b,,c",
        "--format",
        "csv",
        "--out",
        "f.csv",
        "--timings",
        "--workers",
        "2",
        "--compare",
      ]),
    ).toEqual({
      catalog: "my/catalog.json",
      proposal: ["p.geojson"],
      crs: null,
      landUseAttribute: null,
      proposalLayer: "zoning",
      sourceLayer: "khu_dong_anh",
      rules: ["a", "b", "c"],
      format: "csv",
      out: "f.csv",
      timings: true,
      workers: 2,
      compare: true,
      engine: "in-process",
      database: null,
      window: null,
      watch: false,
      help: false,
    });
  });

  it("reads --watch, which a comparison does not take", () => {
    expect(parseCheckArgs(["--watch"]).watch).toBe(true);
    expect(parseCheckArgs([]).watch).toBe(false);
    expect(() => parseCheckArgs(["--watch", "--compare", "--proposal", "p.geojson"])).toThrow(
      /--watch .*--compare/,
    );
  });

  it("defaults: the shipped catalogue, every rule, JSON on stdout, threads chosen by size", () => {
    expect(parseCheckArgs([])).toMatchObject({
      catalog: DEFAULT_CATALOG,
      proposal: null,
      crs: null,
      landUseAttribute: null,
      rules: null,
      format: "json",
      out: null,
      timings: false,
      compare: false,
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

describe("autoThreads", () => {
  const GiB = 2 ** 30;
  it("takes every core when a layer is streamed, one otherwise (measured: bench --threads-compare)", () => {
    expect(autoThreads(2, false, 64 * GiB)).toBe(1);
    expect(autoThreads(2, true, 64 * GiB)).toBe(2);
    expect(autoThreads(1, true, 64 * GiB)).toBe(1);
  });

  it("takes at most four threads, and one more per GiB of free memory", () => {
    expect(autoThreads(16, true, 64 * GiB)).toBe(MAX_AUTO_THREADS);
    expect(autoThreads(16, true, 2.5 * GiB)).toBe(3);
    expect(autoThreads(16, true, 0.5 * GiB)).toBe(1);
    expect(autoThreads(2, true, AUTO_THREAD_MEMORY)).toBe(2);
  });
});
