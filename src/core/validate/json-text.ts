import { visible } from "../text/show-value";
import { findJsonSyntaxError } from "./json-syntax";
import { stringPosition } from "./text-position";
import { decodeUtf8 } from "./utf8";
import { issueIn, type ValidationIssue } from "./validation-issue";

export type ParsedJson = { ok: true; value: unknown } | { ok: false; issue: ValidationIssue };

/**
 * Longest JSON file read as text: V8's longest string (2^29 − 24 UTF-16 units on 64-bit builds,
 * Node's `buffer.constants.MAX_STRING_LENGTH`). A UTF-8 file never decodes to more units than it
 * has bytes, so a file up to this size always fits; a larger one may not, and is refused with
 * advice instead of failing deep inside the decoder.
 */
export const MAX_JSON_TEXT_BYTES = 2 ** 29 - 24;

/** Characters shown on each side of a syntax error: enough to find it, too few to leak a file. */
const EXCERPT_SIDE = 20;

/** Start or end index moved off the middle of a surrogate pair. */
const snap = (text: string, at: number) => {
  const code = text.charCodeAt(at);
  return code >= 0xdc00 && code <= 0xdfff ? at - 1 : at;
};

/**
 * At most 2 × EXCERPT_SIDE characters around `at`, the error marked with ▶, control characters
 * escaped: `…05.82,21],▶,[105.82,2…`.
 */
export function excerptAround(text: string, at: number): string {
  const start = Math.max(0, snap(text, at - EXCERPT_SIDE));
  const end = Math.min(text.length, snap(text, at + EXCERPT_SIDE));
  const before = visible(text.slice(start, at));
  const after = visible(text.slice(at, end));
  return `${start > 0 ? "…" : ""}${before}▶${after}${end < text.length ? "…" : ""}`;
}

/**
 * Parses file text as JSON (optional byte-order mark). Text that is not JSON becomes a "not-json"
 * issue naming the file, the line and column, what was expected there and a short excerpt; never
 * an exception.
 */
export function parseJsonText(text: string, file: string): ParsedJson {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch (error) {
    if (body.trim() === "") {
      return {
        ok: false,
        issue: issueIn(file, null, "not-json", { vi: "tệp rỗng", en: "the file is empty" }),
      };
    }
    const found = findJsonSyntaxError(body);
    if (!found) {
      // The scanner and V8 disagree (it should not happen): keep V8's words, cut short.
      const detail = visible((error instanceof Error ? error.message : String(error)).slice(0, 80));
      return {
        ok: false,
        issue: issueIn(file, null, "not-json", {
          vi: `không phải JSON hợp lệ (${detail})`,
          en: `is not valid JSON (${detail})`,
        }),
      };
    }
    const { line, column } = stringPosition(body, found.at);
    const excerpt = excerptAround(body, found.at);
    return {
      ok: false,
      issue: issueIn(file, null, "not-json", {
        vi: `không phải JSON hợp lệ ở dòng ${line}, cột ${column}: ${found.problem.vi} (gần «${excerpt}»)`,
        en: `is not valid JSON at line ${line}, column ${column}: ${found.problem.en} (near «${excerpt}»)`,
      }),
    };
  }
}

/**
 * Parses a JSON file's bytes: refuses files too large to hold as text, decodes strict UTF-8
 * ({@link decodeUtf8}), then {@link parseJsonText}. The one way the CLI, the app and the data step
 * read JSON, so a file is accepted or refused alike everywhere.
 *
 * @param advice - what to do with a file too large for JSON (e.g. "convert it to FlatGeobuf")
 */
export function parseJsonBytes(
  bytes: Uint8Array,
  file: string,
  advice?: { vi: string; en: string },
): ParsedJson {
  if (bytes.length > MAX_JSON_TEXT_BYTES) {
    return { ok: false, issue: tooLargeIssue(file, bytes.length, advice) };
  }
  const decoded = decodeUtf8(bytes, file);
  if (!decoded.ok) return decoded;
  return parseJsonText(decoded.text, file);
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** The "too-large" issue of a JSON file of `size` bytes. */
function tooLargeIssue(
  file: string,
  size: number,
  advice?: { vi: string; en: string },
): ValidationIssue {
  return issueIn(file, null, "too-large", {
    vi: `tệp JSON nặng ${mib(size)}, vượt giới hạn ${mib(MAX_JSON_TEXT_BYTES)} văn bản mà JavaScript đọc được (độ dài chuỗi tối đa của V8)${advice ? `; ${advice.vi}` : ""}`,
    en: `the JSON file is ${mib(size)}, over the ${mib(MAX_JSON_TEXT_BYTES)} of text JavaScript can hold (V8's maximum string length)${advice ? `; ${advice.en}` : ""}`,
  });
}
