import type { LayerEntry, LayerStyle } from "./schema";

/**
 * The district layer that says where findings lie: the first polygon layer of level "district".
 * The app and the check CLI both place findings with it.
 */
export function districtLayer(catalog: readonly LayerEntry[]): LayerEntry | undefined {
  return catalog.find((l) => l.level === "district" && l.geometryType === "polygon");
}

type Category = Extract<LayerStyle, { type: "categorised" }>["categories"][number];

/**
 * A categorised style's categories, the first of any sharing a value (compared as text: values may
 * be numbers or strings): the map's colour `match` rejects repeated labels, and the legend must show
 * what the map draws.
 */
export function distinctCategories(
  style: Extract<LayerStyle, { type: "categorised" }>,
): Category[] {
  const seen = new Set<string>();
  return style.categories.filter((category) => {
    const value = String(category.value);
    if (seen.has(value)) return false;
    seen.add(value);
    return true;
  });
}
