import type { LayerEntry } from "../core/catalog/schema";
import type { FeatureHit } from "./selection";

/** The district a hit stands for: the base map's districts and a catalogue layer of districts alike. */
function districtCodeOf(
  hit: FeatureHit,
  layersById: ReadonlyMap<string, LayerEntry>,
): string | null {
  if (hit.kind === "plan" && layersById.get(hit.layerId)?.level !== "district") return null;
  const code = hit.feature.properties?.code;
  return typeof code === "string" && code !== "" ? code : null;
}

/**
 * The features under a click as the attribute panel pages through them: topmost first (the order
 * MapLibre reports), each feature once. The same feature drawn by two style layers, or a district
 * drawn both by the base map and by the catalogue's district layer, is one entry: the base map's
 * (its panel names the unit's type in words), at the place of the first.
 */
export function identifyHits(
  hits: readonly FeatureHit[],
  layersById: ReadonlyMap<string, LayerEntry>,
): FeatureHit[] {
  const out: FeatureHit[] = [];
  const features = new Set<unknown>();
  const districtSlot = new Map<string, number>();
  for (const hit of hits) {
    // A district by its code first: the base map and the catalogue's layer read the same file,
    // so their hits may hold the very same feature, and the base map's must still win.
    const code = districtCodeOf(hit, layersById);
    if (code !== null) {
      const slot = districtSlot.get(code);
      if (slot === undefined) {
        districtSlot.set(code, out.length);
        out.push(hit);
      } else if (hit.kind === "district") out[slot] = hit;
      continue;
    }
    if (features.has(hit.feature)) continue;
    features.add(hit.feature);
    out.push(hit);
  }
  return out;
}
