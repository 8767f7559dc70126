import "./compile-budget";
import { runCheckCommand } from "../node/check-command";
import { printFailure } from "../node/check-error";
import { endProcess } from "../node/end-process";

/*
 * `npm run check -- [--catalog …] [--proposal …] [--rules …] [--format …] [--out …] [--timings]
 * [--workers N] [--watch]`. Its worker threads run the bundle of ./check-worker.ts, built beside
 * this one.
 */

// Node ends with code 1 on an uncaught exception, which would read as "the plan has conflicts"
process.on("uncaughtException", (error) => {
  printFailure(error);
  process.exit(3);
});
try {
  const workerScript = new URL("./check-worker.mjs", import.meta.url);
  process.exitCode = await runCheckCommand(process.argv.slice(2), workerScript);
} catch (error) {
  process.exitCode = printFailure(error);
}
await endProcess();
