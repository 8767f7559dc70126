// One `npm run check --timings` in a process of its own, timed: shared by scripts/bench.mjs and
// scripts/bench-app-check.mjs.
import { spawnSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Runs `node scripts/run-cli.mjs check --timings …args` and returns its `--timings` line (phases in
 * ms) with `wall_ms`, the whole command's wall time. Exit 0 or 1 (findings) is a run; any other
 * status throws with the command's stderr. `oneCore`: the process and all its threads held to the
 * first core (`taskset -c 0`, util-linux).
 */
export function timedCheck(args, { timeoutSeconds, oneCore = false } = {}) {
  const command = [process.execPath, join(root, "scripts", "run-cli.mjs"), "check", ...args];
  const [file, ...rest] = oneCore ? ["taskset", "-c", "0", ...command] : command;
  const t0 = performance.now();
  const r = spawnSync(file, [...rest, "--timings"], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 1 << 26,
    ...(timeoutSeconds ? { timeout: timeoutSeconds * 1000, killSignal: "SIGTERM" } : {}),
  });
  const wall = performance.now() - t0;
  if (r.status !== 0 && r.status !== 1)
    throw new Error(`npm run check failed (${r.status}):\n${r.stderr}`);
  const line = r.stderr
    .trim()
    .split("\n")
    .reverse()
    .find((l) => l.startsWith("{"));
  if (!line) throw new Error(`no --timings line in:\n${r.stderr}`);
  return { ...JSON.parse(line), wall_ms: wall };
}
