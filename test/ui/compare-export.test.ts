import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { FeatureCollection } from "geojson";
import { describe, expect, it, vi } from "vitest";
import { comparePlans, formatComparison } from "../../src/core/compare/index";
import { comparisonBlob, type SaveEnvironment, saveBlob } from "../../src/ui/compare-export";
import { CLI_FIXTURES, runCheckCli } from "../cli/check-helpers";
import { compareInput, readCompareFixture } from "../core/compare/fixture-input";

const read = (...path: string[]) =>
  JSON.parse(readFileSync(join(CLI_FIXTURES, ...path), "utf8")) as FeatureCollection;

describe("comparisonBlob", () => {
  it("holds the chunk writer's text, with the format's media type", async () => {
    const { current, proposal, options } = compareInput(readCompareFixture("districts"));
    const comparison = comparePlans(current, proposal, options);
    for (const format of ["csv", "geojson", "json"] as const) {
      const blob = comparisonBlob(comparison, format);
      expect(await blob.text()).toBe(formatComparison(comparison, format));
    }
    expect(comparisonBlob(comparison, "csv").type).toBe("text/csv;charset=utf-8");
    expect(comparisonBlob(comparison, "geojson").type).toBe("application/geo+json");
  });

  it("is byte for byte what npm run check -- --proposal FILE --compare writes for the same plans", async () => {
    // the CLI fixture: the basic catalogue's city layer "zoning" and its districts
    const catalog = join(CLI_FIXTURES, "basic", "catalog.json");
    const proposalFile = join(CLI_FIXTURES, "proposals", "compare.geojson");
    const comparison = comparePlans(
      read("basic", "layers", "city", "zoning.geojson"),
      read("proposals", "compare.geojson"),
      { districts: read("basic", "layers", "districts.geojson") },
    );
    for (const format of ["csv", "geojson"] as const) {
      const cli = runCheckCli([
        "--catalog",
        catalog,
        "--proposal",
        proposalFile,
        "--compare",
        "--format",
        format,
      ]);
      expect(cli.status, cli.stderr).toBe(0);
      expect(await comparisonBlob(comparison, format).text()).toBe(cli.stdout);
    }
  }, 120_000);
});

describe("saveBlob", () => {
  it("downloads through a temporary link named as asked, and frees the URL afterwards", () => {
    const link = {
      href: "",
      download: "",
      rel: "",
      style: { display: "" },
      click: vi.fn(),
      remove: vi.fn(),
    };
    const later: (() => void)[] = [];
    const env = {
      document: { createElement: vi.fn(() => link), body: { append: vi.fn() } },
      URL: { createObjectURL: vi.fn(() => "blob:x"), revokeObjectURL: vi.fn() },
      setTimeout: (f: () => void) => later.push(f),
    } as unknown as SaveEnvironment;
    const blob = new Blob(["a,b\n"]);
    saveBlob(blob, "de-xuat.so-sanh.csv", env);
    expect(env.URL.createObjectURL).toHaveBeenCalledWith(blob);
    expect(link).toMatchObject({ href: "blob:x", download: "de-xuat.so-sanh.csv" });
    expect(link.click).toHaveBeenCalledOnce();
    expect(link.remove).toHaveBeenCalledOnce();
    expect(env.URL.revokeObjectURL).not.toHaveBeenCalled();
    for (const f of later) f();
    expect(env.URL.revokeObjectURL).toHaveBeenCalledWith("blob:x");
  });
});
