import { type Disagreement, parseReviewFile, reviewProblemLines } from "../core/review/index";
import { reviewClosed } from "../core/review/review-roles";
import type { Bilingual } from "../core/validate/validation-issue";
import type { Database } from "./db/database";
import { appendEvents, type Review } from "./review-repository";

/** What merging a review file into a stored review did, or why it changed nothing. */
export type ServerImportOutcome =
  | { ok: true; flags: number; added: number; duplicates: number; disagreements: Disagreement[] }
  | { ok: false; status: 400 | 403 | 404 | 409 | 422; problem: Bilingual; lines: string[] };

/**
 * Reads a review file strictly (the app's `parseReviewFile`) and merges its events into the review
 * as the app merges a file (`appendEvents` → `mergeReviews`), all or nothing. Events keep the
 * signatures of the file: they record what the council members did, wherever they did it.
 * `fileName` names the file in the problem lines; `userId` is who imported (null: the command line).
 */
export async function importReviewText(
  db: Database,
  review: Review,
  text: string,
  fileName: string,
  userId: number | null = null,
): Promise<ServerImportOutcome> {
  const parsed = parseReviewFile(text);
  if (!parsed.ok) {
    const lines = reviewProblemLines(parsed.problems, fileName);
    const first = parsed.problems[0]?.message ?? {
      vi: "tệp không đọc được",
      en: "unreadable file",
    };
    return { ok: false, status: 400, problem: first, lines };
  }
  if (parsed.events.length === 0) {
    return { ok: true, flags: 0, added: 0, duplicates: 0, disagreements: [] };
  }
  const result = await db.transaction((sql) =>
    appendEvents(sql, review.id, parsed.events, userId, (_event, closed) =>
      closed ? reviewClosed(review.slug) : null,
    ),
  );
  if (!result.ok) {
    return {
      ok: false,
      status: result.status,
      problem: result.problem,
      lines: [`${fileName}: ${result.problem.vi} / ${result.problem.en}`],
    };
  }
  return {
    ok: true,
    flags: parsed.flags,
    added: result.added,
    duplicates: result.duplicates,
    disagreements: result.disagreements,
  };
}
