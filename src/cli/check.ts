import "./compile-budget";
import { isMainThread, workerData } from "node:worker_threads";
import { runCheckCommand } from "../node/check-command";
import { CheckInputError, CheckInternalError, errorLine } from "../node/check-error";
import { isWorkerJob, workerMain } from "../node/check-worker";

/*
 * `npm run check -- [--catalog …] [--proposal …] [--rules …] [--format …] [--out …] [--timings]
 * [--workers N]`. The same bundle is the entry of the check's worker threads (one file to build and
 * to start), so this module only dispatches.
 */

/** Prints an internal failure (the checker's fault, not the input's) and sets exit code 3. */
function internalFailure(error: unknown): void {
  const lines =
    error instanceof CheckInternalError
      ? error.lines
      : [
          errorLine("npm run check", {
            vi: "lỗi nội bộ của trình kiểm tra; hãy báo lỗi kèm các dòng dưới đây",
            en: "internal error of the checker; please report it with the lines below",
          }),
        ];
  for (const line of lines) console.error(line);
  if (error instanceof CheckInternalError) console.error(error.detail);
  else console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 3;
}

if (!isMainThread && isWorkerJob(workerData)) {
  await workerMain();
} else {
  // Node ends with code 1 on an uncaught exception, which would read as "the plan has conflicts"
  process.on("uncaughtException", (error) => {
    internalFailure(error);
    process.exit(3);
  });
  try {
    process.exitCode = await runCheckCommand(process.argv.slice(2), new URL(import.meta.url));
  } catch (error) {
    if (error instanceof CheckInputError) {
      for (const line of error.lines) console.error(line);
      process.exitCode = 2;
    } else {
      internalFailure(error);
    }
  }
}
