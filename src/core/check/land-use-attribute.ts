import type { Feature } from "geojson";
import type { FeatureFilter } from "../catalog/rules-schema";
import { isOfficialLandUseCode } from "../plan/official-land-use-codes";

/*
 * Land-use codes in data. An attribute holds codes when a rule compares it with codes of the
 * official list (Circular 01/2021/TT-BTNMT, `OFFICIAL_LAND_USE_CODES`): its filter values or the keys of its
 * compatibility matrix. Such an attribute is read strictly, because a value that is not a code
 * matches no filter and no matrix entry, and the feature then passes every rule without a word:
 * "ODT " and "odt" are read as ODT (with a warning); a missing value or one that is no code is an
 * error, and the rules reading the attribute do not run.
 */

/** The attribute the catalogue's plan layers and the shipped rules keep land-use codes in. */
export const DEFAULT_LAND_USE_ATTRIBUTE = "land_use_code";

/** Whether values compared with an attribute make it a land-use code attribute: any is a code. */
export function holdCodes(values: readonly unknown[]): boolean {
  return values.some((v) => typeof v === "string" && isOfficialLandUseCode(v));
}

/** Whether a rule filter's attribute holds land-use codes (see {@link holdCodes}). */
export const filterHoldsCodes = (filter: FeatureFilter): boolean => holdCodes(filter.in);

/** How a value reads as a land-use code. */
type CodeReading =
  | { kind: "code"; code: string }
  /** A code once surrounding whitespace is trimmed and letters upper-cased ("ODT ", "odt"). */
  | { kind: "near"; code: string }
  /** No value: absent, null, or empty or blank text. */
  | { kind: "missing" }
  | { kind: "unknown" };

/** Reads one attribute value as a land-use code. */
function readCode(value: unknown): CodeReading {
  if (value === undefined || value === null) return { kind: "missing" };
  if (typeof value !== "string") return { kind: "unknown" };
  if (isOfficialLandUseCode(value)) return { kind: "code", code: value };
  const near = value.trim().toUpperCase();
  if (near === "") return { kind: "missing" };
  return isOfficialLandUseCode(near) ? { kind: "near", code: near } : { kind: "unknown" };
}

const codeOfReading = (reading: CodeReading): string | null =>
  reading.kind === "code" || reading.kind === "near" ? reading.code : null;

/** The land-use code a value reads as ("odt" is ODT), as `readCodeColumn` reads it; null: none. */
export const codeOf = (value: unknown): string | null => codeOfReading(readCode(value));

/** Feature indices of a layer grouped by the value as written. */
export type ValueGroups = Map<string, number[]>;

/**
 * A code attribute of one layer read once for every rule: each feature's code (null when it has
 * none), and the features whose value needed tidying, had none, or was no code.
 */
export type CodeColumn = {
  codes: (string | null)[];
  /** Value as written ("odt") → features read as its code. */
  near: ValueGroups;
  missing: number[];
  /** Value as written (`writtenAs`: numbers as text, objects as "{…}") → features. */
  unknown: ValueGroups;
};

const push = (groups: ValueGroups, key: string, index: number) => {
  const list = groups.get(key);
  if (list) list.push(index);
  else groups.set(key, [index]);
};

/** A value as text: strings as they are, numbers and booleans as JSON writes them, no whole objects. */
function writtenAs(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "object" && value !== null) return Array.isArray(value) ? "[…]" : "{…}";
  return String(value);
}

/** Reads `attribute` of every feature as a land-use code. */
export function readCodeColumn(features: readonly Feature[], attribute: string): CodeColumn {
  const column: CodeColumn = { codes: [], near: new Map(), missing: [], unknown: new Map() };
  features.forEach((feature, index) => {
    const value = feature.properties?.[attribute];
    const reading = readCode(value);
    column.codes.push(codeOfReading(reading));
    if (reading.kind === "near") push(column.near, value as string, index);
    else if (reading.kind === "missing") column.missing.push(index);
    else if (reading.kind === "unknown") push(column.unknown, writtenAs(value), index);
  });
  return column;
}

/** Whether the column stops the rules reading it (features without a code). */
export const columnHasErrors = (column: CodeColumn): boolean =>
  column.missing.length > 0 || column.unknown.size > 0;
