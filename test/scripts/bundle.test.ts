import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { bundleIfStale } from "../../scripts/bundle.mjs";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "plan-layers-bundle-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("bundleIfStale", () => {
  it("builds, then again only when a file the bundle was built from changes", async () => {
    const entry = join(dir, "entry.ts");
    const dependency = join(dir, "dependency.ts");
    const out = join(dir, "build", "entry.mjs");
    writeFileSync(entry, 'import { value } from "./dependency";\nconsole.log(value);\n');
    writeFileSync(dependency, "export const value: number = 1;\n");
    writeFileSync(join(dir, "unrelated.ts"), "export {};\n");

    expect(await bundleIfStale(entry, out)).toBe(true);
    expect(execFileSync(process.execPath, [out], { encoding: "utf8" })).toBe("1\n");
    expect(await bundleIfStale(entry, out)).toBe(false);
    // a file the bundle does not import changes nothing
    writeFileSync(join(dir, "unrelated.ts"), "export const other = 2;\n");
    expect(await bundleIfStale(entry, out)).toBe(false);

    writeFileSync(dependency, "export const value: number = 2;\n");
    expect(await bundleIfStale(entry, out)).toBe(true);
    expect(execFileSync(process.execPath, [out], { encoding: "utf8" })).toBe("2\n");
    expect(await bundleIfStale(entry, out)).toBe(false);

    // no record of what it was built from: built again
    rmSync(`${out}.inputs.json`);
    expect(await bundleIfStale(entry, out)).toBe(true);
  }, 60_000);
});
