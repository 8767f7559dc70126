// Runs a child process in the foreground: its stdio is ours, SIGINT/SIGTERM/SIGHUP sent to us are
// passed on to it, and its end becomes our exit code (src/cli/data.ts starts `data-build` so). And
// the watch for a parent gone that scripts/run-cli.mjs starts for every command it runs.
import { spawn } from "node:child_process";
import { constants } from "node:os";
import { Worker } from "node:worker_threads";

/** Signals passed on: Ctrl-C, `kill`/terminate(), a closed terminal. */
const FORWARDED_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP"];

/** How often we look whether our parent is still there (a getppid() call: free). */
const ORPHAN_POLL_MS = 200;
/** Our parent when this module loaded: before run-cli.mjs spends seconds rebuilding a bundle. */
const STARTED_BY = process.ppid;

/*
 * The watch of {@link watchParent}, run in a thread of its own: the command's thread may compute
 * for seconds without returning to its event loop, where a timer would wait for it. It signals
 * once, then stops.
 */
const PARENT_WATCH = `
const { workerData } = require("node:worker_threads");
const watch = setInterval(() => {
  if (process.ppid === workerData.parent) return;
  clearInterval(watch);
  process.kill(process.pid, "SIGTERM");
}, workerData.pollMs);
`;

/**
 * For a command run in this process (scripts/run-cli.mjs): if our parent ends before us, we send
 * ourselves the SIGTERM it did not pass on, even while the command's thread is busy. npm 11
 * forwards SIGTERM to the `sh -c` it runs a script in, which dies without forwarding it to us:
 * orphaned, nobody reads our result. A command running a child ({@link runChild}) passes the
 * signal on to it like any other. The thread never keeps the process alive.
 */
export function watchParent() {
  const watch = new Worker(PARENT_WATCH, {
    eval: true,
    workerData: { parent: STARTED_BY, pollMs: ORPHAN_POLL_MS },
    // a few MB: it holds a timer
    resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 1 },
    stdout: false,
    stderr: false,
  });
  // a watch that cannot run must not end the command it watches (an unheard "error" would)
  watch.on("error", () => undefined);
  watch.unref();
}

/**
 * The exit code that reports how a child ended: its own code when it exited, 128 + the signal's
 * number when a signal killed it (the shell's convention: SIGKILL 137, SIGTERM 143, SIGABRT 134 —
 * V8 aborts when out of memory), and 3 (internal failure) otherwise. An abnormal end is never 0 or
 * 1: to `npm run check` those mean "no error finding" and "error findings".
 */
function exitCodeOf(code, signal) {
  if (code !== null && code !== undefined) return code;
  const number = signal ? constants.signals[signal] : undefined;
  return number ? 128 + number : 3;
}

/**
 * Starts `command args…` with our stdio and resolves with its exit code (see exitCodeOf) once it
 * has ended. While it runs, the forwarded signals go to it instead of ending us: the child decides
 * how to stop (the check removes its temporary files and writes nothing), and we report its end.
 * If our parent ends first, the child gets SIGTERM: the {@link watchParent} of the command we run
 * in sends it to us, and it is passed on.
 */
export function runChild(command, args, options = {}) {
  return new Promise((resolve) => {
    // listening before the child exists: a signal that comes while it starts is not lost (its
    // handler runs after spawn() has returned), and never ends us in its place
    let child = null;
    const forward = (signal) => child?.kill(signal);
    for (const signal of FORWARDED_SIGNALS) process.on(signal, forward);
    child = spawn(command, args, { stdio: "inherit", ...options });
    const done = (code) => {
      for (const signal of FORWARDED_SIGNALS) process.off(signal, forward);
      resolve(code);
    };
    child.once("error", (error) => {
      console.error(`Lỗi / Error: không chạy được / cannot start ${command}: ${error.message}`);
      done(3);
    });
    child.once("exit", (code, signal) => done(exitCodeOf(code, signal)));
  });
}
