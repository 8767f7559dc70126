// The command-line options of the project's scripts (`npm run bench` and the benchmarks it runs):
// node:util's parseArgs, with `--help` printing the script's own header comment (where each
// documents its options) and a bad option said in one line with exit 2, instead of a stack trace.
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

/** The leading `//` comment of the script at `url` (after a `#!` line), without the slashes. */
export function usageOf(url) {
  const lines = readFileSync(fileURLToPath(url), "utf8").split("\n");
  const usage = [];
  for (const line of lines.slice(lines[0]?.startsWith("#!") ? 1 : 0)) {
    if (!line.startsWith("//")) break;
    usage.push(line.replace(/^\/\/ ?/, ""));
  }
  return usage.join("\n");
}

/**
 * `parseArgs({ args, options, allowPositionals })` for the script at `url`. `--help` or `-h`
 * prints its usage ({@link usageOf}) and exits 0; an unknown option, or one without its value, is
 * said on stderr with where the options are listed, and the script exits 2.
 */
export function scriptArgs(
  url,
  options,
  { args = process.argv.slice(2), allowPositionals = false } = {},
) {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(usageOf(url));
    process.exit(0);
  }
  try {
    return parseArgs({ args, options, allowPositionals });
  } catch (error) {
    fail(url, error instanceof Error ? error.message : String(error));
  }
}

/** Says on one line what is wrong with the command line of the script at `url`, and exits 2. */
export function fail(url, problem) {
  console.error(`${basename(fileURLToPath(url))}: ${problem} (--help lists the options)`);
  process.exit(2);
}
