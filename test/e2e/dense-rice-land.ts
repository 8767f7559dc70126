import type { Feature, FeatureCollection, Polygon } from "geojson";

/** Bounding box of the shipped city plan zones (data/city-plan-zones.fgb), lon/lat. */
const CITY_PLAN_BBOX = [105.28, 20.56, 106.03, 21.39] as const;

/**
 * A synthetic protected rice land layer: a grid of `cell`-degree squares over the whole city plan,
 * each tagged LUC. Every urban zone of the city plan then overlaps many cells, so the rule
 * "urban-on-protected-rice-land" yields thousands of findings (one per zone × cell pair) from the
 * shipped data: the many-findings case of a consultant's proposal, without a second data set.
 */
export function denseRiceLand(cell: number): FeatureCollection<Polygon> {
  const [west, south, east, north] = CITY_PLAN_BBOX;
  const columns = Math.ceil((east - west) / cell);
  const rows = Math.ceil((north - south) / cell);
  const features: Feature<Polygon>[] = [];
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const x = west + column * cell;
      const y = south + row * cell;
      const id = `LUC-G${row}-${column}`;
      features.push({
        type: "Feature",
        id,
        properties: { id, name: `Ô lúa ${row}-${column}`, land_use_code: "LUC" },
        geometry: {
          type: "Polygon",
          coordinates: [
            [
              [x, y],
              [x + cell, y],
              [x + cell, y + cell],
              [x, y + cell],
              [x, y],
            ],
          ],
        },
      });
    }
  }
  return { type: "FeatureCollection", features };
}
