import type { Feature } from "geojson";

/** A feature under a click, with its original (unclipped) geometry and properties. */
export type FeatureHit =
  | { kind: "district"; feature: Feature }
  | { kind: "plan"; layerId: string; feature: Feature };

/**
 * The feature to outline on the map: the topmost clicked feature, else the district chosen in the
 * search, else nothing.
 */
export function featureToHighlight(
  hits: readonly FeatureHit[],
  districtCode: string | null,
  districtByCode: ReadonlyMap<string, Feature>,
): Feature | null {
  const top = hits[0];
  if (top) return top.feature;
  return districtCode === null ? null : (districtByCode.get(districtCode) ?? null);
}
