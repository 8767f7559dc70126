/**
 * One WKT element: `KEYWORD["name", 1.5, CHILD[...], EAST]`. Quoted texts and bare words (enums such
 * as `EAST`) are strings, numbers are numbers.
 */
export type WktNode = { keyword: string; args: WktValue[] };
export type WktValue = string | number | WktNode;

/** Longest WKT read: a .prj is a few kilobytes; anything far longer is not one. */
const MAX_WKT_CHARS = 65_536;
/** Deepest nesting read: WKT2 nests about six levels; the cap keeps hostile input off the stack. */
const MAX_DEPTH = 32;

/**
 * The element tree of a WKT text (WKT1 as ESRI, OGC and GDAL write it, or WKT2), or null when it
 * is not WKT (or longer than 64 KiB, or nested deeper than 32). Keywords are upper-cased; names keep
 * their case. Written here rather than taken from proj4's parser because that one normalises away
 * what the CRS decision must see (the GEOGCS name, the datum's own name, whether a TOWGS84 is
 * there at all) and silently substitutes datum shifts of its own.
 */
export function parseWkt(text: string): WktNode | null {
  if (text.length > MAX_WKT_CHARS) return null;
  let at = 0;
  const skipSpace = () => {
    while (at < text.length && /\s/.test(text[at] as string)) at++;
  };

  const readWord = (): string | null => {
    const match = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(at, at + 64));
    if (!match) return null;
    at += match[0].length;
    return match[0];
  };

  const readQuoted = (): string | null => {
    let value = "";
    at++; // opening quote
    while (at < text.length) {
      const c = text[at] as string;
      at++;
      if (c !== '"') value += c;
      else if (text[at] === '"') {
        value += '"'; // "" inside a quoted text is one quote
        at++;
      } else return value;
    }
    return null;
  };

  const readNumber = (): number | null => {
    const match = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?/.exec(text.slice(at, at + 64));
    if (!match) return null;
    at += match[0].length;
    return Number(match[0]);
  };

  const readValue = (depth: number): WktValue | null => {
    skipSpace();
    const c = text[at];
    if (c === '"') return readQuoted();
    if (c !== undefined && /[-+.\d]/.test(c)) return readNumber();
    const word = readWord();
    if (word === null) return null;
    skipSpace();
    const open = text[at];
    if (open !== "[" && open !== "(") return word;
    return readNode(word, depth + 1);
  };

  const readNode = (keyword: string, depth: number): WktNode | null => {
    if (depth > MAX_DEPTH) return null;
    const close = text[at] === "[" ? "]" : ")";
    at++;
    const args: WktValue[] = [];
    skipSpace();
    if (text[at] === close) {
      at++;
      return { keyword: keyword.toUpperCase(), args };
    }
    for (;;) {
      const value = readValue(depth);
      if (value === null) return null;
      args.push(value);
      skipSpace();
      const next = text[at];
      at++;
      if (next === close) return { keyword: keyword.toUpperCase(), args };
      if (next !== ",") return null;
    }
  };

  const root = readValue(0);
  skipSpace();
  if (root === null || typeof root !== "object" || at < text.length) return null;
  return root;
}

/** The children of `node` that are elements with one of `keywords`. */
export function childrenOf(node: WktNode, ...keywords: string[]): WktNode[] {
  return node.args.filter(
    (arg): arg is WktNode => typeof arg === "object" && keywords.includes(arg.keyword),
  );
}

/** The first child of `node` with one of `keywords`, or null. */
export function childOf(node: WktNode, ...keywords: string[]): WktNode | null {
  return childrenOf(node, ...keywords)[0] ?? null;
}

/** The element's name: its first argument when that is a text. */
export function nameOf(node: WktNode | null): string | null {
  const first = node?.args[0];
  return typeof first === "string" ? first : null;
}

/** The element's numeric arguments, in order. */
export function numbersOf(node: WktNode | null): number[] {
  return (node?.args ?? []).filter((arg): arg is number => typeof arg === "number");
}
