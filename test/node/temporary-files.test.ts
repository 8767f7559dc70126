import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  isTemporaryFileName,
  sweepStaleTemporaries,
  temporaryPathFor,
  trackTemporary,
  untrackTemporary,
} from "../../src/node/temporary-files";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "plan-layers-temporary-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The pid of a process that has ended. */
function deadPid(): number {
  const done = spawnSync(process.execPath, ["-e", "console.log(process.pid)"], {
    encoding: "utf8",
  });
  return Number(done.stdout.trim());
}

describe("temporary file names", () => {
  it("match both kinds (the check's and the data step's) and nothing else", () => {
    expect(isTemporaryFileName("findings.json.12345.tmp")).toBe(true);
    expect(isTemporaryFileName(".hanoi-districts.fgb.tmp-12345")).toBe(true);
    expect(isTemporaryFileName(temporaryPathFor("x.csv", 7))).toBe(true);
    for (const name of ["findings.json", "notes.tmp", "a.tmp.json", "x.12.tmp.bak", "x.tmp-"]) {
      expect(isTemporaryFileName(name)).toBe(false);
    }
  });
});

describe("sweepStaleTemporaries", () => {
  it("removes the output's temporary files of ended processes only", async () => {
    const sleeper = spawn("sleep", ["30"]);
    try {
      const dead = deadPid();
      const names = [
        `x.json.${dead}.tmp`, // left by a killed run: removed
        `x.json.${sleeper.pid}.tmp`, // a run writing now: kept
        `x.json.${process.pid}.tmp`, // our own: kept
        `other.json.${dead}.tmp`, // another output's: kept
        `x.json.${dead}.tmp.bak`, // not our name: kept
        "x.json",
      ];
      for (const name of names) writeFileSync(join(dir, name), "");
      expect(sweepStaleTemporaries(join(dir, "x.json"))).toEqual([join(dir, `x.json.${dead}.tmp`)]);
      expect(readdirSync(dir).sort()).toEqual(names.slice(1).sort());
    } finally {
      sleeper.kill();
    }
  });

  it("does nothing when the folder is missing", () => {
    expect(sweepStaleTemporaries(join(dir, "missing", "x.json"))).toEqual([]);
  });
});

describe("trackTemporary", () => {
  it("listens for signals only while a file is tracked (a long check keeps the default action)", () => {
    const before = process.listenerCount("SIGTERM");
    const path = join(dir, "x.json.1.tmp");
    trackTemporary(path);
    expect(process.listenerCount("SIGTERM")).toBe(before + 1);
    expect(process.listenerCount("SIGINT")).toBeGreaterThan(0);
    untrackTemporary(path);
    expect(process.listenerCount("SIGTERM")).toBe(before);
  });
});
