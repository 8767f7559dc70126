import type { ReadResult } from "../../io/format-types";
import type { ValidationIssue } from "../validate/validation-issue";

/**
 * Issues about a read collection, numbered as the file numbers its features: a reader that left
 * features out (`positions`) shifts the collection's indexes, and the user counts in the file.
 */
export function inFileNumbers(
  issues: ValidationIssue[],
  positions: ReadResult["positions"],
): ValidationIssue[] {
  if (!positions) return issues;
  return issues.map((issue) =>
    issue.featureIndex === null
      ? issue
      : {
          ...issue,
          featureIndex: positions.index[issue.featureIndex] ?? issue.featureIndex,
          featureCount: positions.count,
        },
  );
}
