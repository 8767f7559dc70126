import type { Bilingual } from "../core/validate/validation-issue";

/** One line, Vietnamese then English: the house style of every command-line message. */
export const bilingual = ({ vi, en }: Bilingual): string => `${vi} / ${en}`;

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

/** At most `limit` problem lines, so a file broken everywhere does not flood the terminal. */
export function problemsError(lines: readonly string[], limit = 20): CheckInputError {
  const more = lines.length - limit;
  const shown =
    more > 0 ? [...lines.slice(0, limit), `… (${more} lỗi khác / ${more} more)`] : lines;
  return new CheckInputError(shown);
}
