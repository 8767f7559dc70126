import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { geodesicHectares } from "../geo/geodesic-area";
import type { AuthoredLayers } from "./authored-layers";
import { cityZones } from "./city-zoning";
import { CORRIDOR_LAYERS, corridorLayer } from "./corridor-layers";
import { PlanInputError } from "./plan-input-error";
import { DYKE_LANDSIDE_M, DYKE_RIVERSIDE_M, riverCorridor } from "./river-corridor";
import { readRiver } from "./river-source";
import { parseStructure, STRUCTURE_FILE } from "./structure-schema";
import { zoningContext } from "./zone-assignment";

/** What the data step gives the generator (the project's generator contract). */
export type PlanLayersInput = {
  districts: FeatureCollection<Polygon | MultiPolygon>;
  boundary: FeatureCollection<Polygon | MultiPolygon>;
  /** Every layers/**\/*.geojson, keyed by its path relative to layers/. */
  authored: AuthoredLayers;
  /** Parsed layers/city-plan/structure.json. */
  structure: unknown;
};

/** Ids of the layers {@link buildPlanLayers} returns (each written to data/<id>.fgb). */
export const PLAN_LAYER_IDS = [
  "city-plan-zones",
  "flood-corridor",
  "dyke-lines",
  "dyke-protection-zone",
  ...(Object.keys(CORRIDOR_LAYERS) as (keyof typeof CORRIDOR_LAYERS)[]),
] as const;

function collection(features: Feature[]): FeatureCollection {
  return { type: "FeatureCollection", features };
}

/**
 * Builds the generated plan layers from the official districts and the authored files: the
 * city-plan zoning (from structure.json), the Red River flood-drainage corridor with its dykes and
 * dyke protection zone, and the corridor polygons of every line layer with widths. Pure and
 * deterministic: the same input gives byte-identical JSON.
 *
 * @throws Error naming the file, the feature and the problem when an input is unusable
 */
export function buildPlanLayers(input: PlanLayersInput): Record<string, FeatureCollection> {
  if (input.structure === null || input.structure === undefined) {
    throw new PlanInputError(STRUCTURE_FILE, {
      vi: "thiếu tệp (tệp này định nghĩa phân khu của quy hoạch Thủ đô)",
      en: "file is missing (it defines the city-plan zoning)",
    });
  }
  const structure = parseStructure(input.structure);
  const river = readRiver(input.authored, structure.river.source);
  const corridor = riverCorridor(river.centreLine, river.halfWidthLeftM, river.halfWidthRightM);
  const common = { source_layer: structure.river.source, illustrative: true };

  const layers: Record<string, FeatureCollection> = {
    "flood-corridor": collection([
      {
        type: "Feature",
        id: `${river.id}-HLTL`,
        properties: {
          id: `${river.id}-HLTL`,
          name: `Hành lang thoát lũ – ${river.name}`,
          area_ha: geodesicHectares(corridor.corridor),
          ...common,
        },
        geometry: corridor.corridor,
      },
    ]),
    "dyke-lines": collection(
      [
        {
          id: `${river.id}-DE-TRAI`,
          name: river.dykeLeftName,
          side: "left",
          geometry: corridor.leftDyke,
        },
        {
          id: `${river.id}-DE-PHAI`,
          name: river.dykeRightName,
          side: "right",
          geometry: corridor.rightDyke,
        },
      ].map(({ geometry, ...properties }) => ({
        type: "Feature",
        id: properties.id,
        properties: { ...properties, ...common },
        geometry,
      })),
    ),
    "dyke-protection-zone": collection(
      [
        { id: `${river.id}-BVDE-TRAI`, dyke: river.dykeLeftName, geometry: corridor.leftZone },
        { id: `${river.id}-BVDE-PHAI`, dyke: river.dykeRightName, geometry: corridor.rightZone },
      ].map(({ geometry, ...rest }) => ({
        type: "Feature",
        id: rest.id,
        properties: {
          ...rest,
          name: `Phạm vi bảo vệ ${rest.dyke}`,
          landside_m: DYKE_LANDSIDE_M,
          riverside_m: DYKE_RIVERSIDE_M,
          area_ha: geodesicHectares(geometry),
          ...common,
        },
        geometry,
      })),
    ),
  };
  for (const [id, key] of Object.entries(CORRIDOR_LAYERS)) {
    layers[id] = corridorLayer(input.authored, key);
  }
  const ctx = zoningContext(structure, input.authored, corridor.corridor, river.centreLine);
  layers["city-plan-zones"] = cityZones(input.districts, ctx);
  return layers;
}
