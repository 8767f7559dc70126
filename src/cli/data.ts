import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { runChild } from "../../scripts/run-child.mjs";
import { shownPath } from "../node/check-error";
import { parseDataArgs, withoutIfStale } from "./data-step/args";
import { bilingual, DataStepError, USAGE } from "./data-step/messages";
import { resolveFolders } from "./data-step/source-spec";
import { checkFreshness } from "./data-step/staleness";
import { sweepStaleOutputs } from "./data-step/write-outputs";

/*
 * `npm run data [--if-stale]`. This entry only decides whether to build: it imports no library,
 * only Node built-ins and small modules, so `--if-stale` on fresh data answers in well under half a
 * second (loading Turf and FlatGeobuf alone takes about that). The build itself is the `data-build`
 * command, started through scripts/run-cli.mjs like any command.
 */
const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const argv = process.argv.slice(2);

async function main(): Promise<number> {
  let args: ReturnType<typeof parseDataArgs>;
  try {
    args = parseDataArgs(argv);
  } catch (error) {
    if (!(error instanceof DataStepError)) throw error;
    console.error(`Lỗi / Error: ${error.message}`);
    console.error(USAGE);
    return error.exitCode;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const where = { projectRoot, cwd: process.cwd(), env: process.env };
  const { outDir } = resolveFolders(args, where);
  const out = shownPath(outDir);
  // Here, not in the build: also when the data is fresh and no build follows, a killed run's
  // leftovers must not stay.
  const swept = sweepStaleOutputs(outDir);
  if (swept.length > 0) {
    const names = swept.join(", ");
    console.log(
      bilingual({
        vi: `Đã xoá ${swept.length} tệp tạm của một lần chạy bị ngắt khỏi ${out}: ${names}`,
        en: `Removed ${swept.length} temporary files of an interrupted run from ${out}: ${names}`,
      }),
    );
  }
  if (args.ifStale) {
    const freshness = await checkFreshness(args, where);
    if (freshness.fresh) {
      console.log(
        bilingual({
          vi: `${out} đã cập nhật, không cần dựng lại`,
          en: `${out} is up to date; nothing to do`,
        }),
      );
      return 0;
    }
    console.log(
      bilingual({
        vi: `Dựng lại ${out}: ${freshness.reason.vi}`,
        en: `Rebuilding ${out}: ${freshness.reason.en}`,
      }),
    );
  }
  // not spawnSync: a blocked process cannot pass a signal on, and the build would go on orphaned
  return runChild(process.execPath, [
    join(projectRoot, "scripts", "run-cli.mjs"),
    "data-build",
    ...withoutIfStale(argv),
  ]);
}

process.exitCode = await main();
