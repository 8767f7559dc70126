import type { Feature, FeatureCollection } from "geojson";

const CODES = ["ODT", "LUC", "CLN", "TMD"];

const SIZE = 0.001;
/** Grid line i east or north of the origin: computed once per index, so neighbours share it exactly. */
const lonOf = (i: number) => 105.8 + i * SIZE;
const latOf = (j: number) => 21 + j * SIZE;

/** The grid cell (i, j) (its south-west corner on grid lines i and j) as a zone. */
const cell = (id: string, code: string, i: number, j: number): Feature => ({
  type: "Feature",
  id,
  properties: { land_use_code: code },
  geometry: {
    type: "Polygon",
    coordinates: [
      [
        [lonOf(i), latOf(j)],
        [lonOf(i + 1), latOf(j)],
        [lonOf(i + 1), latOf(j + 1)],
        [lonOf(i), latOf(j + 1)],
        [lonOf(i), latOf(j)],
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
  const current: Feature[] = [];
  const proposal: Feature[] = [];
  for (let k = 0; k < n * n; k++) {
    const [i, j] = [k % n, Math.floor(k / n)];
    const code = CODES[k % CODES.length] as string;
    current.push(cell(`C-${k}`, code, i, j));
    if (k === n * n - 1) continue;
    const changed = k % 3 === 0 ? (CODES[(k + 1) % CODES.length] as string) : code;
    proposal.push(cell(`P-${k}`, changed, i, j));
  }
  proposal.push(cell("P-new", "DGT", n + 2, 0));
  return {
    current: { type: "FeatureCollection", features: current },
    proposal: { type: "FeatureCollection", features: proposal },
  };
}
