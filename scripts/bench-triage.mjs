#!/usr/bin/env node
// `npm run bench -- --triage` (or this script alone): issue 8's triage goal, filtering or regrouping
// 3 000 findings in ≤ 50 ms. Bundles scripts/triage-case.ts (seeded synthetic findings) into
// build/bench/ and runs it in a process of its own (runMeasured: peak RSS too); prints medians in ms. Measured times, not
// assertions: not part of npm test.
//
//   node scripts/bench-triage.mjs [--findings 3000] [--seed 42]
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleIfStale } from "./bundle.mjs";
import { runMeasured } from "./measured-run.mjs";
import { scriptArgs } from "./script-args.mjs";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Runs the case; its JSON result and the markdown lines that report it. */
export async function benchTriage({ findings = 3000, seed = 42 } = {}) {
  const bundle = join(root, "build", "bench", "triage-case.mjs");
  await bundleIfStale(join(root, "scripts", "triage-case.ts"), bundle);
  const r = runMeasured(process.execPath, [bundle, String(findings), String(seed)], 300);
  if (r.status !== 0) throw new Error(`triage-case failed (${r.status}):\n${r.stderr}`);
  const result = { ...JSON.parse(r.stdout.trim().split("\n").pop()), peak_mb: r.peakMb };
  const worst = Math.max(
    ...Object.values(result.filter_ms),
    ...Object.values(result.filter_and_regroup_ms),
    ...Object.values(result.filter_and_regroup_kept_ms),
    result.regroup_all_ms,
    result.regroup_switch_ms,
    result.flag_change_ms,
  );
  const row = (name) =>
    `| ${name} | ${result.filter_ms[name]} | ${result.filter_and_regroup_ms[name]} | ${result.filter_and_regroup_kept_ms[name]} |`;
  const lines = [
    `Triage of ${result.findings} synthetic findings (${result.vertices} vertices; seed ${seed}; medians, ms)`,
    "",
    "| filter | filter + sort | filter + regroup by district | the same, the filtered order kept (as the list does) |",
    "|---|---|---|---|",
    ...Object.keys(result.filter_ms).map(row),
    "",
    `- index once per run: ${result.index_ms} ms; regroup all by rule: ${result.regroup_all_ms} ms; switch the grouping (district ↔ rule) of the listed findings: ${result.regroup_switch_ms} ms; a flag's status changes (no status filter), filter + regroup: ${result.flag_change_ms} ms; peak RSS of the case ${result.peak_mb} MB`,
    `- goal: filtering or regrouping ≤ 50 ms — worst median ${worst} ms: ${worst <= 50 ? "PASS" : "MISS"}`,
    `- headline area (union per rule, Clipper): all findings ${result.headline_cold_ms} ms first call, ${result.headline_new_run_ms} ms for a new run once the code is compiled, ${result.headline_cached_ms} ms for a filter seen before (cached areas); a new filter (errors ≥ 1 ha) ${result.headline_filtered_ms} ms, the same filter sorted by share ${result.headline_resort_ms} ms (summed area ÷ united: ${result.summed_over_union})`,
    `- headline area in steps (headlineAreaInSteps, one rule per task): longest step ${result.headline_longest_step_ms} ms (main-thread goal: no task over 100 ms)`,
  ];
  return { result, lines };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = scriptArgs(import.meta.url, {
    findings: { type: "string", default: "3000" },
    seed: { type: "string", default: "42" },
  });
  const { lines } = await benchTriage({
    findings: Number(values.findings),
    seed: Number(values.seed),
  });
  console.log(lines.join("\n"));
}
