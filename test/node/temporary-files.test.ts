import { spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isTemporaryFileName } from "../../scripts/temporary-names.mjs";
import {
  removePendingTemporaries,
  sweepStaleTemporaries,
  temporaryPathFor,
  trackTemporary,
  untrackTemporary,
} from "../../src/node/temporary-files";
import { deadPid } from "../support/dead-pid";

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "plan-layers-temporary-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("temporary file names", () => {
  it("are hidden, beside the target, and matched (the check's and the data step's) and nothing else", () => {
    expect(temporaryPathFor(join(dir, "findings.json"), 12345)).toBe(
      join(dir, ".findings.json.tmp-12345"),
    );
    expect(isTemporaryFileName(".findings.json.tmp-12345")).toBe(true);
    expect(isTemporaryFileName(".hanoi-districts.fgb.tmp-12345")).toBe(true);
    expect(isTemporaryFileName(basename(temporaryPathFor("x.csv", 7)))).toBe(true);
    for (const name of [
      "findings.json",
      "notes.tmp",
      "a.tmp.json",
      ".x.tmp-12.bak",
      ".x.tmp-",
      ".x.tmp-0",
      "x.tmp-12",
    ]) {
      expect(isTemporaryFileName(name)).toBe(false);
    }
  });
});

describe("sweepStaleTemporaries", () => {
  it("removes the output's temporary files of ended processes only", async () => {
    const sleeper = spawn("sleep", ["30"]);
    try {
      const dead = deadPid();
      const name = (target: string, pid: number) => basename(temporaryPathFor(target, pid));
      const names = [
        name("x.json", dead), // left by a killed run: removed
        name("x.json", sleeper.pid as number), // a run writing now: kept
        name("x.json", process.pid), // our own: kept
        name("other.json", dead), // another output's: kept
        `${name("x.json", dead)}.bak`, // not our name: kept
        "x.json",
      ];
      for (const file of names) writeFileSync(join(dir, file), "");
      mkdirSync(join(dir, name("x.json", dead + 1))); // a folder of our name: not ours to remove
      expect(sweepStaleTemporaries(dir, (target) => target === "x.json")).toEqual([names[0]]);
      expect(readdirSync(dir).sort()).toEqual([...names.slice(1), name("x.json", dead + 1)].sort());
    } finally {
      sleeper.kill();
    }
  });

  it("does nothing when the folder is missing", () => {
    expect(sweepStaleTemporaries(join(dir, "missing"), () => true)).toEqual([]);
  });
});

describe("trackTemporary", () => {
  it("listens for signals only while a file is tracked (a long check keeps the default action)", () => {
    const before = process.listenerCount("SIGTERM");
    const path = temporaryPathFor(join(dir, "x.json"), 1);
    trackTemporary(path);
    expect(process.listenerCount("SIGTERM")).toBe(before + 1);
    expect(process.listenerCount("SIGINT")).toBeGreaterThan(0);
    untrackTemporary(path);
    expect(process.listenerCount("SIGTERM")).toBe(before);
  });

  it("files are removed by removePendingTemporaries, which exit, SIGINT, SIGTERM and SIGHUP call", () => {
    const signals = ["SIGINT", "SIGTERM", "SIGHUP", "exit"] as const;
    const before = signals.map((signal) => process.listenerCount(signal));
    const path = temporaryPathFor(join(dir, "provinces.fgb"));
    expect(path).toBe(join(dir, `.provinces.fgb.tmp-${process.pid}`));
    trackTemporary(path);
    // Installed on the first temporary file, once however many follow.
    expect(signals.map((signal) => process.listenerCount(signal))).toEqual(
      before.map((count) => count + 1),
    );
    trackTemporary(`${path}-again`);
    expect(signals.map((signal) => process.listenerCount(signal))).toEqual(
      before.map((count) => count + 1),
    );
    writeFileSync(path, "half written");
    removePendingTemporaries();
    expect(existsSync(path)).toBe(false);
    // nothing left to clean: the signals have their default action again
    expect(signals.map((signal) => process.listenerCount(signal))).toEqual(before);
  });
});
