import type { Feature } from "geojson";
import { isOfficialLandUseCode } from "../plan/official-land-use-codes";

/**
 * Which attribute of a proposal holds its land-use codes. Files name it their own way: a
 * Shapefile cuts `land_use_code` to `land_use_c` (10 characters), Vietnamese offices write `MDSD`,
 * `ma_dat`, `KH_DAT`, `LoaiDat`… So the attribute is found by its values — the one most of whose
 * values are codes of the official list (Circular 01/2021) — and the name only breaks ties.
 */
export type LandUseAttribute = {
  /** The file's attribute holding the codes; null when none holds any (and none was given). */
  attribute: string | null;
  /** Its name in the loaded layer: the catalogue's attribute the rules read (`land_use_code`). */
  target: string;
  /** Features whose value of `attribute` is an official code, as written or once tidied… */
  matched: number;
  /** …of all the features read. */
  total: number;
  /** `values`: found by its values; `user`: given by the caller; `none`: nothing found. */
  chosenBy: "values" | "user" | "none";
  /** Other attributes holding codes, most matching features first (for a chooser). */
  alternatives: { attribute: string; matched: number }[];
  /** Every attribute name seen in the file, in order of first appearance (for a chooser). */
  attributes: string[];
};

/**
 * Names land-use attributes go by, lower case, most telling first: only to break a tie between
 * attributes holding codes equally often (a copy of the code column, say).
 */
const USUAL_NAMES = [
  "land_use_code",
  "land_use_c",
  "mdsd",
  "ma_dat",
  "kh_dat",
  "maloaidat",
  "ma_loai_dat",
  "loai_dat",
  "loaidat",
  "mucdich",
  "land_use",
  "landuse",
  "code",
];

/** Distinct attribute names counted: a hostile file with a new name per feature stays bounded. */
const MAX_ATTRIBUTES = 1000;

/** The official code a value stands for: as written, or trimmed and upper-cased; else null. */
export function codeOf(value: unknown): string | null {
  if (typeof value !== "string") return null;
  if (isOfficialLandUseCode(value)) return value;
  const tidied = value.trim().toUpperCase();
  return isOfficialLandUseCode(tidied) ? tidied : null;
}

const rank = (name: string) => {
  const at = USUAL_NAMES.indexOf(name.toLowerCase());
  return at < 0 ? USUAL_NAMES.length : at;
};

/**
 * Finds the land-use attribute of `features` by its values, or takes `chosen` (the caller's
 * override: the CLI's `--land-use-attribute`, the app's chooser) as it is — whether the file has
 * it is for the caller's checks to say. Counting goes through a Map: attribute names from a file
 * never become object keys.
 */
export function findLandUseAttribute(
  features: readonly Feature[],
  target: string,
  chosen?: string,
): LandUseAttribute {
  const matches = new Map<string, number>();
  for (const feature of features) {
    const properties = feature.properties;
    if (typeof properties !== "object" || properties === null) continue;
    for (const key of Object.keys(properties)) {
      let count = matches.get(key);
      if (count === undefined) {
        if (matches.size >= MAX_ATTRIBUTES) continue;
        count = 0;
      }
      matches.set(key, codeOf(properties[key]) === null ? count : count + 1);
    }
  }
  const attributes = [...matches.keys()];
  const holding = attributes
    .filter((name) => (matches.get(name) as number) > 0)
    .sort((a, b) => (matches.get(b) as number) - (matches.get(a) as number) || rank(a) - rank(b));
  const attribute = chosen ?? holding[0] ?? null;
  return {
    attribute,
    target,
    matched: attribute === null ? 0 : (matches.get(attribute) ?? 0),
    total: features.length,
    chosenBy: chosen !== undefined ? "user" : attribute === null ? "none" : "values",
    alternatives: holding
      .filter((name) => name !== attribute)
      .map((name) => ({ attribute: name, matched: matches.get(name) as number })),
    attributes,
  };
}
