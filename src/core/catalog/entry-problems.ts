import type { z } from "zod";

/**
 * One problem found in a file of entries validated one by one (the catalogue's layers, the rules
 * file's rules): where it is and what is wrong, in terms a data steward reads.
 */
export type EntryProblem = {
  /** Index of the entry in its list, or null for the file root. */
  index: number | null;
  /** The entry's id when it has a readable one. */
  id: string | null;
  /** Dotted path of the offending field inside the entry, e.g. "legalBasis.date". */
  field: string;
  message: string;
};

/** The `id` of a raw entry when it is text, to name an entry that fails validation. */
export function rawEntryId(raw: unknown): string | null {
  const id = typeof raw === "object" && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return typeof id === "string" ? id : null;
}

/**
 * One problem per zod issue; `wholeEntry` names the field of an issue about the entry itself.
 */
export function zodProblems(
  error: z.ZodError,
  index: number | null,
  id: string | null,
  wholeEntry: string,
): EntryProblem[] {
  return error.issues.map((issue) => ({
    index,
    id,
    field: issue.path.map(String).join(".") || wholeEntry,
    message: issue.message,
  }));
}

/** One line per problem, for a terminal or a toast, e.g. `file: rule #0 "x" severity: …`. */
export function formatEntryProblem(problem: EntryProblem, file: string, noun: string): string {
  const where =
    problem.index === null
      ? ""
      : ` ${noun} #${problem.index}${problem.id ? ` "${problem.id}"` : ""}`;
  return `${file}:${where} ${problem.field}: ${problem.message}`;
}
