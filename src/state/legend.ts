import type { FeatureCollection } from "geojson";
import { distinctCategories } from "../core/catalog/catalog-queries";
import type { LayerEntry, LocalizedText } from "../core/catalog/schema";

/**
 * One legend line: a colour swatch and its text. `label: null` is the "other values" line; `code`
 * is a category's value (a land-use code such as "ODT"), shown before its name.
 */
export type LegendItem = { color: string; label: LocalizedText | null; code?: string };

/**
 * The legend of a layer's style. A simple style has one line (its own label, else the layer title);
 * a categorised style has one line per category, then an "other values" line for the fallback
 * colour. Categories sharing a value keep the first, as the map's colour expression does.
 *
 * With `present` (the values the loaded features hold, see {@link presentValues}) the legend says
 * what the map draws: only the categories present, and the "other values" line only when a feature
 * holds a value no category names. Without it (data still loading) every category is listed, and
 * the "other values" line only when there are several categories: a one-category layer's features
 * are that category.
 */
export function buildLegend(layer: LayerEntry, present?: ReadonlySet<string>): LegendItem[] {
  const { style } = layer;
  if (style.type === "simple") return [{ color: style.color, label: style.label ?? layer.title }];
  const categories = distinctCategories(style);
  const named = new Set(categories.map((c) => String(c.value)));
  const shown = present ? categories.filter((c) => present.has(String(c.value))) : categories;
  const other = present ? [...present].some((value) => !named.has(value)) : categories.length > 1;
  return [
    ...shown.map((c) => ({ color: c.color, label: c.label, code: String(c.value) })),
    ...(other ? [{ color: style.fallbackColor, label: null }] : []),
  ];
}

/**
 * The values a categorised layer's features hold in its style attribute, as text (as the map's
 * colour expression compares them); a missing value counts as "" (drawn in the fallback colour).
 * Null for a simple style.
 */
export function presentValues(layer: LayerEntry, data: FeatureCollection): Set<string> | null {
  const { style } = layer;
  if (style.type !== "categorised") return null;
  const values = new Set<string>();
  for (const feature of data.features) {
    const value = feature.properties?.[style.attribute];
    values.add(value === undefined || value === null ? "" : String(value));
  }
  return values;
}
