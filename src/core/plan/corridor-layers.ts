import type { Feature, FeatureCollection, GeoJsonProperties } from "geojson";
import { geodesicHectares } from "../geo/geodesic-area";
import { type AuthoredLayers, widthLines } from "./authored-layers";
import { lineCorridor } from "./line-corridor";
import type { AreaGeometry } from "./polygon-clip";

/**
 * Generated corridor layers: layer id → the authored line file it buffers by each line's
 * `width_m`. The line files are shown as they are; these polygons are what the checker overlays.
 */
export const CORRIDOR_LAYERS = {
  "ring-road-corridors": "sector/ring-roads.geojson",
  "high-speed-rail-corridor": "sector/high-speed-rail.geojson",
  "power-corridors": "sector/power-lines.geojson",
  "regional-corridors": "regional/development-corridors.geojson",
} as const;

/** Properties copied from a line to its corridor, when present. */
const CARRIED = ["id", "name", "width_m", "legal_basis", "voltage_kv", "conflict_note"] as const;

/**
 * One corridor polygon per line of `key`: the line buffered to its `width_m`, carrying the line's
 * id, name, width and legal basis, its area in hectares and the authored file it came from.
 */
export function corridorLayer(
  authored: AuthoredLayers,
  key: string,
): FeatureCollection<AreaGeometry> {
  const features: Feature<AreaGeometry>[] = [];
  for (const { feature, widthM } of widthLines(authored, key)) {
    const geometry = lineCorridor(feature.geometry, widthM);
    if (!geometry) continue;
    const properties: GeoJsonProperties = {};
    for (const name of CARRIED) {
      const value = feature.properties?.[name];
      if (value !== undefined && value !== null) properties[name] = value;
    }
    properties.area_ha = geodesicHectares(geometry);
    properties.source_layer = key;
    properties.illustrative = true;
    features.push({ type: "Feature", id: properties.id as string, properties, geometry });
  }
  return { type: "FeatureCollection", features };
}
