import {
  attachFlatCoordinates,
  type FlatCoordinates,
  type FlatStore,
} from "../../core/geo/flat-coordinates";
import { GrowingNumbers } from "../../core/geo/growing-numbers";
import { isObject } from "../../core/validate/collection-problem";
import { decodeUtf8 } from "../../core/validate/utf8";
import { scanJsonText } from "./text-depth";

/*
 * Reading a GeoJSON file with its coordinates held flat (see core/geo/flat-coordinates.ts). Every
 * `"coordinates": [...]` member whose value is nested arrays of two-number positions is parsed
 * from the bytes, its numbers into one Float64Array, and replaced by a marker member; only the
 * rest (attributes, a fifth of a zoning plan) is decoded and given to JSON.parse, and each
 * geometry that held a marker gets its coordinates back as a lazily built accessor. Anything
 * else — heights, strings, empty arrays, odd nesting, a number JSON does not allow — is left in
 * the text for JSON.parse. The result is exactly JSON.parse's value of the whole text; when that
 * cannot be told (the rest is not JSON, not UTF-8, nests too deep, or a marker did not land in a
 * geometry) the caller reads the whole text as ever, and its messages name lines and columns of
 * the file itself.
 */

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN = 0x5b;
const CLOSE = 0x5d;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const BOM = [0xef, 0xbb, 0xbf];

/** 10^k for k ≤ 22: every one exact in a double, so m / 10^k rounds once, correctly. */
const POW10 = Float64Array.from({ length: 23 }, (_, k) => 10 ** k);

/** Digits of a mantissa always exact in a double (< 2^53). */
const EXACT_DIGITS = 15;

/** Decodes a number's bytes (ASCII) for the engine's own conversion. */
const ASCII = new TextDecoder("latin1");

/** `coordinates"` after a quote. */
const NAME = Array.from('coordinates"', (c) => c.charCodeAt(0));

/** A block of the text: its flat coordinates as indices, before the store is final. */
type Block = { depth: 2 | 3 | 4; first: number; count: number };

/**
 * Parses the `coordinates` arrays of a file's bytes. Hot loops call no helper: the CLI runs with a
 * small inlining budget (src/cli/compile-budget.ts), and a call per character cost a third.
 */
class Extractor {
  readonly values: GrowingNumbers<Float64Array>;
  readonly lists = new GrowingNumbers((n) => new Int32Array(n), 1024);
  readonly groups = new GrowingNumbers((n) => new Int32Array(n), 256);
  /** Box of each list's finite positions (see `FlatStore.boxes`). */
  readonly boxes = new GrowingNumbers((n) => new Float64Array(n), 4096);
  /** Arrays in the blocks kept (the containers they take out of the text). */
  arrays = 0;
  /** Index just past the block last parsed (valid after a successful `block`). */
  end = 0;

  constructor(private readonly b: Uint8Array) {
    // a position takes ~20 bytes in a real file and never fewer than 4; grown if need be
    this.values = new GrowingNumbers((n) => new Float64Array(n), b.length >> 3);
    // where the first list and the first group start
    this.lists.push(0);
    this.groups.push(0);
  }

  store(): FlatStore {
    return {
      values: this.values.view(),
      lists: this.lists.view(),
      groups: this.groups.view(),
      boxes: this.boxes.view(),
    };
  }

  /**
   * Parses the array at `at` (a `[`) if it is nested arrays, none empty, down to positions of two
   * numbers, 2 to 4 deep; sets `end` past it and returns the block, else returns null and keeps
   * nothing of it. Numbers are read exactly as JSON.parse reads them. One function, state in
   * locals: it runs once per geometry over most of a file's bytes, mostly before V8 optimises it,
   * where every call and property load counts.
   */
  block(at: number): Block | null {
    const b = this.b;
    const { values: written, lists, groups, boxes } = this;
    // the values written in a local array, its length in `n`: growing is rare
    let values = written.data;
    let n = written.length;
    const lists0 = lists.length;
    const groups0 = groups.length;
    const boxes0 = boxes.length;
    // the box of the list being read, of its finite positions (infinite: none yet)
    let minX = Number.POSITIVE_INFINITY;
    let minY = Number.POSITIVE_INFINITY;
    let maxX = Number.NEGATIVE_INFINITY;
    let maxY = Number.NEGATIVE_INFINITY;
    let arrays = 0;
    let i = at;
    let depth = 0;
    /** Arrays to a number, known from the first number. */
    let bottom = 0;
    /** Numbers in the open position. */
    let numbers = 0;
    /** Index of the first group of a block 4 deep. */
    let firstGroup = 0;
    /** Whether a value (not `,` or `]`) must come next. */
    let wantValue = true;
    let ok = false;
    for (;;) {
      let c = b[i] as number;
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) {
        i++;
        continue;
      }
      if (c === OPEN) {
        if (!wantValue || depth === 4 || (bottom !== 0 && depth === bottom)) break;
        depth++;
        arrays++;
        i++;
        continue; // a value must come next: wantValue stays true
      }
      if (c === CLOSE) {
        if (wantValue) break; // an empty array, or a comma before ]
        if (depth === bottom) {
          if (numbers !== 2) break;
          numbers = 0;
          const x = values[n - 2] as number;
          const y = values[n - 1] as number;
          // only a number in exponent form or of many digits can be infinite
          if (Number.isFinite(x) && Number.isFinite(y)) {
            if (x < minX) minX = x;
            if (x > maxX) maxX = x;
            if (y < minY) minY = y;
            if (y > maxY) maxY = y;
          }
        } else if (depth === bottom - 1) {
          lists.push(n);
          const none = minX > maxX;
          boxes.push(none ? Number.NaN : minX);
          boxes.push(none ? Number.NaN : minY);
          boxes.push(none ? Number.NaN : maxX);
          boxes.push(none ? Number.NaN : maxY);
          minX = Number.POSITIVE_INFINITY;
          minY = Number.POSITIVE_INFINITY;
          maxX = Number.NEGATIVE_INFINITY;
          maxY = Number.NEGATIVE_INFINITY;
        } else if (bottom === 4 && depth === 2) {
          groups.push(lists.length - 1);
        }
        depth--;
        i++;
        if (depth === 0) {
          ok = true;
          break;
        }
        continue;
      }
      if (c === COMMA) {
        if (wantValue) break;
        wantValue = true;
        i++;
        continue;
      }
      // a number, which must be a position's
      if (!wantValue) break;
      if (bottom === 0) {
        if (depth < 2) break;
        bottom = depth;
        if (bottom === 4) {
          // groups tile the lists: lists of other blocks since the last group end make one
          // group that no geometry names
          const listCount = lists.length - 1;
          if (groups.data[groups.length - 1] !== listCount) groups.push(listCount);
          firstGroup = groups.length - 1;
        }
      } else if (depth !== bottom) break;
      if (++numbers > 2) break;
      const start = i;
      const negative = c === MINUS;
      if (negative) c = b[++i] as number;
      if (!(c >= ZERO && c <= NINE)) break;
      let mantissa = 0;
      let digits = 0;
      let fraction = 0;
      if (c === ZERO) {
        c = b[++i] as number;
        digits = 1;
      } else {
        while (c >= ZERO && c <= NINE) {
          mantissa = mantissa * 10 + (c - ZERO);
          digits++;
          c = b[++i] as number;
        }
      }
      if (c === DOT) {
        c = b[++i] as number;
        if (!(c >= ZERO && c <= NINE)) break;
        while (c >= ZERO && c <= NINE) {
          mantissa = mantissa * 10 + (c - ZERO);
          digits++;
          fraction++;
          c = b[++i] as number;
        }
      }
      let exponent = false;
      if (c === 0x65 || c === 0x45) {
        exponent = true;
        c = b[++i] as number;
        if (c === PLUS || c === MINUS) c = b[++i] as number;
        if (!(c >= ZERO && c <= NINE)) break;
        while (c >= ZERO && c <= NINE) c = b[++i] as number;
      }
      let value: number;
      if (exponent || digits > EXACT_DIGITS) {
        // the engine's own conversion, as JSON.parse's (correctly rounded either way)
        value = Number(ASCII.decode(b.subarray(start, i)));
      } else {
        value = fraction === 0 ? mantissa : mantissa / (POW10[fraction] as number);
        if (negative) value = -value;
      }
      if (n === values.length) {
        written.length = n;
        values = written.reserve(1);
      }
      values[n++] = value;
      wantValue = false;
    }
    if (!ok) {
      lists.length = lists0;
      groups.length = groups0;
      boxes.length = boxes0;
      return null;
    }
    written.length = n;
    this.arrays += arrays;
    this.end = i;
    if (bottom === 2) return { depth: 2, first: lists0 - 1, count: 1 };
    if (bottom === 3) return { depth: 3, first: lists0 - 1, count: lists.length - lists0 };
    return { depth: 4, first: firstGroup, count: groups.length - 1 - firstGroup };
  }
}

/**
 * Where the member whose value opens at `open` (a "[") starts when its name is `"coordinates"`
 * (the index of its first quote), else -1.
 */
function coordinatesMemberAt(b: Uint8Array, open: number): number {
  let i = open - 1;
  while (i >= 0 && isSpaceByte(b[i] as number)) i--;
  if (b[i] !== COLON) return -1;
  i--;
  while (i >= 0 && isSpaceByte(b[i] as number)) i--;
  // i: the closing quote of the name
  const at = i - NAME.length;
  if (at < 0 || b[at] !== QUOTE) return -1;
  for (let k = 0; k < NAME.length; k++) if (b[at + 1 + k] !== NAME[k]) return -1;
  // an escaped quote: the name of some other member ends here, not "coordinates"
  if (at > 0 && b[at - 1] === BACKSLASH) return -1;
  return at;
}

const isSpaceByte = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

/** A member name for the markers, random: no file holds it by chance (checked once decoded). */
const markerName = () => `plan-layers-flat-${Math.random().toString(36).slice(2)}`;

/** The flat blocks of a file and its bytes with each replaced by a marker member. */
export type Extracted = {
  reduced: Uint8Array;
  marker: string;
  blocks: FlatCoordinates[];
  /** Arrays the blocks took out of the text. */
  arrays: number;
};

/** Finds and parses the `coordinates` members of a file's bytes; null when none could be held flat. */
export function extractCoordinates(bytes: Uint8Array): Extracted | null {
  const b = bytes;
  const extractor = new Extractor(b);
  const cuts: number[] = []; // [from, to) of each block's member
  const found: Block[] = [];
  // from each "[" outside the blocks read (one a geometry in a zoning plan), back to its member
  // name: far fewer stops than at every quote, and each a native search
  for (let open = b.indexOf(OPEN); open >= 0; open = b.indexOf(OPEN, open + 1)) {
    const at = coordinatesMemberAt(b, open);
    if (at < 0) continue;
    const block = extractor.block(open);
    if (!block) continue;
    cuts.push(at, extractor.end);
    found.push(block);
    open = extractor.end - 1;
  }
  if (found.length === 0) return null;
  // each member replaced by `"<marker>":<k>`, written in place
  const marker = markerName();
  const prefix = Array.from(`"${marker}":`, (c) => c.charCodeAt(0));
  let length = b.length;
  for (let k = 0; k < found.length; k++) {
    length +=
      prefix.length + String(k).length - ((cuts[2 * k + 1] as number) - (cuts[2 * k] as number));
  }
  const reduced = new Uint8Array(length);
  let copied = 0;
  let w = 0;
  for (let k = 0; k < found.length; k++) {
    const from = cuts[2 * k] as number;
    reduced.set(b.subarray(copied, from), w);
    w += from - copied;
    for (const code of prefix) reduced[w++] = code;
    const digits = String(k);
    for (let d = 0; d < digits.length; d++) reduced[w++] = digits.charCodeAt(d);
    copied = cuts[2 * k + 1] as number;
  }
  reduced.set(b.subarray(copied), w);
  const store = extractor.store();
  const blocks = found.map((x) => ({ store, depth: x.depth, first: x.first, count: x.count }));
  return { reduced, marker, blocks, arrays: extractor.arrays };
}

/**
 * A geometry parsed from the reduced text as a new object with the same members in the same
 * order, its marker member replaced by coordinates read from `flat`. Not the parsed object with
 * the marker deleted: a deleted member turns an object into a slow dictionary, and every read of
 * its members (the check reads them for each feature) a hash look-up.
 */
function withFlatCoordinates(
  parsed: Record<string, unknown>,
  marker: string,
  flat: FlatCoordinates,
): Record<string, unknown> {
  const geometry: Record<string, unknown> = {};
  for (const key of Object.keys(parsed)) {
    if (key === marker) attachFlatCoordinates(geometry, flat);
    else if (key === "__proto__") {
      // JSON.parse made it an own member; an assignment would set the prototype
      Object.defineProperty(geometry, key, {
        value: parsed[key],
        writable: true,
        enumerable: true,
        configurable: true,
      });
    } else geometry[key] = parsed[key];
  }
  return geometry;
}

/**
 * Gives back the coordinates of the geometries of a parsed reduced text: those of its features
 * (and of their collections' members), of a lone feature or of a bare geometry. Returns the value
 * with them (a bare geometry is a new object) and how many markers it found.
 */
function attachAll(
  value: unknown,
  marker: string,
  blocks: readonly FlatCoordinates[],
): { value: unknown; attached: number } {
  let attached = 0;
  const geometry = (g: unknown, members: boolean): unknown => {
    if (!isObject(g)) return g;
    const k = g[marker];
    let out = g;
    if (typeof k === "number") {
      out = withFlatCoordinates(g, marker, blocks[k] as FlatCoordinates);
      attached++;
    }
    if (members && Array.isArray(out.geometries)) {
      const list = out.geometries;
      for (let m = 0; m < list.length; m++) list[m] = geometry(list[m], false);
    }
    return out;
  };
  if (!isObject(value)) return { value, attached: 0 };
  if (Array.isArray(value.features)) {
    for (const feature of value.features) {
      if (isObject(feature) && "geometry" in feature)
        feature.geometry = geometry(feature.geometry, true);
    }
    return { value, attached };
  }
  if ("geometry" in value) value.geometry = geometry(value.geometry, true);
  return { value: geometry(value, true), attached };
}

/** How often `part` occurs in `text`. */
function occurrences(text: string, part: string): number {
  let count = 0;
  for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length)) count++;
  return count;
}

/** Nesting a block adds below the member it replaces. */
const BLOCK_DEPTH = 4;

/**
 * JSON.parse's value of a GeoJSON file's bytes, its geometries' coordinates held flat; undefined
 * when the file is better read whole as ever: nothing held flat, or anything unusual (see above).
 * Never throws on bad input.
 */
export function parseFlatGeoJson(
  bytes: Uint8Array,
  limits: { maxTextDepth: number; maxTextContainers: number },
): unknown {
  const body = BOM.every((v, k) => bytes[k] === v) ? bytes.subarray(3) : bytes;
  const extracted = extractCoordinates(body);
  if (!extracted) return undefined;
  const decoded = decodeUtf8(extracted.reduced, "");
  if (
    !decoded.ok ||
    occurrences(decoded.text, `"${extracted.marker}"`) !== extracted.blocks.length
  ) {
    return undefined;
  }
  // what the whole text would nest and hold: at most the blocks' depth more, and their arrays
  const shape = scanJsonText(
    decoded.text,
    limits.maxTextDepth - BLOCK_DEPTH,
    limits.maxTextContainers - extracted.arrays,
  );
  if (shape.tooDeepAt >= 0 || shape.containers > limits.maxTextContainers - extracted.arrays) {
    return undefined;
  }
  let value: unknown;
  try {
    value = JSON.parse(decoded.text);
  } catch {
    return undefined;
  }
  const { value: read, attached } = attachAll(value, extracted.marker, extracted.blocks);
  return attached === extracted.blocks.length ? read : undefined;
}
