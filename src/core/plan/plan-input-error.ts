import {
  type EntryProblem,
  formatEntryProblem,
  type ProblemLanguage,
} from "../catalog/entry-problems";
import type { Bilingual } from "../validate/validation-issue";

/** A problem of the file `where` as one line (root problems: no entry is named). */
const line = (where: string, lang: ProblemLanguage) => (problem: EntryProblem) =>
  formatEntryProblem(problem, where, { vi: "mục", en: "entry" }, lang);

/**
 * An authored input the plan generator cannot use: `where` names the file (and feature), `text`
 * says what is wrong and what is expected, in both languages, and `problems` lists the fields of
 * a file that fails its schema. The data step prints it as `Lỗi / Error: <where>: <vi> / <en>`,
 * then {@link PlanInputError.problemLines}, and exits 2; the English `message` is for other callers.
 */
export class PlanInputError extends Error {
  constructor(
    readonly where: string,
    readonly text: Bilingual,
    readonly problems: readonly EntryProblem[] = [],
  ) {
    super([`${where}: ${text.en}`, ...problems.map(line(where, "en"))].join("\n"));
    this.name = "PlanInputError";
  }

  /** One line per problem, `<where>: <field>: <text>`: both languages by default (the CLI's). */
  problemLines(lang: ProblemLanguage = "both"): string[] {
    return this.problems.map(line(this.where, lang));
  }
}
