// One benchmark case in its own process, measured: shared by scripts/bench-validity.mjs and
// scripts/bench-min-distance.mjs.
import { spawnSync } from "node:child_process";

/**
 * Runs `command args…` under `timeout` and `/usr/bin/time -v` and returns its exit status, output,
 * wall time (ms), CPU time of user and system (ms: the machine may be shared, which stretches wall
 * time), peak RSS (MB), and whether `timeout` stopped it. `time` runs outside `timeout`, so it
 * reports the peak of a case that was stopped, too.
 */
export function runMeasured(command, args, timeoutSeconds) {
  const t0 = performance.now();
  const r = spawnSync(
    "/usr/bin/time",
    ["-v", "timeout", String(timeoutSeconds), command, ...args],
    { encoding: "utf8", maxBuffer: 1 << 26 },
  );
  const wallMs = Math.round(performance.now() - t0);
  const stderr = r.stderr ?? "";
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
  const sys = /System time \(seconds\): ([\d.]+)/.exec(stderr);
  return {
    status: r.status,
    stdout: r.stdout ?? "",
    stderr,
    wallMs,
    cpuMs: user && sys ? Math.round((Number(user[1]) + Number(sys[1])) * 1000) : null,
    peakMb: rss ? Math.round(Number(rss[1]) / 1024) : null,
    timedOut: r.status === 124,
  };
}
