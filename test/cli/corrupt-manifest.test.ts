import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import type { Manifest } from "../../src/cli/data-step/manifest";
import { type BuildDeps, runBuild } from "../../src/cli/data-step/run-build";
import { DEFAULT_SOURCE_URL } from "../../src/cli/data-step/source-spec";
import { checkFreshness } from "../../src/cli/data-step/staleness";
import { buildArgs, buildDeps, scratchPerTest } from "./helpers";

/**
 * A data/manifest.json that is corrupt or not a manifest: before, it read as "no manifest.json
 * yet", and the source the user had given (remembered there) was forgotten without a word — the
 * next `npm start` on a clone without ../shared went for the public URL. One whose outputs were
 * not names made `--if-stale` crash with a TypeError.
 */

const dirs = scratchPerTest();
const manifestPath = () => join(dirs().out, "manifest.json");
const manifest = () => JSON.parse(readFileSync(manifestPath(), "utf8")) as Manifest;

describe("a corrupt data/manifest.json: said, rebuilt, and the source given earlier kept or asked for", () => {
  // A project root with no ../shared/data/vn-admin beside it, as on a clone set up with --source.
  const lonelyRoot = () => join(dirs().root, "nowhere", "project");
  const fetched: string[] = [];
  const logged: string[] = [];
  const deps = (): BuildDeps =>
    buildDeps(lonelyRoot(), logged, {
      cwd: dirs().root,
      fetch: (url) => {
        fetched.push(url);
        return Promise.reject(new TypeError("fetch failed", { cause: { code: "ENOTFOUND" } }));
      },
    });
  const args = (source: string | null = null) => buildArgs(source, dirs().out, dirs().layers);
  const freshness = () =>
    checkFreshness(args(), { projectRoot: lonelyRoot(), cwd: dirs().root, env: {} });

  beforeEach(async () => {
    mkdirSync(lonelyRoot(), { recursive: true });
    fetched.length = 0;
    expect(await runBuild(args(dirs().source), deps())).toBe(0);
    logged.length = 0;
  });

  it("a manifest cut short: says what is wrong, which source it uses instead and how to give one", async () => {
    writeFileSync(manifestPath(), readFileSync(manifestPath(), "utf8").slice(0, 120));
    const file = manifestPath();
    expect(await freshness()).toEqual({
      fresh: false,
      reason: { vi: `không dùng được ${file}`, en: `${file} cannot be used` },
    });
    expect(await runBuild(args(), deps())).toBe(1);
    expect(logged[0]).toMatch(
      new RegExp(
        `^không dùng được ${file} \\(không phải JSON hợp lệ ở dòng \\d+, cột \\d+: .*\\); tệp sẽ được ghi lại / ${file} cannot be used \\(is not valid JSON at line \\d+, column \\d+: .*\\); it will be written anew$`,
      ),
    );
    expect(logged[1]).toBe(
      `Không biết nguồn dữ liệu ranh giới của các lần chạy trước (nếu đã chỉ ra bằng --source hay PLAN_LAYERS_ADMIN_SOURCE); dùng ${DEFAULT_SOURCE_URL} thay thế; để dùng thư mục khác, hãy chạy: npm run data -- --source THƯ_MỤC / The boundary source of earlier runs (if one was given with --source or PLAN_LAYERS_ADMIN_SOURCE) is not known; using ${DEFAULT_SOURCE_URL} instead; to use another folder, run: npm run data -- --source DIR`,
    );
    expect(fetched).toEqual([DEFAULT_SOURCE_URL]);
  });

  it("a manifest that is JSON but not one of ours: keeps the source it remembers", async () => {
    const { outputs: _, ...rest } = manifest();
    writeFileSync(manifestPath(), JSON.stringify(rest));
    expect((await freshness()).fresh).toBe(false);
    expect(await runBuild(args(), deps())).toBe(0);
    expect(logged[0]).toBe(
      `không dùng được ${manifestPath()} ("outputs" thiếu hoặc không đúng dạng bước dữ liệu ghi); tệp sẽ được ghi lại / ${manifestPath()} cannot be used ("outputs" is missing or not as the data step writes it); it will be written anew`,
    );
    expect(logged.at(-1)).toMatch(/\(source: .*\/source, remembered from an earlier run\)$/);
    expect(fetched).toEqual([]);
    expect(manifest().source).toEqual({ kind: "dir", location: dirs().source, given: "option" });
    expect(await freshness()).toEqual({ fresh: true });
  });

  it("another version, and outputs that are not names: refused, not a crash", async () => {
    writeFileSync(manifestPath(), JSON.stringify({ ...manifest(), version: 2 }));
    expect(await runBuild(args(dirs().source), deps())).toBe(0);
    expect(logged[0]).toContain(
      'cannot be used ("version" is 2, this data step writes version 1); it will be written anew',
    );
    // Given now: nothing to say about the source.
    expect(logged.filter((line) => /cannot be used|not known|is gone/.test(line))).toHaveLength(1);

    // Before: TypeError [ERR_INVALID_ARG_TYPE] out of --if-stale, with a stack trace.
    writeFileSync(manifestPath(), JSON.stringify({ ...manifest(), outputs: [{ file: 5 }] }));
    expect(await freshness()).toMatchObject({ fresh: false });
  });

  it("a folder in place of the manifest: said, and the build stops naming it (exit 2)", async () => {
    rmSync(manifestPath());
    mkdirSync(manifestPath());
    expect(await freshness()).toMatchObject({ fresh: false });
    const lines: string[] = [];
    const built = await runBuild(args(dirs().source), { ...deps(), error: (l) => lines.push(l) });
    expect(logged[0]).toBe(
      `không dùng được ${manifestPath()} (là một thư mục); tệp sẽ được ghi lại / ${manifestPath()} cannot be used (is a folder); it will be written anew`,
    );
    // Before: "Unexpected error" and a stack trace (EISDIR), exit 1.
    expect(built).toBe(2);
    expect(lines.filter((line) => !line.startsWith("Cảnh báo / Warning"))).toEqual([
      `Lỗi / Error: ${manifestPath()} là một thư mục, mà bước dữ liệu ghi tệp ở đó; hãy chuyển hoặc xoá thư mục này rồi chạy lại / ${manifestPath()} is a folder where the data step writes a file; move or remove that folder, then run again`,
    ]);
  });
});
