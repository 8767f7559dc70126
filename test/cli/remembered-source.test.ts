import { copyFileSync, cpSync, mkdirSync, readFileSync, rmSync, utimesSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import type { Manifest } from "../../src/cli/data-step/manifest";
import { type BuildDeps, runBuild } from "../../src/cli/data-step/run-build";
import { DEFAULT_SOURCE_URL } from "../../src/cli/data-step/source-spec";
import { checkFreshness } from "../../src/cli/data-step/staleness";
import {
  buildArgs,
  buildDeps,
  HAS_SHARED,
  runData,
  SHARED_ADMIN_DIR,
  scratchPerTest,
} from "./helpers";

const dirs = scratchPerTest();

const manifestSource = (out: string) =>
  (JSON.parse(readFileSync(join(out, "manifest.json"), "utf8")) as Manifest).source;

describe("a clone without ../shared, set up once with --source (in-process)", () => {
  // A project root with no ../shared/data/vn-admin beside it, as on such a clone.
  const lonelyRoot = () => join(dirs().root, "nowhere", "project");
  const fetched: string[] = [];
  const logged: string[] = [];
  const deps = (overrides: Partial<BuildDeps> = {}): BuildDeps =>
    buildDeps(lonelyRoot(), logged, {
      cwd: dirs().root,
      fetch: (url) => {
        fetched.push(url);
        return Promise.reject(new TypeError("fetch failed", { cause: { code: "ENOTFOUND" } }));
      },
      ...overrides,
    });
  const args = (source: string | null = null) => buildArgs(source, dirs().out, dirs().layers);
  const freshness = () =>
    checkFreshness(args(), { projectRoot: lonelyRoot(), cwd: dirs().root, env: {} });

  beforeEach(() => {
    mkdirSync(lonelyRoot(), { recursive: true });
    fetched.length = 0;
    logged.length = 0;
  });

  it("keeps using the folder given once, in --if-stale and in builds without --source", async () => {
    expect(await runBuild(args(dirs().source), deps())).toBe(0);
    expect(manifestSource(dirs().out)).toEqual({
      kind: "dir",
      location: dirs().source,
      given: "option",
    });
    // What `npm start` / `npm test` run next: before, "the boundary source changed to <URL>".
    expect(await freshness()).toEqual({ fresh: true });

    const later = new Date(Date.now() + 5000);
    utimesSync(join(dirs().layers, "sector", "roads.geojson"), later, later);
    expect(await freshness()).toMatchObject({
      fresh: false,
      reason: { en: expect.stringMatching(/^input changed/) },
    });
    logged.length = 0;
    expect(await runBuild(args(), deps())).toBe(0);
    expect(fetched).toEqual([]);
    expect(logged.at(-1)).toMatch(/\(source: .*\/source, remembered from an earlier run\)$/);
    expect(manifestSource(dirs().out)).toEqual({
      kind: "dir",
      location: dirs().source,
      given: "option",
    });
    expect(await freshness()).toEqual({ fresh: true });
  });

  it("lets an explicit --source or PLAN_LAYERS_ADMIN_SOURCE win over the remembered one", async () => {
    expect(await runBuild(args(dirs().source), deps())).toBe(0);
    const other = join(dirs().root, "other-source");
    cpSync(dirs().source, other, { recursive: true });
    expect(
      await checkFreshness(args(other), { projectRoot: lonelyRoot(), cwd: dirs().root, env: {} }),
    ).toMatchObject({ fresh: false, reason: { en: `the boundary source changed to ${other}` } });
    expect(await runBuild(args(), deps({ env: { PLAN_LAYERS_ADMIN_SOURCE: other } }))).toBe(0);
    expect(manifestSource(dirs().out)).toEqual({ kind: "dir", location: other, given: "env" });
    // Remembered too: the variable need not stay set.
    expect(await freshness()).toEqual({ fresh: true });
    expect(await runBuild(args(dirs().source), deps())).toBe(0);
    expect(manifestSource(dirs().out).location).toBe(dirs().source);
  });

  it("forgets a folder that is gone, says so, and falls back to the default", async () => {
    expect(await runBuild(args(dirs().source), deps())).toBe(0);
    rmSync(dirs().source, { recursive: true });
    expect(await freshness()).toMatchObject({
      fresh: false,
      reason: { en: `the boundary source changed to ${DEFAULT_SOURCE_URL}` },
    });
    logged.length = 0;
    expect(await runBuild(args(), deps())).toBe(1);
    expect(fetched).toEqual([DEFAULT_SOURCE_URL]);
    expect(logged[0]).toBe(
      `Nguồn dữ liệu đã dùng lần trước không còn: ${dirs().source}; dùng ${DEFAULT_SOURCE_URL} thay thế; để dùng thư mục khác, hãy chạy: npm run data -- --source THƯ_MỤC / The boundary source of the last run is gone: ${dirs().source}; using ${DEFAULT_SOURCE_URL} instead; to use another folder, run: npm run data -- --source DIR`,
    );
    expect(logged.at(-1)).toContain("run: npm run data -- --source /path/to/vn-admin");
  });

  it("does not remember a default source", async () => {
    const root = join(dirs().root, "with-shared", "project");
    const shared = join(dirs().root, "with-shared", "shared", "data", "vn-admin");
    mkdirSync(root, { recursive: true });
    cpSync(dirs().source, shared, { recursive: true });
    expect(await runBuild(args(), deps({ projectRoot: root }))).toBe(0);
    expect(manifestSource(dirs().out)).toEqual({ kind: "dir", location: shared });
  });
});

describe.skipIf(!HAS_SHARED)(
  "npm run data remembers --source across --if-stale (end to end)",
  () => {
    it("builds from a folder that is not the default, and the next --if-stale keeps it", async () => {
      const source = join(dirs().root, "my-vn-admin");
      mkdirSync(source);
      copyFileSync(join(SHARED_ADMIN_DIR, "source", "dvhcvn-gis-01.json"), join(source, "01.json"));
      const built = await runData("--source", source, "--out", dirs().out);
      expect(built.code).toBe(0);
      expect(manifestSource(dirs().out)).toEqual({
        kind: "dir",
        location: source,
        given: "option",
      });

      // As `npm start` runs it: no --source. Before, this rebuilt from ../shared ("source changed").
      const fresh = await runData("--out", dirs().out, "--if-stale");
      expect(fresh.code).toBe(0);
      expect(fresh.stdout).toContain("is up to date; nothing to do");

      rmSync(join(dirs().out, "provinces.fgb"));
      const rebuilt = await runData("--out", dirs().out, "--if-stale");
      expect(rebuilt.code).toBe(0);
      expect(rebuilt.stdout).toContain("Rebuilding");
      expect(rebuilt.stdout).toContain("output provinces.fgb is missing");
      expect(rebuilt.stdout).toContain(`(source: ${source}, remembered from an earlier run)`);
      expect(manifestSource(dirs().out).location).toBe(source);
    }, 180_000);
  },
);
