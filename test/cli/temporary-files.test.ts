import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import {
  closeSync,
  constants,
  createReadStream,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  writeFileSync,
} from "node:fs";
import { basename, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isTemporaryFileName } from "../../scripts/temporary-names.mjs";
import { sweepStaleOutputs } from "../../src/cli/data-step/write-outputs";
import { PLAN_LAYER_IDS } from "../../src/core/plan/build-plan-layers";
import { temporaryPathFor } from "../../src/node/temporary-files";
import { deadPid } from "../support/dead-pid";
import {
  HAS_MKFIFO,
  HAS_SHARED,
  PROJECT_ROOT,
  runData,
  SHARED_ADMIN_DIR,
  scratchPerTest,
} from "./helpers";

const dirs = scratchPerTest();
beforeEach(() => {
  mkdirSync(dirs().out);
});

const temporaries = (dir: string) => readdirSync(dir).filter(isTemporaryFileName);
/** The name of the temporary file of output `file` written by process `pid`. */
const temporary = (file: string, pid: number) => basename(temporaryPathFor(file, pid));

describe("sweepStaleOutputs", () => {
  let sleeper: ChildProcess | null = null;
  afterEach(() => {
    sleeper?.kill();
    sleeper = null;
  });

  it("removes the data step's temporary files of dead processes only", () => {
    sleeper = spawn(process.execPath, ["-e", "setTimeout(() => {}, 60000)"]);
    const dead = deadPid();
    const names = {
      dead: temporary("hanoi-districts.fgb", dead),
      deadManifest: temporary("manifest.json", dead),
      live: temporary("provinces.fgb", sleeper.pid as number),
      own: temporary("districts-index.json", process.pid),
      notOurs: temporary("notes.txt", dead),
      noDot: `hanoi-boundary.fgb.tmp-${dead}`,
      output: "hanoi-districts.fgb",
    };
    for (const name of Object.values(names)) writeFileSync(join(dirs().out, name), "x");
    mkdirSync(join(dirs().out, temporary("folder.fgb", dead)));

    expect(sweepStaleOutputs(dirs().out).sort()).toEqual([names.dead, names.deadManifest]);
    expect(readdirSync(dirs().out).sort()).toEqual(
      [
        names.live,
        names.own,
        names.notOurs,
        names.noDot,
        names.output,
        temporary("folder.fgb", dead),
      ].sort(),
    );
    expect(sweepStaleOutputs(join(dirs().root, "missing"))).toEqual([]);
  });

  it.skipIf(!HAS_SHARED)(
    "runs on every `npm run data`, also when --if-stale finds nothing to rebuild",
    async () => {
      expect((await runData("--source", SHARED_ADMIN_DIR, "--out", dirs().out)).code).toBe(0);
      const stale = temporary("hanoi-districts.fgb", deadPid());
      writeFileSync(join(dirs().out, stale), "partial");
      const result = await runData("--source", SHARED_ADMIN_DIR, "--out", dirs().out, "--if-stale");
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(
        `Removed 1 temporary files of an interrupted run from ${dirs().out}: ${stale}`,
      );
      expect(result.stdout).toContain("is up to date; nothing to do");
      expect(temporaries(dirs().out)).toEqual([]);
    },
    120_000,
  );
});

describe.skipIf(!HAS_SHARED || !HAS_MKFIFO)("a data build ended by a signal while writing", () => {
  /** The bundle of `data-build`, rebuilt by scripts/run-cli.mjs when src/ changed. */
  const bundle = join(PROJECT_ROOT, "build", "cli", "data-build.mjs");
  const outputs = [
    "hanoi-districts.fgb",
    "hanoi-boundary.fgb",
    "provinces.fgb",
    "districts-index.json",
    ...PLAN_LAYER_IDS.map((id) => `${id}.fgb`),
  ];

  beforeEach(() => {
    // Brings the bundle up to date; the unknown option then stops it before any work.
    spawnSync(process.execPath, [join(PROJECT_ROOT, "scripts", "run-cli.mjs"), "data-build", "-x"]);
  });

  it("SIGTERM leaves no temporary file and the folder as it was", async () => {
    const signal = "SIGTERM";
    const child = spawn(
      process.execPath,
      [bundle, "--source", SHARED_ADMIN_DIR, "--out", dirs().out],
      {
        cwd: PROJECT_ROOT,
        env: { ...process.env, PLAN_LAYERS_ADMIN_SOURCE: "" },
        stdio: "ignore",
      },
    );
    const exited = new Promise<{ code: number | null; signal: string | null }>((resolve) =>
      child.on("exit", (code, signal) => resolve({ code, signal })),
    );
    // The manifest is written last, to a FIFO standing at its temporary name: the write blocks
    // there, with every other output written, until the test reads — a run caught mid-write.
    const fifo = join(dirs().out, temporary("manifest.json", child.pid as number));
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    const written = outputs.map((file) => join(dirs().out, temporary(file, child.pid as number)));
    while (!written.every((path) => existsSync(path))) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill(signal);
    const drained = new Promise<void>((resolve) => {
      createReadStream(fifo)
        .on("data", () => {})
        .on("close", () => resolve())
        .on("error", () => resolve());
    });
    const end = await exited;
    try {
      // Held off until the blocked write was done, the signal ends the build before any file is
      // renamed into place: it removed its files, and the folder is as it was (empty). It used to
      // be lost once the files were renamed (exit 0), or to end the build only after replacing them.
      expect(end.signal).toBe(signal);
      expect(temporaries(dirs().out)).toEqual([]);
      expect(readdirSync(dirs().out)).toEqual([]);
    } finally {
      // Release the read side if no writer ever came (the old behaviour: killed mid-write).
      try {
        closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
      } catch {
        // gone or already released
      }
      await drained;
    }
  }, 120_000);
});
