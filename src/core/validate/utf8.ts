import { textPosition } from "./text-position";
import { issueIn, type ValidationIssue } from "./validation-issue";

/**
 * Strict UTF-8: a byte sequence that is not UTF-8 is an error, never a silent U+FFFD that turns
 * "ODT" into a code no rule matches. A leading byte-order mark is dropped (`ignoreBOM` false).
 */
const strict = new TextDecoder("utf-8", { fatal: true });

/** Length of the valid UTF-8 sequence starting at `at`, or 0 when the bytes there are not one. */
function sequenceLength(bytes: Uint8Array, at: number): number {
  const b0 = bytes[at] as number;
  if (b0 < 0x80) return 1;
  // Second-byte ranges per the Unicode standard (table 3-7): they exclude overlong forms,
  // surrogates (ED A0..BF) and code points above U+10FFFF (F4 90..).
  let length: number;
  let low = 0x80;
  let high = 0xbf;
  if (b0 >= 0xc2 && b0 <= 0xdf) length = 2;
  else if (b0 >= 0xe0 && b0 <= 0xef) {
    length = 3;
    if (b0 === 0xe0) low = 0xa0;
    if (b0 === 0xed) high = 0x9f;
  } else if (b0 >= 0xf0 && b0 <= 0xf4) {
    length = 4;
    if (b0 === 0xf0) low = 0x90;
    if (b0 === 0xf4) high = 0x8f;
  } else return 0;
  for (let i = 1; i < length; i++) {
    const b = bytes[at + i];
    if (b === undefined) return 0;
    if (i === 1 ? b < low || b > high : b < 0x80 || b > 0xbf) return 0;
  }
  return length;
}

/** Byte offset of the first byte that does not start a valid UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let at = 0;
  while (at < bytes.length) {
    const length = sequenceLength(bytes, at);
    if (length === 0) return at;
    at += length;
  }
  return -1;
}

const hex = (b: number) => `0x${b.toString(16).toUpperCase().padStart(2, "0")}`;

/** UTF-16 text (Notepad's "Unicode") starts with FF FE or FE FF: say so, it is a common slip. */
const isUtf16 = (bytes: Uint8Array) =>
  bytes.length >= 2 &&
  ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));

/**
 * Decodes file bytes as strict UTF-8 (an optional byte-order mark is dropped). Bytes that are not
 * UTF-8 become a "not-utf8" issue naming the file, the line, the column and the byte offset of the
 * first bad byte; never an exception, never a replacement character.
 */
export function decodeUtf8(
  bytes: Uint8Array,
  file: string,
): { ok: true; text: string } | { ok: false; issue: ValidationIssue } {
  try {
    return { ok: true, text: strict.decode(bytes) };
  } catch {
    const at = Math.max(0, firstInvalidUtf8(bytes));
    const { line, column } = textPosition(bytes, at);
    // The bad byte and the continuation bytes after it: the broken character as the file holds it.
    let end = at + 1;
    while (end < at + 4 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end++;
    const shown = Array.from(bytes.subarray(at, end), hex).join(" ");
    const hintVi = isUtf16(bytes)
      ? "tệp có vẻ được lưu dạng UTF-16; hãy lưu lại dạng UTF-8"
      : "hãy lưu lại tệp với bảng mã UTF-8 (có thể tệp đang ở Windows-1258 hay TCVN3)";
    const hintEn = isUtf16(bytes)
      ? "the file looks like UTF-16; save it as UTF-8"
      : "save the file as UTF-8 (it may be in Windows-1258 or TCVN3)";
    return {
      ok: false,
      issue: issueIn(file, null, "not-utf8", {
        vi: `không phải văn bản UTF-8 hợp lệ: byte ${shown} ở dòng ${line}, cột ${column} (byte thứ ${at}); ${hintVi}`,
        en: `is not valid UTF-8 text: ${shown} at line ${line}, column ${column} (byte offset ${at}); ${hintEn}`,
      }),
    };
  }
}

/**
 * Decodes one text value (e.g. a FlatGeobuf string property) as strict UTF-8.
 *
 * @throws TypeError when the bytes are not UTF-8
 */
export function decodeUtf8Value(bytes: Uint8Array): string {
  return strict.decode(bytes);
}
