import { DataStepError } from "./messages";

/** Options of `npm run data`; paths as typed (relative to the working directory). */
export type DataArgs = {
  source: string | null;
  out: string | null;
  layers: string | null;
  ifStale: boolean;
  help: boolean;
};

const VALUE_OPTIONS = { "--source": "source", "--out": "out", "--layers": "layers" } as const;

/**
 * Parses the command line (`--source X` or `--source=X`, `--out`, `--layers`, `--if-stale`,
 * `--help`).
 *
 * @throws DataStepError (exit 2) on an unknown option or a missing value
 */
export function parseDataArgs(argv: readonly string[]): DataArgs {
  const args: DataArgs = { source: null, out: null, layers: null, ifStale: false, help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--if-stale") {
      args.ifStale = true;
      continue;
    }
    if (arg === "--help" || arg === "-h") {
      args.help = true;
      continue;
    }
    const [flag, inline] = arg.includes("=")
      ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)]
      : [arg, null];
    const key = VALUE_OPTIONS[flag as keyof typeof VALUE_OPTIONS];
    if (!key) {
      throw new DataStepError({ vi: `tùy chọn không rõ: ${arg}`, en: `unknown option: ${arg}` }, 2);
    }
    const value = inline ?? argv[++i];
    if (value === undefined || value === "" || (inline === null && value.startsWith("--"))) {
      throw new DataStepError({ vi: `${flag} cần một giá trị`, en: `${flag} needs a value` }, 2);
    }
    args[key] = value;
  }
  return args;
}

/** The same command line without `--if-stale`, to hand to the build step. */
export function withoutIfStale(argv: readonly string[]): string[] {
  return argv.filter((arg) => arg !== "--if-stale");
}
