import { type CheckResult, resultChunks } from "../core/check/index";
import { CHECK_USAGE, checkSourceOf, parseCheckArgs } from "./check-args";
import { bilingual } from "./check-error";
import type { InputPlan } from "./check-inputs";
import { problemLine } from "./check-problems";
import { runCheck } from "./check-run";
import { runCompareCommand } from "./compare-command";
import { inputFilesOf, refuseInputAsOutput, resolveOutput } from "./output-target";
import { writeOutput } from "./write-output";

/**
 * The PostGIS engine, loaded only when asked for: its client library (pg) loads Node's fetch
 * (undici) as it starts, 60–80 ms of every in-process check's start-up.
 */
const postgisEngine = () => import("./check-run-postgis");

/** Exit code: 1 when any finding has error severity (the plan must change), else 0. */
function exitCodeOf(result: CheckResult): 0 | 1 {
  return result.findings.some((f) => f.severity === "error") ? 1 : 0;
}

/** One stderr line per rule: findings, errors, warnings, total area. */
function summaryLines(result: CheckResult): string[] {
  return result.summary.map((s) => {
    const ha = (s.areaSquareMeters / 10_000).toFixed(2);
    const nc = s.notComputed > 0 ? `, ${s.notComputed} không tính được / not computed` : "";
    return `${s.rule}: ${s.findings} phát hiện / findings (${s.errors} lỗi / errors, ${s.warnings} cảnh báo / warnings${nc}), ${ha} ha`;
  });
}

const round1 = (ms: number) => Math.round(ms * 10) / 10;

/**
 * `npm run check`: parse options, run the engine on every core, write the findings, return the exit
 * code. Bad input throws CheckInputError (exit 2), printed by the entry without a stack trace.
 */
export async function runCheckCommand(argv: readonly string[], workerScript: URL): Promise<number> {
  const startup = performance.now();
  const args = parseCheckArgs(argv);
  if (args.help) {
    console.log(CHECK_USAGE);
    return 0;
  }
  if (args.compare) return runCompareCommand(args);
  // a bad --out (a folder, one of the inputs) stops the command before the check, not after it
  const output = args.out === null ? null : resolveOutput(args.out);
  const beforeRead = (plan: InputPlan) => {
    if (output) refuseInputAsOutput(output, inputFilesOf(plan));
  };
  const source = checkSourceOf(args);
  const findingGeometry = args.format !== "csv";
  const run =
    args.engine === "postgis" && args.database
      ? await (await postgisEngine()).runCheckInPostgis({
          beforeRead,
          source,
          database: args.database,
          findingGeometry,
        })
      : await runCheck({
          beforeRead,
          source,
          workers: args.workers,
          findingGeometry,
          workerScript,
        });
  const { result, loaded } = run;
  const t0 = performance.now();
  await writeOutput(output, resultChunks(result, args.format));
  const writeMs = performance.now() - t0;

  for (const line of loaded.warnings) console.error(line);
  // warnings only: runCheck stopped on an error problem before checking
  for (const problem of result.problems) console.error(problemLine(problem, loaded.plan));
  if (loaded.plan.proposal) {
    const { layer, file } = loaded.plan.proposal;
    console.error(
      bilingual({
        vi: `Đã kiểm tra ${file} thay cho lớp "${layer}"`,
        en: `Checked ${file} in place of layer "${layer}"`,
      }),
    );
  }
  for (const line of summaryLines(result)) console.error(line);
  if (args.timings) {
    const pairs = result.findings.filter(
      (f) => f.status === "ok" && f.subject.featureId !== null && f.constraint?.featureId,
    ).length;
    const timings = {
      read_ms: round1(run.timings.read_ms),
      index_ms: round1(run.timings.index_ms),
      check_ms: round1(run.timings.check_ms),
      ...(run.timings.check_cpu_ms === undefined
        ? {}
        : { check_cpu_ms: round1(run.timings.check_cpu_ms) }),
      write_ms: round1(writeMs),
      startup_ms: round1(startup),
      // from process start: Node's own start-up and module loading included
      total_ms: round1(performance.now()),
      pairs,
      findings: result.findings.length,
      candidate_pairs: result.stats.candidatePairs,
      kernel_calls: result.stats.kernelCalls,
      workers: run.threads,
      rss_peak_mb: Math.round(process.resourceUsage().maxRSS / 1024),
      heap_mb: Math.round(run.perThread.reduce((sum, t) => sum + t.heap_mb, 0)),
      threads: run.perThread.map((t) => ({
        read_ms: round1(t.read_ms),
        index_ms: round1(t.index_ms),
        check_ms: round1(t.check_ms),
        chunks: t.chunks,
      })),
    };
    console.error(JSON.stringify(timings));
  }
  return exitCodeOf(result);
}
