import { readdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { afterEach, describe, expect, it } from "vitest";
import { csvRows, scratchCopy, startCheckCli } from "./check-helpers";

/*
 * `npm run check -- --watch`: a consultant saves the proposal (or a reviewer a rules file) and the
 * findings are written again, as the check prints them; a bad save is reported and changes nothing
 * already written; Ctrl-C ends it as any check (128 + 2, no temporary file left).
 */

/** Each case starts Node and waits for several checks: seconds, more on a loaded machine. */
const HEAVY = { timeout: 180_000 };
const WATCHING = "Watching";

/** Resolves when `ready` holds, polling; fails after `ms`, printing what stderr said. */
async function until(ready: () => boolean, stderr: () => string, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > end) throw new Error(`timed out; stderr so far:\n${stderr()}`);
    await sleep(50);
  }
}

const count = (text: string, piece: string) => text.split(piece).length - 1;

/** The JSON `--timings` lines of stderr, one per check. */
const timingLines = (stderr: string) =>
  stderr
    .split("\n")
    .filter((line) => line.startsWith("{"))
    .map((line) => JSON.parse(line) as Record<string, unknown>);

let cleanup: (() => void)[] = [];
afterEach(() => {
  for (const done of cleanup) done();
  cleanup = [];
});

/** A scratch copy whose proposal, mine.geojson, starts as the conflicting one. */
function scratch() {
  const s = scratchCopy();
  cleanup.push(s.done);
  const proposals = join(s.root, "proposals");
  const out = join(s.root, "findings.csv");
  const w = {
    root: s.root,
    catalog: join(s.root, "basic", "catalog.json"),
    rules: join(s.root, "basic", "rules.json"),
    proposal: join(proposals, "mine.geojson"),
    conflict: readFileSync(join(proposals, "conflict.geojson")),
    clean: readFileSync(join(proposals, "clean.geojson")),
    out,
    /** The findings written last. */
    findings: () => csvRows(readFileSync(out, "utf8")),
  };
  writeFileSync(w.proposal, w.conflict);
  return w;
}

/**
 * `npm run check -- --watch` on the scratch copy's proposal, CSV into its findings file, killed
 * after the test; `checks(n)` resolves once it has checked n times.
 */
function startWatch(s: ReturnType<typeof scratch>, ...more: string[]) {
  const started = startCheckCli([
    ...["--catalog", s.catalog, "--proposal", s.proposal],
    ...["--format", "csv", "--out", s.out, "--watch", ...more],
  ]);
  cleanup.push(() => started.cli.kill("SIGKILL"));
  const { stderrSoFar } = started;
  const checks = (n: number) => until(() => count(stderrSoFar(), WATCHING) >= n, stderrSoFar);
  return { ...started, checks };
}

describe("npm run check -- --watch", () => {
  it(
    "checks again on every save, keeps the findings through a bad save, ends by Ctrl-C",
    HEAVY,
    async () => {
      const s = scratch();
      const { cli, ended, stderrSoFar, checks } = startWatch(s, "--timings");
      const { findings } = s;

      await checks(1);
      expect(findings().map((f) => f.rule)).toEqual(["urban-not-on-rice"]);
      expect(cli.exitCode).toBeNull(); // still running

      writeFileSync(s.proposal, s.clean);
      await checks(2);
      expect(stderrSoFar()).toMatch(/Checking again at \d\d:\d\d:\d\d: .*mine\.geojson changed/);
      expect(findings()).toEqual([]);
      const [first, second] = timingLines(stderrSoFar());
      expect(first).toMatchObject({ run: 1, findings: 1 });
      expect(first).toHaveProperty("startup_ms");
      expect(second).toMatchObject({ run: 2, findings: 0 });
      expect(second).not.toHaveProperty("startup_ms");

      // a save cut short: named, and the findings on disk stay those of the last check
      const before = readFileSync(s.out);
      writeFileSync(s.proposal, '{"type":"FeatureCollection","features":[{');
      await checks(3);
      const afterBad = stderrSoFar().slice(stderrSoFar().lastIndexOf("Checking again"));
      expect(afterBad).toMatch(/Lỗi \/ Error: .*mine\.geojson: .*JSON/);
      expect(afterBad).toContain("The findings of the last check are kept as they were");
      expect(readFileSync(s.out)).toEqual(before);

      // an editor's save: a new file renamed over the proposal
      writeFileSync(`${s.proposal}.saving`, s.conflict);
      renameSync(`${s.proposal}.saving`, s.proposal);
      await checks(4);
      expect(findings().map((f) => f.rule)).toEqual(["urban-not-on-rice"]);

      cli.kill("SIGINT");
      const end = await ended;
      expect(end.signal ?? end.code).toMatch(/^(SIGINT|130)$/);
      expect(readdirSync(s.root).filter((name) => name.includes(".tmp-"))).toEqual([]);
    },
  );

  it(
    "a rules file it could not read is checked again once fixed; other files then do not count",
    HEAVY,
    async () => {
      const s = scratch();
      const rules = readFileSync(s.rules);
      writeFileSync(s.rules, "{ not json");
      const { stderrSoFar, checks } = startWatch(s);

      await checks(1);
      expect(stderrSoFar()).toMatch(/Lỗi \/ Error: .*rules\.json/);
      expect(stderrSoFar()).not.toContain("The findings of the last check are kept");

      writeFileSync(s.rules, rules);
      await checks(2);
      expect(csvRows(readFileSync(s.out, "utf8")).map((f) => f.rule)).toEqual([
        "urban-not-on-rice",
      ]);

      // the check knows its inputs now: a note saved beside them starts no check
      writeFileSync(join(s.root, "basic", "notes.txt"), "not an input");
      await sleep(1_500);
      expect(count(stderrSoFar(), WATCHING)).toBe(2);
    },
  );
});
