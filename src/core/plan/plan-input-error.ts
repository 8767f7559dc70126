import type { Bilingual } from "../validate/validation-issue";

/**
 * An authored input the plan generator cannot use: `where` names the file (and feature), `text`
 * says what is wrong and what is expected, in both languages. The data step prints it as
 * `Lỗi / Error: <where>: <vi> / <en>` and exits 2; the English `message` is for other callers.
 */
export class PlanInputError extends Error {
  constructor(
    readonly where: string,
    readonly text: Bilingual,
  ) {
    super(`${where}: ${text.en}`);
    this.name = "PlanInputError";
  }
}
