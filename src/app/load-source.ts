import { parseJsonBytes } from "../core/validate/json-text";
import { JSON_LIMIT, type SizeLimit, tooLargeText } from "../core/validate/size-limit";
import type { Bilingual, ProblemCode, ValidationIssue } from "../core/validate/validation-issue";
import { readCappedBody } from "../io/capped-body";
import type { FormatId } from "../io/format-types";
import type { LoadFailure, ReadReason } from "../state/load-failure";

/** Thrown by the loaders; carries a {@link LoadFailure}. */
export class LoadError extends Error {
  constructor(readonly failure: LoadFailure) {
    super(`${failure.file}: ${failure.reason} ${failure.detail}`);
    this.name = "LoadError";
  }
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Fetches a file, failing unless the answer is the file itself. A static server's single-page
 * fallback answers a missing file with the app's own HTML page and status 200, so an HTML answer
 * counts as "not found".
 */
async function fetchFile(url: URL, file: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new LoadError({ file, reason: "network", detail: message(error) });
  }
  if (response.status === 404) {
    throw new LoadError({ file, reason: "not-found", detail: "404" });
  }
  if (!response.ok) {
    throw new LoadError({
      file,
      reason: "http",
      detail: `${response.status} ${response.statusText}`.trim(),
    });
  }
  if ((response.headers.get("content-type") ?? "").includes("text/html")) {
    throw new LoadError({ file, reason: "not-found", detail: "text/html" });
  }
  return response;
}

/** Reason shown for each problem the shared readers report. */
const REASON_OF: Partial<Record<ProblemCode, ReadReason>> = {
  "too-large": "too-large",
  "not-utf8": "utf8",
  "not-json": "json",
  "wrong-geometry-type": "geometry",
  "bad-coordinate": "coordinates",
  "bad-id": "id",
  "duplicate-id": "id",
  antimeridian: "antimeridian",
};

/** The first error, where it is (the file is named by the sentence around it) and how many more. */
function summary(errors: readonly ValidationIssue[]): Bilingual {
  const first = errors[0] as ValidationIssue;
  const label = first.featureLabel ? ` (${first.featureLabel})` : "";
  const where = first.featureIndex === null ? "" : `features[${first.featureIndex}]${label}: `;
  const more = errors.length - 1;
  return {
    vi: `${where}${first.message.vi}${more > 0 ? ` (và ${more} lỗi khác)` : ""}`,
    en: `${where}${first.message.en}${more > 0 ? ` (and ${more} more)` : ""}`,
  };
}

/** Problems that mean a FlatGeobuf file itself is broken. */
const BROKEN_FILE = new Set<ProblemCode>(["unreadable-file", "unknown-format"]);

/** A load error for the issues the shared readers found in a file. */
export function issuesError(
  file: string,
  issues: readonly ValidationIssue[],
  format?: FormatId,
): LoadError {
  const errors = issues.filter((issue) => issue.severity === "error");
  const message = summary(errors.length > 0 ? errors : issues);
  const code = (errors[0] ?? issues[0])?.code;
  const broken = format === "fgb" && code !== undefined && BROKEN_FILE.has(code);
  const reason = broken ? "fgb" : (code && REASON_OF[code]) || "not-geojson";
  return new LoadError({ file, reason, detail: message.en, message });
}

/**
 * A file's bytes, at most `limit.bytes` of them: a Content-Length over the limit is refused before
 * the body is read, a body that grows past it is cut off there ({@link readCappedBody}). Before,
 * the whole response was held in memory before any size check (a FlatGeobuf had none at all).
 */
export async function fetchBytes(url: URL, file: string, limit: SizeLimit): Promise<Uint8Array> {
  const response = await fetchFile(url, file);
  let body: Awaited<ReturnType<typeof readCappedBody>>;
  try {
    body = await readCappedBody(response, limit.bytes);
  } catch (error) {
    throw new LoadError({ file, reason: "network", detail: message(error) });
  }
  if (body.ok) return body.bytes;
  const text = tooLargeText(body.size, limit);
  throw new LoadError({ file, reason: "too-large", detail: text.en, message: text });
}

/** JSON is read as one string: the limit the CLI's file reader has too. */
const jsonLimit = (advice?: Bilingual): SizeLimit =>
  advice ? { ...JSON_LIMIT, advice } : JSON_LIMIT;

/**
 * Fetches and parses a JSON file through the reader the CLI uses (strict UTF-8, then JSON with the
 * line, column and a short excerpt of a syntax error), failing with the file name and the reason.
 *
 * @param tooLarge - what to do with a file too large to read as text
 */
export async function loadJson(url: URL, file: string, tooLarge?: Bilingual): Promise<unknown> {
  const parsed = parseJsonBytes(await fetchBytes(url, file, jsonLimit(tooLarge)), file, tooLarge);
  if (!parsed.ok) throw issuesError(file, [parsed.issue]);
  return parsed.value;
}

/** The failure behind any error a loader threw (unexpected errors become network failures). */
export function toLoadFailure(error: unknown, file: string): LoadFailure {
  return error instanceof LoadError
    ? error.failure
    : { file, reason: "network", detail: message(error) };
}
