import "./compile-budget";
import { runCheckCommand } from "../node/check-command";
import { CheckInputError, CheckInternalError, errorLine } from "../node/check-error";
import { endProcess } from "../node/end-process";

/*
 * `npm run check -- [--catalog …] [--proposal …] [--rules …] [--format …] [--out …] [--timings]
 * [--workers N]`. Its worker threads run the bundle of ./check-worker.ts, built beside this one.
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

// Node ends with code 1 on an uncaught exception, which would read as "the plan has conflicts"
process.on("uncaughtException", (error) => {
  internalFailure(error);
  process.exit(3);
});
try {
  const workerScript = new URL("./check-worker.mjs", import.meta.url);
  process.exitCode = await runCheckCommand(process.argv.slice(2), workerScript);
} catch (error) {
  if (error instanceof CheckInputError) {
    for (const line of error.lines) console.error(line);
    process.exitCode = 2;
  } else {
    internalFailure(error);
  }
}
await endProcess();
