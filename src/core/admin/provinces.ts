import type { Feature, FeatureCollection, Geometry } from "geojson";
import type { AreaGeometry, BoundaryProperties } from "./types";

/** How much of a province's outline a feature of data/provinces.fgb keeps. */
export type ProvinceDetail = "full" | "simplified";

/**
 * Province context layer: every province of the national simplified set, with those the detailed
 * (Red River Delta) set also has replaced by its full-resolution outline, so the region around
 * Hà Nội looks right when zoomed in and the rest of the country stays light. Properties are kept
 * and `detail` says which outline a feature has. With neither set, the province's own boundary
 * stands alone. Sorted by code.
 */
export function mergeProvinces(
  simplified: FeatureCollection | null,
  detailed: FeatureCollection | null,
  fallback: FeatureCollection<AreaGeometry, BoundaryProperties>,
): FeatureCollection {
  const byCode = new Map<string, Feature<Geometry>>();
  const put = (collection: FeatureCollection, detail: ProvinceDetail) => {
    for (const feature of collection.features) {
      const code = String(feature.properties?.code);
      byCode.set(code, {
        type: "Feature",
        id: code,
        properties: { ...feature.properties, detail },
        geometry: feature.geometry,
      });
    }
  };
  if (!simplified && !detailed) put(fallback, "full");
  if (simplified) put(simplified, "simplified");
  if (detailed) put(detailed, "full");
  const features = [...byCode.values()].sort((a, b) => String(a.id).localeCompare(String(b.id)));
  return { type: "FeatureCollection", features };
}
