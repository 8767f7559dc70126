import type { GeoJsonProperties } from "geojson";
import type { AttributeLabel, LayerEntry } from "../core/catalog/schema";
import { formatNumber } from "./format";
import type { Language } from "./url-state";

/** One line of the attribute panel, already as plain text. */
export type AttributeRow = { key: string; label: string; value: string };

/** Text for a missing value. */
export const NO_VALUE = "—";

/**
 * An attribute value as display text: numbers in the language's convention, booleans as the given
 * words, objects as JSON, with the unit appended. Never markup: callers render it as a text node.
 */
export function formatAttributeValue(
  value: unknown,
  unit: string | undefined,
  lang: Language,
  words: { yes: string; no: string },
): string {
  if (value === null || value === undefined || value === "") return NO_VALUE;
  let text: string;
  if (typeof value === "number") text = formatNumber(value, lang);
  else if (typeof value === "boolean") text = value ? words.yes : words.no;
  else if (typeof value === "string") text = value;
  else text = JSON.stringify(value);
  return unit ? `${text} ${unit}` : text;
}

/**
 * The rows for a clicked feature: the catalogue's attributes in its order, with its labels and
 * units. A layer that lists no attributes shows the feature's own properties under their keys.
 */
export function buildAttributeRows(
  layer: LayerEntry,
  properties: GeoJsonProperties,
  lang: Language,
  words: { yes: string; no: string },
): AttributeRow[] {
  const props = properties ?? {};
  const labels: AttributeLabel[] =
    layer.attributes.length > 0
      ? layer.attributes
      : Object.keys(props).map((key) => ({ key, label: { vi: key, en: key } }));
  return labels.map((attribute) => {
    const raw = props[attribute.key];
    const category = categoryLabel(layer, attribute.key, raw, lang);
    return {
      key: attribute.key,
      label: attribute.label[lang],
      value: category ?? formatAttributeValue(raw, attribute.unit, lang, words),
    };
  });
}

/**
 * For the attribute a categorised style colours by, the legend's words for the value, with the
 * raw code added unless the words already end in it: "Đô thị trung tâm (urban)".
 */
function categoryLabel(
  layer: LayerEntry,
  key: string,
  value: unknown,
  lang: Language,
): string | null {
  const { style } = layer;
  if (style.type !== "categorised" || style.attribute !== key) return null;
  if (value === null || value === undefined) return null;
  const category = style.categories.find((c) => String(c.value) === String(value));
  if (!category) return null;
  const text = category.label[lang];
  const code = String(value);
  return text === code || text.includes(`(${code})`) ? text : `${text} (${code})`;
}

/** The feature's display name from the layer's name attribute, or null. */
export function featureName(layer: LayerEntry, properties: GeoJsonProperties): string | null {
  if (!layer.nameAttribute) return null;
  const value = properties?.[layer.nameAttribute];
  return value === null || value === undefined || value === "" ? null : String(value);
}
