// One `npm run check --timings` in a process of its own, timed: shared by scripts/bench.mjs and
// scripts/bench-app-check.mjs; and the checks of one `npm run check --watch` (bench.mjs).
import { spawn, spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * Runs `node scripts/run-cli.mjs check --timings …args` and returns its `--timings` line (phases in
 * ms) with `wall_ms`, the whole command's wall time. Exit 0 or 1 (findings) is a run; any other
 * status throws with the command's stderr. `oneCore`: the process and all its threads held to the
 * first core (`taskset -c 0`, util-linux).
 */
/** `node scripts/run-cli.mjs check …args --timings`: how users run it, with its timings line. */
const checkCommand = (args) => [
  process.execPath,
  join(root, "scripts", "run-cli.mjs"),
  "check",
  ...args,
  "--timings",
];

export function timedCheck(args, { timeoutSeconds, oneCore = false } = {}) {
  const command = checkCommand(args);
  const [file, ...rest] = oneCore ? ["taskset", "-c", "0", ...command] : command;
  const t0 = performance.now();
  const r = spawnSync(file, rest, {
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

/**
 * Runs `node scripts/run-cli.mjs check --watch --timings …args` and, each time it has checked,
 * saves `touch` again with the same bytes (a save that changes nothing: the same data checked
 * again, in the same process), `rechecks` times; then stops it (SIGTERM). Resolves with the
 * `--timings` lines, the first (the process's first check) first; rejects when a check fails or
 * the whole takes over `timeoutSeconds`.
 */
export function watchedChecks(args, { touch, rechecks, timeoutSeconds = 600 }) {
  const bytes = readFileSync(touch);
  const [node, ...rest] = checkCommand([...args, "--watch"]);
  return new Promise((resolve, reject) => {
    const child = spawn(node, rest, {
      cwd: root,
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    let pending = "";
    let failure = null;
    const timings = [];
    const stop = (why) => {
      failure ??= why;
      child.kill("SIGTERM");
    };
    const timer = setTimeout(() => stop("timed out"), timeoutSeconds * 1000);
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk) => {
      stderr += chunk;
      const lines = (pending + chunk).split("\n");
      pending = lines.pop();
      for (const line of lines) {
        if (line.startsWith("{")) timings.push(JSON.parse(line));
        else if (line.startsWith("Lỗi / Error")) stop("a check failed");
        // printed after each check, once the inputs are watched
        else if (line.includes("Watching ")) {
          if (timings.length > rechecks) stop(null);
          else writeFileSync(touch, bytes);
        }
      }
    });
    child.on("close", () => {
      clearTimeout(timer);
      if (failure === null && timings.length === rechecks + 1) resolve(timings);
      else reject(new Error(`npm run check --watch: ${failure ?? "ended early"}:\n${stderr}`));
    });
  });
}
