import type { Feature } from "geojson";

/**
 * A feature's id as the issue defines it: the GeoJSON `id`, else `properties.id`, else its index in
 * the layer; always a string so ids compare and hash the same whatever their JSON type.
 */
export function featureId(feature: Feature, index: number): string {
  if (feature.id !== undefined && feature.id !== null && feature.id !== "")
    return String(feature.id);
  const own = feature.properties?.id;
  if (typeof own === "string" || typeof own === "number") return String(own);
  return String(index);
}
