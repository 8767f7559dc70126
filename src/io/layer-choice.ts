import { didYouMean } from "../core/text/did-you-mean";
import { showText, showValue } from "../core/text/show-value";
import type { Bilingual } from "../core/validate/validation-issue";
import type { ReadResult } from "./format-types";

/**
 * What holds the layers, as the messages name it: "GeoPackage", "tệp zip" / "the zip". One pair
 * of messages for every format that holds several layers, so the app and the CLI say the same.
 */
export type LayerContainer = { vi: string; en: string };

export const GPKG_CONTAINER: LayerContainer = { vi: "GeoPackage", en: "the GeoPackage" };
export const ZIP_CONTAINER: LayerContainer = { vi: "tệp zip", en: "the zip" };

/** Most layer names a message lists: a file with thousands of tables cannot flood it. */
const MAX_LISTED = 20;

/** Names as a message lists them: escaped, at most {@link MAX_LISTED}, then how many more. */
function listed(names: readonly string[]): Bilingual {
  const shown = names.slice(0, MAX_LISTED).map(showText).join(", ");
  const more = names.length - MAX_LISTED;
  return more > 0
    ? { vi: `${shown} và ${more} lớp khác`, en: `${shown} and ${more} more` }
    : { vi: shown, en: shown };
}

/** "; <how to pick>" when the front end said how its user picks a layer, else nothing. */
const howToPick = (pick: Bilingual | undefined): Bilingual =>
  pick ? { vi: `; ${pick.vi}`, en: `; ${pick.en}` } : { vi: "", en: "" };

/**
 * The warning of a file holding several layers, one read: which was read, which were not, and how
 * to pick another (`pick`, from {@link ReadOptions.pickLayer}).
 */
export function otherLayersNotRead(
  container: LayerContainer,
  read: string,
  others: readonly string[],
  pick: Bilingual | undefined,
): Bilingual {
  const notRead = listed(others);
  const how = howToPick(pick);
  return {
    vi: `${container.vi} có ${others.length + 1} lớp; đã đọc lớp ${showText(read)}; chưa đọc: ${notRead.vi}${how.vi}`,
    en: `${container.en} holds ${others.length + 1} layers; ${showText(read)} was read; not read: ${notRead.en}${how.en}`,
  };
}

/**
 * The error of a layer asked for that the file does not hold: its layers listed, the closest
 * named (`candidates`: the names as the user would type them, by default `layers`).
 */
export function unknownLayer(
  container: LayerContainer,
  wanted: string,
  layers: readonly string[],
  pick: Bilingual | undefined,
  candidates: readonly string[] = layers,
): Bilingual {
  const hint = didYouMean(wanted, candidates);
  const all = listed(layers);
  const how = howToPick(pick);
  return {
    vi: `${container.vi} không có lớp ${showValue(wanted)}${hint.vi}; các lớp có: ${all.vi}${how.vi}`,
    en: `${container.en} has no layer ${showValue(wanted)}${hint.en}; its layers: ${all.en}${how.en}`,
  };
}

/** `result` with the layers of the file it was read from ({@link ReadResult.layers}). */
export function withLayers(result: ReadResult, layers: readonly string[]): ReadResult {
  return { ...result, layers: [...layers] };
}
