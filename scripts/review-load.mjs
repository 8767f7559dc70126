#!/usr/bin/env node
// The review server under load (issue 10): 50 simulated reviewers writing and reading flags for
// 60 s on loopback against a throwaway PostgreSQL (Debian's, Unix socket, fsync on). Prints
// throughput, p50/p99 latency of writes and reads, and checks that no acknowledged write was lost.
// With --fault (or scripts/review-fault.mjs) the server is killed with SIGKILL half-way and started
// again: every acknowledged write must be there, and nothing half-written. Measured figures, not
// assertions: not part of npm test. Exit 1 when a check fails.
//
//   node scripts/review-load.mjs [--reviewers 50] [--seconds 60] [--think-ms 100] [--fault]
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { bundleIfStale } from "./bundle.mjs";
import { runMeasured } from "./measured-run.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Runs the case; resolves with its JSON result (and peak RSS of the load process). */
export async function reviewLoad({
  reviewers = 50,
  seconds = 60,
  thinkMs = 100,
  fault = false,
} = {}) {
  const external = ["@electric-sql/pglite"];
  const serve = join(root, "build", "cli", "serve.mjs");
  await bundleIfStale(join(root, "src", "cli", "serve.ts"), serve, { sourcemap: true, external });
  const bundle = join(root, "build", "bench", "review-load-case.mjs");
  await bundleIfStale(join(root, "scripts", "review-load-case.ts"), bundle, { external });
  const args = [
    bundle,
    serve,
    String(reviewers),
    String(seconds),
    String(thinkMs),
    fault ? "1" : "0",
  ];
  const r = runMeasured(process.execPath, args, seconds + 300);
  const last = (r.stdout ?? "").trim().split("\n").pop() ?? "";
  if (!last.startsWith("{")) throw new Error(`review-load-case failed (${r.status}):\n${r.stderr}`);
  return { ...JSON.parse(last), load_process_peak_mb: r.peakMb, ok: r.status === 0 };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      reviewers: { type: "string", default: "50" },
      seconds: { type: "string", default: "60" },
      "think-ms": { type: "string", default: "100" },
      fault: { type: "boolean", default: false },
    },
  });
  const result = await reviewLoad({
    reviewers: Number(values.reviewers),
    seconds: Number(values.seconds),
    thinkMs: Number(values["think-ms"]),
    fault: values.fault,
  });
  console.log(JSON.stringify(result, null, 2));
  process.exitCode = result.ok ? 0 : 1;
}
