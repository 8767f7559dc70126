/**
 * Whether text reads as Vietnamese words: the test that tells which legacy encoding a file's bytes
 * are in. Decoded with the wrong table, Vietnamese comes out as symbols ("Hµ Néi", TCVN3 read as
 * Windows-1258) or as syllables with two or three tones ("Nụũi", Windows-1258 read as TCVN3); read
 * with the right one, every word is letters with at most one tone.
 */

/** Tone marks (in NFD): grave, acute, tilde, hook above, dot below. */
const TONES = new Set([0x300, 0x301, 0x303, 0x309, 0x323]);
/** Vowel shape marks (in NFD) and the letters each goes on: ă; â ê ô; ơ ư. */
const SHAPES = new Map([
  [0x306, "aA"],
  [0x302, "aeoAEO"],
  [0x31b, "ouOU"],
]);
const VOWELS = "aeiouyAEIOUY";
/** Word separators: white space, ASCII digits and punctuation. */
const SEPARATORS = /[\s\d!-/:-@[-`{-~\u00a0]+/;

const isAsciiLetter = (c: string) => (c >= "a" && c <= "z") || (c >= "A" && c <= "Z");
const isUpper = (c: string) => c !== c.toLowerCase();
const isLower = (c: string) => c !== c.toUpperCase();

/** Whether one word (no separators) is letters of the Vietnamese alphabet with at most one tone. */
export function isVietnameseWord(word: string): boolean {
  const letters = word.normalize("NFD");
  let tones = 0;
  let base = "";
  let seenLower = false;
  for (const c of letters) {
    const code = c.codePointAt(0) as number;
    if (TONES.has(code)) {
      if (!VOWELS.includes(base) || ++tones > 1) return false;
      continue;
    }
    const on = SHAPES.get(code);
    if (on !== undefined) {
      if (!on.includes(base)) return false;
      continue;
    }
    if (!isAsciiLetter(c) && c !== "đ" && c !== "Đ") return false;
    // an upper-case letter after a lower-case one ("HoỔn") is a decoding accident, not a name
    if (isUpper(c) && seenLower) return false;
    if (isLower(c)) seenLower = true;
    base = c;
  }
  return true;
}

/** Of the words of `text` that have a letter outside ASCII, how many read as Vietnamese. */
export function vietnameseWordScore(text: string): { vietnamese: number; judged: number } {
  let vietnamese = 0;
  let judged = 0;
  for (const word of text.split(SEPARATORS)) {
    if (word === "" || !/[^ -~]/.test(word)) continue;
    judged++;
    if (isVietnameseWord(word)) vietnamese++;
  }
  return { vietnamese, judged };
}
