import { distinctCategories } from "../core/catalog/catalog-queries";
import type { LayerEntry, LocalizedText } from "../core/catalog/schema";

/** One legend line: a colour swatch and its text. `label: null` is the "other values" line. */
export type LegendItem = { color: string; label: LocalizedText | null };

/**
 * The legend of a layer's style. A simple style has one line (its own label, else the layer title);
 * a categorised style has one line per category, then an "other" line for the fallback colour.
 * Categories sharing a value keep the first, as the map's colour expression does.
 */
export function buildLegend(layer: LayerEntry): LegendItem[] {
  const { style } = layer;
  if (style.type === "simple") return [{ color: style.color, label: style.label ?? layer.title }];
  return [
    ...distinctCategories(style).map((c) => ({ color: c.color, label: c.label })),
    { color: style.fallbackColor, label: null },
  ];
}
