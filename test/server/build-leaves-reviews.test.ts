import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { copyRuntimeFolders } from "../../vite.config";

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "plan-layers-vite-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe("vite build: the review server's database stays out of dist/", () => {
  it("copies data/ without data/reviews/ (accounts and sessions a static host would serve)", () => {
    mkdirSync(join(root, "data", "reviews", "base"), { recursive: true });
    writeFileSync(join(root, "data", "manifest.json"), "{}");
    writeFileSync(join(root, "data", "reviews", "base", "1"), "users");
    mkdirSync(join(root, "layers", "reviews"), { recursive: true });
    writeFileSync(join(root, "layers", "reviews", "a.geojson"), "{}");
    const plugin = copyRuntimeFolders(["layers", "data"], root) as unknown as {
      configResolved(config: { root: string; build: { outDir: string } }): void;
      closeBundle(): void;
    };
    plugin.configResolved({ root, build: { outDir: "dist" } });
    plugin.closeBundle();
    expect(readdirSync(join(root, "dist", "data"))).toEqual(["manifest.json"]);
    // only that folder: a layers folder of the same name is data like any other
    expect(readdirSync(join(root, "dist", "layers", "reviews"))).toEqual(["a.geojson"]);
  });
});
