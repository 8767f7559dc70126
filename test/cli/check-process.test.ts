import { type ChildProcess, spawn } from "node:child_process";
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  watch,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isTemporaryFileName } from "../../scripts/temporary-names.mjs";
import { temporaryPathFor } from "../../src/node/temporary-files";
import { CLI_FIXTURES, runCheckCli, startCheckCli } from "./check-helpers";
import { gridZones, OVERLAP_RULE, QUOTA_RULE, stackedOverlaps, writePlan } from "./generated-plans";
import { PROJECT_ROOT } from "./helpers";

/*
 * The check as a process: what `npm run check` (npm → sh → node scripts/run-cli.mjs, which runs the
 * check bundle in its own process) does when it is signalled, killed or runs out of memory. Exit
 * codes: 0/1 are verdicts on the plan, 2 bad input, 3 internal failure; killed by signal n, the
 * process ends by that signal (a shell says 128 + n) — an abnormal end is never 0 or 1.
 */

/** Each case starts Node and checks generated data: seconds, more on a loaded machine. */
const HEAVY = { timeout: 180_000 };
/** How long a killed check gets to (wrongly) write its output before we look. */
const AFTERLIFE_MS = 3_000;

/** The children of process `pid` (none once it has ended). */
function childrenOf(pid: number): number[] {
  try {
    const text = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim();
    return text ? text.split(/\s+/).map(Number) : [];
  } catch {
    return [];
  }
}

/** Whether process `pid` runs `node scripts/run-cli.mjs check …`. */
function isCheck(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("run-cli.mjs\0check\0");
  } catch {
    return false; // gone already
  }
}

/** The check process: `root` itself, or under it (npm runs it in a shell), once it runs. */
async function checkProcess(root: ChildProcess): Promise<number> {
  for (;;) {
    const seen: number[] = [root.pid as number];
    for (let queue = childrenOf(root.pid as number); queue.length > 0; ) {
      const pid = queue.shift() as number;
      seen.push(pid);
      queue = [...queue, ...childrenOf(pid)];
    }
    for (const pid of seen) if (isCheck(pid)) return pid;
    if (root.exitCode !== null || root.signalCode !== null) {
      throw new Error("ended before starting the check");
    }
    await sleep(10);
  }
}

/**
 * The fields of /proc/<pid>/stat after the command name (which is in parentheses and may hold any
 * character): [0] the state, [11] user and [12] system CPU time; null once the process is gone.
 */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
}

/** Linux's USER_HZ: the unit of CPU times in /proc (100 on every Linux architecture we run). */
const CLOCK_TICKS = 100;

/** CPU time process `pid` has used, user and system (0 once it has ended). */
function cpuSeconds(pid: number): number {
  const fields = statFields(pid);
  return fields ? (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS : 0;
}

/**
 * Whether process `pid` still runs. A process that ended orphaned stays a zombie until the
 * machine's init reaps it, which some inits do late: that counts as ended.
 */
function alive(pid: number): boolean {
  const fields = statFields(pid);
  return fields !== null && fields[0] !== "Z";
}

/** Resolves with the name of the first file in `dir` whose name matches, as soon as it is created. */
function firstFile(dir: string, matches: (name: string) => boolean): Promise<string> {
  return new Promise((resolve) => {
    const watcher = watch(dir, (_, name) => {
      if (name && matches(name)) {
        watcher.close();
        resolve(name);
      }
    });
  });
}

let root: string;
/** A check that runs for seconds (60 000 zones, one quota rule). */
let slowCatalog: string;
/** A check whose JSON output takes a while to write (14 400 findings with geometry, ~15 MB). */
let bigOutputCatalog: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "plan-layers-process-"));
  slowCatalog = writePlan(join(root, "slow"), { zoning: gridZones(60_000), rules: [QUOTA_RULE] });
  bigOutputCatalog = writePlan(join(root, "big-output"), {
    ...stackedOverlaps(120),
    rules: [OVERLAP_RULE],
  });
  // builds the bundle if a source changed, so no case below races with esbuild
  runCheckCli(["--catalog", join(CLI_FIXTURES, "basic", "catalog.json")]);
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("npm run check stopped by a signal", HEAVY, () => {
  it.each(["SIGTERM", "SIGINT", "SIGHUP"] as const)(
    "%s while checking: the check ends by it, --out never written",
    async (signal) => {
      const dir = mkdtempSync(join(root, `${signal}-`));
      const { cli, ended } = startCheckCli([
        "--catalog",
        slowCatalog,
        "--out",
        join(dir, "x.json"),
      ]);
      const child = await checkProcess(cli);
      cli.kill(signal);
      // by the signal, not an exit code: a shell says 128 + n (143, 130, 129), never 0 or 1
      expect(await ended).toMatchObject({ code: null, signal });
      await sleep(AFTERLIFE_MS);
      expect(alive(child)).toBe(false);
      expect(readdirSync(dir)).toEqual([]);
    },
  );

  it("terminate() of `npm run check`: nothing left running, --out never written", async () => {
    // npm passes SIGTERM to the `sh -c` running the script, which dies without passing it on:
    // the check sees itself orphaned and stops as if the signal had come through
    const dir = mkdtempSync(join(root, "npm-"));
    const npm = spawn(
      "npm",
      ["run", "-s", "check", "--", "--catalog", slowCatalog, "--out", join(dir, "x.json")],
      {
        cwd: PROJECT_ROOT,
        stdio: "ignore",
      },
    );
    const child = await checkProcess(npm);
    // The check learns who its parent is as it starts: a parent gone before then is not one it
    // had (and npm is not ended in the first tenth of a second of a check). Past Node's start-up
    // (~0.1 s of CPU on a 2-core machine), it is checking.
    while (alive(child) && cpuSeconds(child) < 0.4) await sleep(10);
    const ended = new Promise((resolve) => npm.on("close", resolve));
    npm.kill("SIGTERM");
    await ended;
    await sleep(AFTERLIFE_MS);
    expect(alive(child)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("SIGTERM while writing: the temporary file is removed and --out not written", async () => {
    const dir = mkdtempSync(join(root, "term-write-"));
    const out = join(dir, "findings.json");
    const written = firstFile(dir, isTemporaryFileName);
    const { cli, ended } = startCheckCli(["--catalog", bigOutputCatalog, "--out", out]);
    const temporary = await written;
    expect(temporary).toMatch(/^\.findings\.json\.tmp-\d+$/);
    cli.kill("SIGTERM");
    // its handler removes the file, then lets the signal end the process as it would have
    expect(await ended).toMatchObject({ code: null, signal: "SIGTERM" });
    await sleep(AFTERLIFE_MS);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("a check killed outright, and the next run removes the temporary file it left", async () => {
    const dir = mkdtempSync(join(root, "kill-"));
    const out = join(dir, "findings.json");
    const written = firstFile(dir, isTemporaryFileName);
    const { cli, ended } = startCheckCli(["--catalog", bigOutputCatalog, "--out", out]);
    const child = await checkProcess(cli);
    const temporary = await written;
    process.kill(child, "SIGKILL"); // no handler runs: the file stays, as after a crash
    expect(await ended).toMatchObject({ code: null, signal: "SIGKILL" });
    expect(readdirSync(dir)).toEqual([temporary]);
    // a temporary file of a process still running (this one) is someone's write in progress
    const live = basename(temporaryPathFor(out, process.pid));
    writeFileSync(join(dir, live), "in progress");
    const next = runCheckCli([
      "--catalog",
      join(CLI_FIXTURES, "basic", "catalog.json"),
      "--out",
      out,
    ]);
    expect(next.status).toBe(1);
    expect(readdirSync(dir).sort()).toEqual(["findings.json", live].sort());
  });
});

describe("npm run check out of memory", HEAVY, () => {
  it("a check that runs out of heap ends by SIGABRT (V8 aborts) or with 3, never 0 or 1", async () => {
    const dir = mkdtempSync(join(root, "oom-"));
    const out = join(dir, "findings.json");
    // 16 MB of heap: the 60 000 zones (≈15 MB of GeoJSON) do not fit once parsed
    const env = { ...process.env, NODE_OPTIONS: "--max-old-space-size=16" };
    const end = await startCheckCli(["--catalog", slowCatalog, "--out", out], env).ended;
    // a shell says 134 for SIGABRT
    expect(end.code === 3 || (end.code === null && end.signal === "SIGABRT"), end.stderr).toBe(
      true,
    );
    expect(existsSync(out)).toBe(false);
  });
});

describe("quota over 150 000 zones on two threads", HEAVY, () => {
  // Each thread gathers its zones' contributions (two per zone); merging them with push(...parts)
  // overflowed the stack once a thread's share passed ~125 000: exit 3 with --workers 2, while
  // --workers 1 passed. The share depends on timing, so quota-large.test.ts pins the overflow itself.
  it("gives the same findings as one thread", async () => {
    const catalog = writePlan(join(root, "quota"), {
      zoning: gridZones(150_000),
      rules: [QUOTA_RULE],
    });
    const run = async (workers: string) => {
      const out = join(root, `quota-${workers}.json`);
      const end = await startCheckCli(["--catalog", catalog, "--workers", workers, "--out", out])
        .ended;
      expect(end.code, end.stderr).toBe(1);
      return JSON.parse(readFileSync(out, "utf8")) as { findings: unknown[] };
    };
    const one = await run("1");
    const two = await run("2");
    expect(one.findings).toHaveLength(2);
    expect(two.findings).toEqual(one.findings);
  });
});
