import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { buildPlanLayers } from "../core/plan/build-plan-layers";
import { parseDataArgs } from "./data-step/args";
import { DataStepError } from "./data-step/messages";
import { runBuild } from "./data-step/run-build";

/*
 * The build behind `npm run data` (see src/cli/data.ts, which decides whether to run it). Wires
 * the real network, clock, console and plan layer generator into `runBuild`.
 */
const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

async function main(): Promise<number> {
  let args: ReturnType<typeof parseDataArgs>;
  try {
    // --if-stale was data.ts's to answer (it drops it); runBuild ignores it
    args = parseDataArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof DataStepError)) throw error;
    console.error(`Lỗi / Error: ${error.message}`);
    return error.exitCode;
  }
  return runBuild(args, {
    projectRoot,
    cwd: process.cwd(),
    env: process.env,
    fetch: (url, init) => fetch(url, init),
    buildPlanLayers,
    now: () => new Date(),
    log: (line) => console.log(line),
    error: (line) => console.error(line),
  });
}

process.exitCode = await main();
