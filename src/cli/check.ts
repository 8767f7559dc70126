import "./compile-budget";
import { isMainThread, workerData } from "node:worker_threads";
import { runCheckCommand } from "../node/check-command";
import { CheckInputError, errorLine } from "../node/check-error";
import { isWorkerJob, workerMain } from "../node/check-worker";

/*
 * `npm run check -- [--catalog …] [--proposal …] [--rules …] [--format …] [--out …] [--timings]
 * [--workers N]`. The same bundle is the entry of the check's worker threads (one file to build and
 * to start), so this module only dispatches.
 */
if (!isMainThread && isWorkerJob(workerData)) {
  await workerMain();
} else {
  try {
    process.exitCode = await runCheckCommand(process.argv.slice(2), new URL(import.meta.url));
  } catch (error) {
    if (error instanceof CheckInputError) {
      for (const line of error.lines) console.error(line);
      process.exitCode = 2;
    } else {
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      console.error(errorLine("npm run check", { vi: "lỗi nội bộ", en: "internal error" }));
      console.error(detail);
      process.exitCode = 3;
    }
  }
}
