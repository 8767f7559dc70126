import { mib } from "../core/validate/size-limit";
import {
  type Bilingual,
  issueIn,
  type ProblemCode,
  type ValidationIssue,
} from "../core/validate/validation-issue";
import type { CrsEvidence, FormatId, ReadResult } from "./format-types";

/** A result with no features and the problem(s) that stopped the reading. */
export function failedRead(
  format: FormatId,
  file: string,
  problems: ValidationIssue[],
  crs: CrsEvidence = { kind: "none" },
): ReadResult {
  return { format, file, collection: { type: "FeatureCollection", features: [] }, crs, problems };
}

/** {@link failedRead} with one file-level error. */
export function unreadable(
  format: FormatId,
  file: string,
  code: ProblemCode,
  message: Bilingual,
): ReadResult {
  return failedRead(format, file, [issueIn(file, null, code, message)]);
}

/** What to do with a file over a reader's limits, whatever its format. */
export const SPLIT_ADVICE: Bilingual = {
  vi: "hãy chia nhỏ tệp hoặc chuyển sang FlatGeobuf (.fgb)",
  en: "split the file or convert it to FlatGeobuf (.fgb)",
};

/** A file holding more features (`count`, when known) than a reader takes (`limit`). */
export function tooManyFeatures(
  format: FormatId,
  file: string,
  count: number | null,
  limit: number,
): ReadResult {
  const have = count === null ? "" : ` (${count})`;
  return unreadable(format, file, "too-large", {
    vi: `tệp có hơn ${limit} đối tượng${have}, vượt giới hạn đọc; ${SPLIT_ADVICE.vi}`,
    en: `the file has more than ${limit} features${have}, over the reading limit; ${SPLIT_ADVICE.en}`,
  });
}

/**
 * The bytes a zip inflates to are over the limit: a zip bomb, or a layer too large. `declared` is
 * what its central directory says, when that is what gave it away.
 */
export function tooMuchInflated(declared: number | null, limit: number): Bilingual {
  return {
    vi: `nội dung nén bung ra vượt giới hạn ${mib(limit)}${declared === null ? "" : ` (tệp zip khai báo ${mib(declared)})`} — có thể là “bom zip”; đã dừng giải nén; ${SPLIT_ADVICE.vi}`,
    en: `the zip's content unpacks to more than the ${mib(limit)} limit${declared === null ? "" : ` (the zip declares ${mib(declared)})`} — possibly a “zip bomb”; unpacking was stopped; ${SPLIT_ADVICE.en}`,
  };
}
