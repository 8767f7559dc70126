// A synthetic protected rice land layer that makes thousands of findings from the shipped data:
// shared by the browser tests (test/e2e/dense-rice-land.ts) and `npm run bench -- --app-check`.

/** Bounding box of the shipped city plan zones (data/city-plan-zones.fgb), lon/lat. */
const CITY_PLAN_BBOX = [105.28, 20.56, 106.03, 21.39];

/**
 * A grid of `cell`-degree squares over the whole city plan, each tagged LUC. Every urban zone of
 * the city plan then overlaps many cells, so the rule "urban-on-protected-rice-land" yields
 * thousands of findings (one per zone × cell pair) from the shipped data: the many-findings case
 * of a consultant's proposal, without a second data set.
 */
export function denseRiceLand(cell) {
  const [west, south, east, north] = CITY_PLAN_BBOX;
  const columns = Math.ceil((east - west) / cell);
  const rows = Math.ceil((north - south) / cell);
  const features = [];
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
