import type { Feature, FeatureCollection } from "geojson";

const CODES = ["ODT", "LUC", "CLN", "TMD"];

/** A square of `size` degrees with its south-west corner at (lon, lat), as a zone. */
const cell = (id: string, code: string, lon: number, lat: number, size: number): Feature => ({
  type: "Feature",
  id,
  properties: { land_use_code: code },
  geometry: {
    type: "Polygon",
    coordinates: [
      [
        [lon, lat],
        [lon + size, lat],
        [lon + size, lat + size],
        [lon, lat + size],
        [lon, lat],
      ],
    ],
  },
});

/**
 * A current plan of n × n zones (0.001° squares from 105.8° E, 21° N, codes cycling) and a proposal
 * that changes the code of every third zone, leaves out the last one and adds a zone east of the
 * grid: neighbours sharing edges, identical pairs, changed, added and removed pieces. Generated, so
 * a test can ask for as many zones as it needs without committing them.
 */
export function compareGrid(n: number): {
  current: FeatureCollection;
  proposal: FeatureCollection;
} {
  const size = 0.001;
  const current: Feature[] = [];
  const proposal: Feature[] = [];
  for (let k = 0; k < n * n; k++) {
    const lon = 105.8 + (k % n) * size;
    const lat = 21 + Math.floor(k / n) * size;
    const code = CODES[k % CODES.length] as string;
    current.push(cell(`C-${k}`, code, lon, lat, size));
    if (k === n * n - 1) continue;
    const changed = k % 3 === 0 ? (CODES[(k + 1) % CODES.length] as string) : code;
    proposal.push(cell(`P-${k}`, changed, lon, lat, size));
  }
  proposal.push(cell("P-new", "DGT", 105.8 + n * size + 0.002, 21, size));
  return {
    current: { type: "FeatureCollection", features: current },
    proposal: { type: "FeatureCollection", features: proposal },
  };
}
