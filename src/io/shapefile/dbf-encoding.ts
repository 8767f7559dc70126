import { showText } from "../../core/text/show-value";
import type { Bilingual } from "../../core/validate/validation-issue";
import { decodeTcvn3 } from "../text/tcvn3";
import { vietnameseWordScore } from "../text/vietnamese-words";

/** How a .dbf's text is decoded, and why. */
export type DbfDecoding = {
  /** The encoding's name as users know it: "UTF-8", "Windows-1258", "TCVN3", or the .cpg's. */
  name: string;
  decode: (bytes: Uint8Array) => string;
  reason: Bilingual;
  /** Chosen from the bytes alone (no .cpg): worth a warning showing a sample. */
  guessed: boolean;
  /** A decoded sample with letters outside ASCII, for that warning. */
  sample: string | null;
};

const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
const utf8 = new TextDecoder("utf-8");
const windows1258 = new TextDecoder("windows-1258");

/** Windows-1258 writes tones as combining marks after the letter: NFC joins them. */
const decode1258 = (bytes: Uint8Array) => windows1258.decode(bytes).normalize("NFC");
const decodeUtf8 = (bytes: Uint8Array) => utf8.decode(bytes);

/** Code pages a .cpg names by number whose WHATWG label is not "windows-N". */
const CODE_PAGE_LABELS: Record<string, string> = {
  "65001": "utf-8",
  "932": "shift_jis",
  "936": "gbk",
  "949": "euc-kr",
  "950": "big5",
  "866": "ibm866",
  "20866": "koi8-r",
  "28591": "iso-8859-1",
};

/** The decoding a .cpg's text names, or null when it names nothing TextDecoder or TCVN3 know. */
function declaredDecoding(cpg: string): { name: string; decode: (b: Uint8Array) => string } | null {
  const text = cpg.replace(/\0/g, "").trim();
  const upper = text.toUpperCase();
  if (/^(TCVN-?3|TCVN|TCVN-?5712(:1993)?|VN3|ABC)$/.test(upper)) {
    return { name: "TCVN3", decode: decodeTcvn3 };
  }
  if (upper === "UTF8" || upper === "UTF-8") return { name: "UTF-8", decode: decodeUtf8 };
  const number = /^(?:ANSI\s*|CP|WINDOWS-?|OEM\s*)?(\d{3,5})$/.exec(upper)?.[1];
  const label = number ? (CODE_PAGE_LABELS[number] ?? `windows-${number}`) : text;
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    return null;
  }
  if (decoder.encoding === "utf-8") return { name: "UTF-8", decode: decodeUtf8 };
  if (decoder.encoding === "windows-1258") return { name: "Windows-1258", decode: decode1258 };
  return { name: decoder.encoding, decode: (bytes) => decoder.decode(bytes).normalize("NFC") };
}

const isValidUtf8 = (bytes: Uint8Array) => {
  try {
    strictUtf8.decode(bytes);
    return true;
  } catch {
    return false;
  }
};

/**
 * Chooses how to decode a .dbf's text: as its .cpg says; else UTF-8 when every value with bytes
 * outside ASCII is valid UTF-8; else Windows-1258 or TCVN3, whichever reads as more Vietnamese
 * words (`vietnameseWordScore`). `samples` are the raw bytes of text values and field names with
 * a byte ≥ 0x80 (a few thousand are plenty).
 */
export function chooseDbfDecoding(
  cpg: string | null,
  samples: readonly Uint8Array[],
): DbfDecoding & { cpgProblem: Bilingual | null } {
  let cpgProblem: Bilingual | null = null;
  if (cpg !== null) {
    const declared = declaredDecoding(cpg);
    const shown = showText(cpg.trim());
    if (declared && !(declared.name === "UTF-8" && !samples.every(isValidUtf8))) {
      return {
        ...declared,
        reason: { vi: `theo tệp .cpg ("${shown}")`, en: `as the .cpg file says ("${shown}")` },
        guessed: false,
        sample: null,
        cpgProblem,
      };
    }
    cpgProblem = declared
      ? {
          vi: `tệp .cpg ghi "${shown}" nhưng văn bản không phải UTF-8 hợp lệ; bảng mã được đoán theo nội dung`,
          en: `the .cpg says "${shown}" but the text is not valid UTF-8; the encoding is guessed from the text`,
        }
      : {
          vi: `tệp .cpg ghi bảng mã không biết: "${shown}"; bảng mã được đoán theo nội dung`,
          en: `the .cpg names an unknown encoding: "${shown}"; the encoding is guessed from the text`,
        };
  }
  const why =
    cpg === null
      ? { vi: "không có tệp .cpg", en: "no .cpg file" }
      : { vi: "tệp .cpg không dùng được", en: "the .cpg cannot be used" };
  if (samples.length === 0) {
    return {
      name: "UTF-8",
      decode: decodeUtf8,
      reason: {
        vi: `${why.vi}; văn bản chỉ có ký tự ASCII`,
        en: `${why.en}; the text is ASCII only`,
      },
      guessed: false,
      sample: null,
      cpgProblem,
    };
  }
  if (samples.every(isValidUtf8)) {
    return {
      name: "UTF-8",
      decode: decodeUtf8,
      reason: {
        vi: `${why.vi}; văn bản là UTF-8 hợp lệ`,
        en: `${why.en}; the text is valid UTF-8`,
      },
      guessed: false,
      sample: null,
      cpgProblem,
    };
  }
  const as1258 = samples.map(decode1258);
  const asTcvn3 = samples.map(decodeTcvn3);
  const score1258 = vietnameseWordScore(as1258.join(" "));
  const scoreTcvn3 = vietnameseWordScore(asTcvn3.join(" "));
  const ratio = (score: { vietnamese: number; judged: number }) =>
    score.judged === 0 ? 0 : score.vietnamese / score.judged;
  const tcvn3 = ratio(scoreTcvn3) > ratio(score1258);
  const counts = {
    vi: `đọc theo TCVN3 thì ${scoreTcvn3.vietnamese}/${scoreTcvn3.judged} từ là tiếng Việt, theo Windows-1258 thì ${score1258.vietnamese}/${score1258.judged}`,
    en: `as TCVN3 ${scoreTcvn3.vietnamese} of ${scoreTcvn3.judged} words read as Vietnamese, as Windows-1258 ${score1258.vietnamese} of ${score1258.judged}`,
  };
  return {
    name: tcvn3 ? "TCVN3" : "Windows-1258",
    decode: tcvn3 ? decodeTcvn3 : decode1258,
    reason: {
      vi: `${why.vi} và văn bản không phải UTF-8; ${counts.vi}`,
      en: `${why.en} and the text is not UTF-8; ${counts.en}`,
    },
    guessed: true,
    sample: (tcvn3 ? asTcvn3 : as1258)[0] ?? null,
    cpgProblem,
  };
}
