import { spawnSync } from "node:child_process";
import { lstatSync, mkdirSync, renameSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runBuild } from "../../src/cli/data-step/run-build";
import {
  buildArgs,
  buildDeps,
  HAS_MKFIFO,
  HAS_SHARED,
  PROJECT_ROOT,
  SHARED_ADMIN_DIR,
  scratchPerTest,
} from "./helpers";

/*
 * The data step reads its inputs through the check's safe reader (src/node/read-input-file.ts):
 * something under a data file's name that is not a regular file stops the step naming it, where
 * it used to be passed over in silence, misnamed as missing, or (the manifest) read forever.
 */

const mkfifo = (path: string) => expect(spawnSync("mkfifo", [path]).status).toBe(0);

const dirs = scratchPerTest();

/** The build in-process over the small fixture (no generator); its exit code and lines. */
async function build(): Promise<{ code: number; lines: string[] }> {
  const lines: string[] = [];
  const { source, out, layers, root } = dirs();
  const code = await runBuild(buildArgs(source, out, layers), buildDeps(root, lines));
  return { code, lines };
}

describe.skipIf(!HAS_MKFIFO)("npm run data over files that are not regular files", () => {
  it("the fixture builds as it is", async () => {
    expect((await build()).code).toBe(0);
  });

  it("a FIFO named like a layer: exit 2 naming it (it was left out in silence)", async () => {
    mkfifo(join(dirs().layers, "sector", "pipe.geojson"));
    const { code, lines } = await build();
    expect(code).toBe(2);
    expect(lines[0]).toMatch(
      /^Lỗi \/ Error: layers\/sector\/pipe\.geojson: là một đường ống \(FIFO\), .* \/ is a named pipe \(FIFO\), not a data file; give the path of a regular file$/,
    );
  });

  it("a link to /dev/zero named like a layer: exit 2 naming it (it was left out in silence)", async () => {
    symlinkSync("/dev/zero", join(dirs().layers, "sector", "zero.geojson"));
    const { code, lines } = await build();
    expect(code).toBe(2);
    expect(lines[0]).toMatch(
      /^Lỗi \/ Error: layers\/sector\/zero\.geojson: .* \/ is a character device \(like \/dev\/zero\), not a data file/,
    );
  });

  it("a FIFO in place of the districts file: exit 2 naming it (it read as a folder without them)", async () => {
    const districts = join(dirs().source, "hanoi-districts.geojson");
    renameSync(districts, `${districts}.real`);
    mkfifo(districts);
    const { code, lines } = await build();
    expect(code).toBe(2);
    expect(lines[0]).toMatch(
      /^Lỗi \/ Error: source\/hanoi-districts\.geojson: .* \/ is a named pipe \(FIFO\), not a data file/,
    );
  });

  it("a folder named like a layer: exit 2 naming it", async () => {
    const folderLink = join(dirs().layers, "sector", "folder.geojson");
    symlinkSync(dirs().source, folderLink);
    expect(lstatSync(folderLink).isSymbolicLink()).toBe(true);
    const { code, lines } = await build();
    expect(code).toBe(2);
    expect(lines[0]).toMatch(/layers\/sector\/folder\.geojson: .* \/ is a folder, not a data file/);
  });
});

describe.skipIf(!HAS_MKFIFO || !HAS_SHARED)("a FIFO in place of data/manifest.json", () => {
  it("--if-stale rebuilds and replaces it (it waited for a writer forever)", () => {
    const out = join(dirs().root, "data");
    mkdirSync(out);
    mkfifo(join(out, "manifest.json"));
    const result = spawnSync(
      process.execPath,
      [
        join(PROJECT_ROOT, "scripts", "run-cli.mjs"),
        "data",
        "--source",
        SHARED_ADMIN_DIR,
        "--out",
        out,
        "--if-stale",
      ],
      {
        cwd: PROJECT_ROOT,
        env: { ...process.env, PLAN_LAYERS_ADMIN_SOURCE: "" },
        encoding: "utf8",
        timeout: 120_000, // a hang guard: the build takes seconds
      },
    );
    expect(result.signal).toBe(null);
    expect(result.status, result.stderr).toBe(0);
    // Before: "no manifest.json yet", as if there were none.
    expect(result.stdout).toContain(
      `Rebuilding ${out}: ${join(out, "manifest.json")} cannot be used\n`,
    );
    expect(result.stdout).toContain(
      `${join(out, "manifest.json")} cannot be used (is a named pipe (FIFO)); it will be written anew`,
    );
    expect(lstatSync(join(out, "manifest.json")).isFile()).toBe(true);
  }, 180_000);
});
