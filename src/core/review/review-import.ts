import {
  EntryIds,
  type EntryProblem,
  formatEntryProblem,
  type ProblemLanguage,
  parseEntry,
  zodProblems,
} from "../catalog/entry-problems";
import { showValue } from "../text/show-value";
import { parseShowingIssues } from "../text/zod-issue-text";
import type { Bilingual } from "../validate/validation-issue";
import type { FlagEvent } from "./flag-types";
import { foldFlag } from "./fold-flags";
import { historyProblems } from "./history-problems";
import { flagFeatureSchema, reviewRootSchema } from "./review-file-schema";
import {
  APP_ID,
  REVIEW_FORMAT,
  REVIEW_MEMBER,
  REVIEW_VERSION,
  type ReviewMarker,
} from "./review-format";

/** Longest review file read, in characters: far above a real review, far below what hangs a tab. */
export const MAX_REVIEW_CHARS = 64 * 1024 * 1024;

/** A review file read whole (every flag's events), or every reason it was refused. */
export type ReviewImport =
  | { ok: true; marker: ReviewMarker; events: FlagEvent[]; flags: number }
  | { ok: false; problems: EntryProblem[] };

/** How a problem of a review file names a feature: "đối tượng #3" / "feature #3". */
export const REVIEW_NOUN: Bilingual = { vi: "đối tượng", en: "feature" };

const FILE = "(file)";
const fileProblem = (message: Bilingual): ReviewImport => ({
  ok: false,
  problems: [{ index: null, id: null, field: FILE, message }],
});

/** The marker member of a parsed root, when the root is an object that has one. */
function markerOf(json: unknown): unknown {
  if (typeof json !== "object" || json === null || Array.isArray(json)) return undefined;
  return Object.hasOwn(json, REVIEW_MEMBER)
    ? (json as Record<string, unknown>)[REVIEW_MEMBER]
    : undefined;
}

/** Why a parsed file is not a review this app reads, or null when its marker says it is one. */
function foreignFile(json: unknown): Bilingual | null {
  const marker = markerOf(json);
  const m =
    typeof marker === "object" && marker !== null ? (marker as Record<string, unknown>) : null;
  if (!m || m.format !== REVIEW_FORMAT || m.app !== APP_ID) {
    return {
      vi: `không phải tệp thẩm định của ${APP_ID} (thiếu dấu "${REVIEW_MEMBER}"): chọn tệp đã xuất bằng "Xuất kết quả thẩm định"`,
      en: `not a ${APP_ID} review file (no "${REVIEW_MEMBER}" marker): choose a file written by "Export review"`,
    };
  }
  if (typeof m.version === "number" && m.version > REVIEW_VERSION) {
    return {
      vi: `tệp thẩm định phiên bản ${showValue(m.version)} mới hơn ứng dụng (đọc được phiên bản ${REVIEW_VERSION}): cập nhật ứng dụng`,
      en: `review file version ${showValue(m.version)} is newer than this app reads (${REVIEW_VERSION}): update the app`,
    };
  }
  return null;
}

/** The problems of one feature: its shape, then its history, then whether its summary agrees. */
function featureProblems(
  raw: unknown,
  index: number,
): { events: FlagEvent[]; problems: EntryProblem[] } {
  const parsed = parseEntry(flagFeatureSchema, raw, index, "(feature)");
  if (!parsed.data) return { events: [], problems: parsed.problems };
  const feature = parsed.data;
  const id = feature.id;
  const history = feature.properties.history as FlagEvent[];
  const problems: EntryProblem[] = historyProblems(id, history).map((p) => ({ index, id, ...p }));
  if (problems.length > 0) return { events: [], problems };
  const flag = foldFlag(id, history);
  const p = feature.properties;
  const mismatch = (field: string): EntryProblem => ({
    index,
    id,
    field,
    message: {
      vi: "không khớp với lịch sử của cờ (tệp đã bị sửa tay?): xuất lại tệp từ ứng dụng",
      en: "does not match the flag's history (edited by hand?): export the file again from the app",
    },
  });
  if (!flag) return { events: [], problems: [mismatch("properties.history")] };
  const finding = flag.target.kind === "finding" ? flag.target.finding : null;
  // a finding's geometry may be the run's newer one; a drawn flag's is its history's
  const drawn = flag.target.kind === "own" ? flag.target.geometry : null;
  const checks: [string, boolean][] = [
    ["properties.flagId", p.flagId === id],
    ["properties.kind", p.kind === flag.target.kind],
    ["properties.findingId", p.findingId === (finding?.id ?? null)],
    ["properties.rule", p.rule === (finding?.rule ?? null)],
    ["properties.status", p.status === flag.status],
    ["properties.deleted", p.deleted === flag.deleted],
    ["properties.disagreement", p.disagreement === flag.disagreement],
    ["geometry", !drawn || JSON.stringify(feature.geometry) === JSON.stringify(drawn)],
  ];
  for (const [field, ok] of checks) if (!ok) problems.push(mismatch(field));
  return { events: history, problems };
}

/**
 * Reads a review file (see `buildReviewFile`) strictly: its marker (format, version, app), every
 * feature's shape, every history's rules (`historyProblems`), that each feature's summary agrees
 * with its history, and that no flag or event appears twice. Any problem refuses the whole file
 * — a review half read would look complete — and each problem names the feature (index and flag
 * id) and the field, in both languages.
 */
export function parseReviewFile(text: string): ReviewImport {
  if (text.length > MAX_REVIEW_CHARS) {
    return fileProblem({
      vi: `tệp lớn hơn ${MAX_REVIEW_CHARS / 1024 / 1024} MB: không phải một tệp thẩm định`,
      en: `the file is larger than ${MAX_REVIEW_CHARS / 1024 / 1024} MB: not a review file`,
    });
  }
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return fileProblem({
      vi: `không đọc được JSON (${detail}): chọn tệp .geojson đã xuất từ ứng dụng`,
      en: `not JSON (${detail}): choose the .geojson file the app exported`,
    });
  }
  const foreign = foreignFile(json);
  if (foreign) return fileProblem(foreign);
  const root = parseShowingIssues(reviewRootSchema, json);
  if (!root.success) {
    return {
      ok: false,
      problems: zodProblems(root.error, null, null, FILE, reviewRootSchema, json),
    };
  }
  const problems: EntryProblem[] = [];
  const events: FlagEvent[] = [];
  const flagIds = new EntryIds(REVIEW_NOUN);
  const eventHolders = new Map<string, number>();
  for (const [index, raw] of root.data.features.entries()) {
    const one = featureProblems(raw, index);
    problems.push(...one.problems);
    if (one.problems.length > 0) continue;
    const id = one.events[0]?.flagId ?? "";
    const twice = flagIds.duplicate(id, index);
    if (twice) {
      // a flag given twice: said once, not again for each of its events
      problems.push(twice);
      continue;
    }
    flagIds.add(id, index);
    one.events.forEach((e, i) => {
      const holder = eventHolders.get(e.eventId);
      if (holder !== undefined) {
        problems.push({
          index,
          id,
          field: `properties.history.${i}.eventId`,
          message: {
            vi: `mã sự kiện ${showValue(e.eventId)} đã có ở đối tượng #${holder}: mỗi sự kiện có mã riêng`,
            en: `event id ${showValue(e.eventId)} is also in feature #${holder}: each event has its own id`,
          },
        });
      }
      eventHolders.set(e.eventId, index);
      events.push(e);
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, marker: root.data.planLayersReview, events, flags: root.data.features.length };
}

/**
 * The problems of a refused file as lines, each naming the file, the feature and the field:
 * `review.geojson: đối tượng / feature #2 "finding:…" properties.status: … / …` (`lang` "both"),
 * or in the UI's language.
 */
export function reviewProblemLines(
  problems: readonly EntryProblem[],
  fileName: string,
  lang: ProblemLanguage = "both",
): string[] {
  return problems.map((p) => formatEntryProblem(p, fileName, REVIEW_NOUN, lang));
}
