import { type CheckResult, resultChunks } from "../core/check/index";
import { CHECK_USAGE, type CheckArgs, checkSourceOf, parseCheckArgs } from "./check-args";
import { bilingual } from "./check-error";
import type { InputPlan } from "./check-inputs";
import { problemLine } from "./check-problems";
import { runCheck } from "./check-run";
import { watchChecks } from "./check-watch";
import { runCompareCommand } from "./compare-command";
import {
  inputFilesOf,
  type OutputTarget,
  refuseInputAsOutput,
  resolveOutput,
} from "./output-target";
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

/** How one check of the command is run and reported. */
type CheckOnce = {
  /** The run's number: 1, then 2, 3… under `--watch`. */
  run: number;
  /** When the run began (performance.now()): 0, the process's start, for the first. */
  startedAt: number;
  /** The command's own start-up (argument parsing, `--out` resolved), printed for the first run. */
  startup?: number;
  /** Called with the input files as soon as they are planned, before any is read (`--watch`). */
  noteInputs?: (files: readonly string[]) => void;
};

/**
 * `npm run check`: parse options, run the engine on every core, write the findings, return the exit
 * code; with `--watch`, run again whenever an input changes, until stopped. Bad input throws
 * CheckInputError (exit 2), printed by the entry without a stack trace.
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
  if (!args.watch) return checkOnce(args, output, workerScript, { run: 1, startedAt: 0, startup });
  const known = [args.catalog, ...(args.proposal ?? [])];
  return watchChecks(
    (run, noteInputs) =>
      checkOnce(args, output, workerScript, {
        run,
        startedAt: run === 1 ? 0 : performance.now(),
        ...(run === 1 ? { startup } : {}),
        noteInputs,
      }),
    known,
  );
}

/** One check: run, write the findings, print the summary (and timings); returns the exit code. */
async function checkOnce(
  args: CheckArgs,
  output: OutputTarget | null,
  workerScript: URL,
  once: CheckOnce,
): Promise<number> {
  const beforeRead = (plan: InputPlan) => {
    const inputs = inputFilesOf(plan);
    once.noteInputs?.(inputs.map((f) => f.path));
    if (output) refuseInputAsOutput(output, inputs);
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
      ...(args.watch ? { run: once.run } : {}),
      read_ms: round1(run.timings.read_ms),
      index_ms: round1(run.timings.index_ms),
      check_ms: round1(run.timings.check_ms),
      ...(run.timings.check_cpu_ms === undefined
        ? {}
        : { check_cpu_ms: round1(run.timings.check_cpu_ms) }),
      write_ms: round1(writeMs),
      ...(once.startup === undefined ? {} : { startup_ms: round1(once.startup) }),
      // from process start for the first run (Node's own start-up and module loading included),
      // from the change seen for a run of --watch
      total_ms: round1(performance.now() - once.startedAt),
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
