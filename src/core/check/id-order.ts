/*
 * The order of feature ids in findings and comparisons: numeric runs by value ("Z2" before "Z10"),
 * by a numeric collator, with fast paths for the ids plans use (fixed-width codes such as
 * "Z0000026"), where the collator cost most of sorting a large run's findings.
 */

/** Made when first needed: making it loads collation data, ~10 ms of a check's start-up. */
let collator: Intl.Collator | null = null;

const isDigit = (code: number) => code >= 48 && code <= 57;
const isAsciiAlnum = (code: number) =>
  isDigit(code) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);

/**
 * The collator's order for the common case of ids such as "Z000026" and "Z000039": ASCII letters and
 * digits, the same length with digits at the same places, first differing at a digit. Everything
 * before that digit is the same and its digit run is as long in both, so the numeric collation
 * orders them by that digit. 0 when the case is not this one (then the collator decides).
 */
function fastOrder(a: string, b: string): number {
  const n = a.length;
  if (n !== b.length || n > 64) return 0;
  let order = 0;
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (!isAsciiAlnum(x) || !isAsciiAlnum(y) || isDigit(x) !== isDigit(y)) return 0;
    if (order === 0 && x !== y) {
      if (!isDigit(x)) return 0;
      order = x < y ? -1 : 1;
    }
  }
  return order;
}

/** Order of feature ids: numeric runs by value ("Z2" before "Z10"), as findings are sorted. */
export function compareIds(a: string | null | undefined, b: string | null | undefined): number {
  const x = a ?? "";
  const y = b ?? "";
  if (x === y) return 0;
  if (collator === null) collator = new Intl.Collator("en", { numeric: true });
  return fastOrder(x, y) || collator.compare(x, y);
}

const isPrintableAscii = (code: number) => code >= 32 && code <= 126;

/** Digits a key of {@link idKeys} may hold: every such number is exact in a double. */
const KEY_DIGITS = 15;

/**
 * Numbers that order `ids` as {@link compareIds} does (absent: the empty id), one per id, or null
 * when the ids are not all of one shape. One shape: as long as each other, each place a digit in
 * every id or the same printable ASCII character in all of them ("Z0000026", "RP-000123"). Two
 * such ids differ first at a digit, inside digit runs as long in both, so the numeric collation
 * orders them as that digit does — as the number the digits of each id spell, when there are at
 * most 15. Sorting by these keys touches no string: sorting the 569 000 findings of a
 * 1 000 000-zone check with compareIds took 5 s, most of it reading scattered findings and ids.
 */
export function idKeys(ids: readonly (string | null | undefined)[]): Float64Array | null {
  const first = ids[0] ?? "";
  const n = first.length;
  const digitAt: number[] = [];
  for (let i = 0; i < n; i++) {
    const c = first.charCodeAt(i);
    if (isDigit(c)) digitAt.push(i);
    else if (!isPrintableAscii(c)) return null;
  }
  if (digitAt.length > KEY_DIGITS) return null;
  const keys = new Float64Array(ids.length);
  for (let k = 0; k < ids.length; k++) {
    const id = ids[k] ?? "";
    if (id.length !== n) return null;
    let key = 0;
    let d = 0;
    for (let i = 0; i < n; i++) {
      const c = id.charCodeAt(i);
      if (i === digitAt[d]) {
        if (!isDigit(c)) return null;
        key = key * 10 + (c - 48);
        d++;
      } else if (c !== first.charCodeAt(i)) return null;
    }
    keys[k] = key;
  }
  return keys;
}
