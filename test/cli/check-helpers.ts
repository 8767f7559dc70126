import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect } from "vitest";
import { PROJECT_ROOT } from "./helpers";

export const CLI_FIXTURES = fileURLToPath(new URL("../fixtures/cli/", import.meta.url));
const RUNNER = join(PROJECT_ROOT, "scripts", "run-cli.mjs");

export type CliRun = { status: number | null; stdout: string; stderr: string };

/** Runs `npm run check -- …` as users do (through scripts/run-cli.mjs), in `cwd`. */
export function runCheckCli(args: readonly string[], cwd = PROJECT_ROOT): CliRun {
  const r = spawnSync(process.execPath, [RUNNER, "check", ...args], {
    cwd,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** How a check started with {@link startCheckCli} ended: exit code or signal, and its stderr. */
export type CliEnd = { code: number | null; signal: NodeJS.Signals | null; stderr: string };

/**
 * Starts `npm run check -- …` as users do (through scripts/run-cli.mjs) without waiting for it,
 * so a test can signal it, read a FIFO it writes or watch its files meanwhile (and its stderr as it
 * comes, `stderrSoFar`).
 */
export function startCheckCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): { cli: ChildProcess; ended: Promise<CliEnd>; stderrSoFar: () => string } {
  const cli = spawn(process.execPath, [RUNNER, "check", ...args], {
    cwd: PROJECT_ROOT,
    env,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  cli.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const ended = new Promise<CliEnd>((resolve) =>
    cli.on("close", (code, signal) => resolve({ code, signal, stderr })),
  );
  return { cli, ended, stderrSoFar: () => stderr };
}

/** A scratch folder holding a copy of test/fixtures/cli/, removed by `done`. */
export function scratchCopy(): { root: string; done: () => void } {
  const root = mkdtempSync(join(tmpdir(), "plan-layers-check-"));
  cpSync(CLI_FIXTURES, root, { recursive: true });
  return { root, done: () => rmSync(root, { recursive: true, force: true }) };
}

/** CSV text → rows of named fields (the check's CSV quotes no field in these fixtures). */
export function csvRows(text: string): Record<string, string>[] {
  const [head, ...lines] = text.trim().split("\n");
  const columns = (head ?? "").split(",");
  return lines.map((line) => {
    const cells = line.split(",");
    return Object.fromEntries(columns.map((c, i) => [c, cells[i] ?? ""]));
  });
}

/** The `--timings` line: the last stderr line that is a JSON object. */
export function timingsLine(stderr: string): Record<string, unknown> {
  const line = stderr
    .trim()
    .split("\n")
    .filter((l) => l.startsWith("{"));
  if (line.length !== 1)
    throw new Error(`expected one JSON line on stderr, got ${line.length}:\n${stderr}`);
  return JSON.parse(line[0] as string) as Record<string, unknown>;
}

/** Bad input: exit 2, nothing on stdout, no stack trace, every piece named on stderr. */
export function expectBadInput(r: CliRun, ...pieces: string[]): void {
  expect(r.status, r.stderr).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).toContain("Lỗi / Error");
  expect(r.stderr).not.toMatch(/^\s+at /m);
  for (const piece of pieces) expect(r.stderr).toContain(piece);
}

/**
 * For the describe block it is called in: a folder `name` in a {@link scratchCopy} made before its
 * tests and removed after them, and `write`, which puts a file there and returns its path.
 */
export function scratchFolder(name: string): {
  write: (file: string, content: string | Uint8Array) => string;
} {
  let s: ReturnType<typeof scratchCopy>;
  let dir: string;
  beforeAll(() => {
    s = scratchCopy();
    dir = join(s.root, name);
    mkdirSync(dir);
  });
  afterAll(() => s.done());
  return {
    write: (file, content) => {
      const path = join(dir, file);
      writeFileSync(path, content);
      return path;
    },
  };
}
