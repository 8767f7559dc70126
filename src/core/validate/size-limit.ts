import { MAX_JSON_TEXT_BYTES } from "./json-text";
import type { Bilingual } from "./validation-issue";

/** A limit on a file's size, and what to do about a larger one. */
export type SizeLimit = { bytes: number; advice: Bilingual };

/** JSON files are read as one string: V8's longest string bounds them, in the CLI and the app. */
export const JSON_LIMIT: SizeLimit = {
  bytes: MAX_JSON_TEXT_BYTES,
  advice: { vi: "hãy chia nhỏ tệp", en: "split the file" },
};

/** Bytes in MiB with one decimal, as every size message gives them. */
export const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/**
 * What to say of a file over `limit`, the same words wherever it is refused (a file the CLI opens,
 * a download of the data step, a file the app fetches): its size when known — from the file
 * system or a download's Content-Length — else that its download passed the limit and was stopped.
 */
export function tooLargeText(size: number | null, limit: SizeLimit): Bilingual {
  if (size !== null) {
    return {
      vi: `tệp nặng ${mib(size)}, vượt giới hạn ${mib(limit.bytes)}; ${limit.advice.vi}`,
      en: `the file is ${mib(size)}, over the ${mib(limit.bytes)} limit; ${limit.advice.en}`,
    };
  }
  return {
    vi: `tệp vượt giới hạn ${mib(limit.bytes)} (đã dừng tải ở đó); ${limit.advice.vi}`,
    en: `the file is over the ${mib(limit.bytes)} limit (its download was stopped there); ${limit.advice.en}`,
  };
}
