import type { Feature, FeatureCollection, Geometry } from "geojson";
import type { AreaGeometry, BoundaryProperties } from "./types";

/**
 * How far (degrees, about 20 m) the province borders of data/provinces.fgb may stray from their
 * source (see `simplifyBorders`): under a pixel to about z12, where the province layer is the map's
 * context. Hà Nội's own boundary and districts, drawn over it, keep their full resolution. The
 * detailed set has many points along nearly straight stretches: 35 539 points become 22 054, and
 * the app's map tiles the layer (and copies it between threads) in about half the time.
 */
export const PROVINCE_BORDER_TOLERANCE_DEG = 0.0002;

/** Which input set a feature of data/provinces.fgb comes from. */
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
