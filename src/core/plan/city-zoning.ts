import { bbox as bboxOf, booleanPointInPolygon, pointOnFeature } from "@turf/turf";
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from "geojson";
import { geodesicHectares } from "../geo/geodesic-area";
import type { AreaGeometry } from "./polygon-clip";
import { type Seed, structureSeeds } from "./seeds";
import { voronoiCells } from "./voronoi-cells";
import { landUseAssigner, type ZoneDraft, type ZoningContext } from "./zone-assignment";

/** Properties of a city-plan zone (one row of the zoning table). */
export type ZoneProperties = {
  id: string;
  land_use_code: string;
  district_code: string;
  district_name: string;
  zone_name: string;
  /** Geodesic area on the WGS84 ellipsoid, hectares, 2 decimals. */
  area_ha: number;
  plan_period: string;
  code_system: string;
  illustrative: true;
  /** Present only on zones planted to conflict with a higher plan, saying with what. */
  conflict_note?: string;
};

type District = Feature<Polygon | MultiPolygon>;

function districtKey(district: District, index: number): { code: string; name: string } {
  const code = district.properties?.code;
  const name = district.properties?.name;
  if (typeof code !== "string" || typeof name !== "string") {
    throw new Error(`districts: feature #${index}: needs "code" and "name" as text`);
  }
  return { code, name };
}

/** North to south, then west to east: zone numbers read like a map. */
function bySeedPosition(a: Seed, b: Seed): number {
  const [ax, ay] = a.position as [number, number];
  const [bx, by] = b.position as [number, number];
  return by - ay || ax - bx;
}

/**
 * The city-plan land-use zones: seeds from the structure are shared out among the districts (a
 * seed belongs to the first district, by code, that contains it), each district is tiled by the
 * Voronoi cells of its own seeds clipped to its boundary, and each zone takes its land use by the
 * structure's precedence. Zones are numbered per district, "CP-<district code>-<nnnn>". A district
 * with no seed becomes one zone.
 */
export function cityZones(
  districts: FeatureCollection<Polygon | MultiPolygon>,
  ctx: ZoningContext,
): FeatureCollection<AreaGeometry, ZoneProperties> {
  const { structure } = ctx;
  const ordered = districts.features
    .map((feature, index) => ({ feature, ...districtKey(feature, index) }))
    .sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const seeds = structureSeeds(structure, bboxOf(districts));
  const taken = new Set<string>();
  const assign = landUseAssigner(ctx);
  const features: Feature<AreaGeometry, ZoneProperties>[] = [];

  for (const district of ordered) {
    const box = bboxOf(district.feature) as [number, number, number, number];
    const own = seeds.filter((seed) => {
      if (taken.has(seed.key)) return false;
      const [x, y] = seed.position as [number, number];
      if (x < box[0] || x > box[2] || y < box[1] || y > box[3]) return false;
      return booleanPointInPolygon(seed.position, district.feature);
    });
    for (const seed of own) taken.add(seed.key);
    if (own.length === 0) {
      own.push({
        key: `D:${district.code}`,
        position: pointOnFeature(district.feature).geometry.coordinates,
        park: null,
      });
    }
    own.sort(bySeedPosition);
    const cells = voronoiCells(
      own.map((seed) => seed.position),
      district.feature.geometry,
      box,
    );
    let number = 0;
    cells.forEach((geometry, index) => {
      const seed = own[index];
      if (!geometry || !seed) return;
      number += 1;
      const draft: ZoneDraft = {
        id: `CP-${district.code}-${String(number).padStart(4, "0")}`,
        seed,
        geometry,
        districtCode: district.code,
        districtName: district.name,
      };
      const landUse = assign(draft);
      const properties: ZoneProperties = {
        id: draft.id,
        land_use_code: landUse.code,
        district_code: district.code,
        district_name: district.name,
        zone_name: landUse.zoneName,
        area_ha: geodesicHectares(geometry),
        plan_period: structure.planPeriod,
        code_system: structure.codeSystem,
        illustrative: true,
      };
      if (landUse.conflictNote) properties.conflict_note = landUse.conflictNote;
      features.push({ type: "Feature", id: draft.id, properties, geometry });
    });
  }
  return { type: "FeatureCollection", features };
}
