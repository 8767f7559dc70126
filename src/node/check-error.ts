import { relative } from "node:path";
import type { Bilingual } from "../core/validate/validation-issue";

/** One line, Vietnamese then English: the house style of every command-line message. */
export const bilingual = ({ vi, en }: Bilingual): string => `${vi} / ${en}`;

/** A path as the user should see it: relative to the working directory when under it. */
export function shownPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel && !rel.startsWith("..") ? rel : path;
}

/** "Lỗi / Error: <where>: <vi> / <en>". */
export function errorLine(where: string, text: Bilingual): string {
  return `Lỗi / Error: ${where}: ${bilingual(text)}`;
}

/**
 * A bad input the user can fix (an option, a file, a feature): `npm run check` prints its lines
 * alone, never a stack trace, and exits with code 2. Each line names the file and the feature.
 */
export class CheckInputError extends Error {
  readonly exitCode = 2;
  constructor(readonly lines: readonly string[]) {
    super(lines.join("\n"));
    this.name = "CheckInputError";
  }
}

/** A single-problem input error: `where` is the file (and feature), `text` what is wrong. */
export function inputError(where: string, text: Bilingual): CheckInputError {
  return new CheckInputError([errorLine(where, text)]);
}

/** Problem lines shown for one bad file; the rest are counted. */
const MAX_PROBLEM_LINES = 20;

/**
 * At most MAX_PROBLEM_LINES of a file's problem lines, the rest counted on a last line, so a file
 * broken everywhere does not flood the terminal.
 */
export function cappedProblemLines(lines: readonly string[]): readonly string[] {
  const more = lines.length - MAX_PROBLEM_LINES;
  return more > 0
    ? [...lines.slice(0, MAX_PROBLEM_LINES), `… (${more} lỗi khác / ${more} more)`]
    : lines;
}

/**
 * At most MAX_PROBLEM_LINES problem lines ({@link cappedProblemLines}); with a `head`, they are
 * indented under "Lỗi / Error: <head>".
 */
export function problemsError(lines: readonly string[], head?: Bilingual): CheckInputError {
  const shown = cappedProblemLines(lines);
  if (!head) return new CheckInputError(shown);
  return new CheckInputError([
    `Lỗi / Error: ${bilingual(head)}`,
    ...shown.map((line) => `  ${line}`),
  ]);
}

/**
 * A failure of the checker itself, not of the input (a worker out of memory or stopped): the
 * command prints `lines` (bilingual, what to do) and the technical `detail`, and exits with code 3,
 * never 0 or 1, which would read as a verdict on the plan.
 */
export class CheckInternalError extends Error {
  readonly exitCode = 3;
  constructor(
    readonly lines: readonly string[],
    readonly detail: string,
  ) {
    super(lines.join("\n"));
    this.name = "CheckInternalError";
  }
}

/**
 * Prints why a check ended without a result and returns its exit code: a CheckInputError's lines
 * alone (2); for anything else, what to do and the technical detail (3). Shared by the command's
 * entry and `--watch`, which prints the failure of one run and goes on watching.
 */
export function printFailure(error: unknown): 2 | 3 {
  if (error instanceof CheckInputError) {
    for (const line of error.lines) console.error(line);
    return 2;
  }
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
  return 3;
}
