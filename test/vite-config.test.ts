import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { temporaryPathFor } from "../src/node/temporary-files";
import { copyRuntimeFolders } from "../vite.config";

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "plan-layers-vite-"));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** Runs the plugin's hooks as `vite build` does, from `root` into `root/dist`. */
function build(folders: string[]): void {
  const plugin = copyRuntimeFolders(folders, root) as unknown as {
    configResolved(config: { root: string; build: { outDir: string } }): void;
    closeBundle(): void;
  };
  plugin.configResolved({ root, build: { outDir: "dist" } });
  plugin.closeBundle();
}

describe("vite build: runtime folders copied into dist/", () => {
  it("copies the data, not temporary files of a run writing or killed", () => {
    mkdirSync(join(root, "data"));
    mkdirSync(join(root, "layers", "city"), { recursive: true });
    const keep = ["manifest.json", "hanoi-districts.fgb"];
    for (const name of keep) writeFileSync(join(root, "data", name), "x");
    writeFileSync(temporaryPathFor(join(root, "data", "hanoi-districts.fgb"), 4242), "half"); // data step
    writeFileSync(join(root, "layers", "city", "zoning.geojson"), "{}");
    writeFileSync(temporaryPathFor(join(root, "layers", "city", "findings.json"), 4242), "half"); // check --out
    build(["layers", "data", "missing"]);
    expect(readdirSync(join(root, "dist", "data")).sort()).toEqual(keep.sort());
    expect(readdirSync(join(root, "dist", "layers", "city"))).toEqual(["zoning.geojson"]);
  });
});
