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

/**
 * Lets the clock move past the files just written. A bundle is stale when an input's mtime is at or
 * after its build's start in whole ms, and the kernel stamps files from a clock that moves by ticks:
 * a file written in the millisecond the build starts reads as changed during the build (a clean
 * clone's CI saw it). An edit made seconds before a build, as a person makes one, never does.
 */
const clockPast = () => new Promise((done) => setTimeout(done, 20));

describe("bundleIfStale", () => {
  it("builds, then again only when a file the bundle was built from changes", async () => {
    const entry = join(dir, "entry.ts");
    const dependency = join(dir, "dependency.ts");
    const out = join(dir, "build", "entry.mjs");
    writeFileSync(entry, 'import { value } from "./dependency";\nconsole.log(value);\n');
    writeFileSync(dependency, "export const value: number = 1;\n");
    writeFileSync(join(dir, "unrelated.ts"), "export {};\n");
    await clockPast();

    expect(await bundleIfStale(entry, out)).toBe(true);
    expect(execFileSync(process.execPath, [out], { encoding: "utf8" })).toBe("1\n");
    expect(await bundleIfStale(entry, out)).toBe(false);
    // a file the bundle does not import changes nothing
    writeFileSync(join(dir, "unrelated.ts"), "export const other = 2;\n");
    expect(await bundleIfStale(entry, out)).toBe(false);

    writeFileSync(dependency, "export const value: number = 2;\n");
    await clockPast();
    expect(await bundleIfStale(entry, out)).toBe(true);
    expect(execFileSync(process.execPath, [out], { encoding: "utf8" })).toBe("2\n");
    expect(await bundleIfStale(entry, out)).toBe(false);

    // no record of what it was built from: built again
    rmSync(`${out}.inputs.json`);
    expect(await bundleIfStale(entry, out)).toBe(true);
  }, 60_000);
});
