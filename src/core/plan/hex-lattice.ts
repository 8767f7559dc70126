import type { BBox, Position } from "geojson";
import { localFrame } from "./local-frame";
import { keyedRandom } from "./prng";

/** One seed of the lattice: its axial node (i, j), a stable key and its jittered position. */
export type LatticeSeed = { key: string; i: number; j: number; position: Position };

export type LatticeOptions = {
  /** [west, south, east, north] in degrees: nodes are laid over this box. */
  bbox: BBox;
  /** Node (0, 0) sits here, so the lattice does not move when the box changes. */
  origin: Position;
  /** Distance between neighbouring nodes of the finest lattice, in metres. */
  spacingM: number;
  /** Largest jitter as a fraction of the local node spacing (0 = a perfect lattice). */
  jitter: number;
  seed: number;
  /**
   * Coarseness at a position: 1 keeps every node, k keeps every k-th node along both axes, which is
   * again a hexagonal lattice, k times wider. Coarser steps give bigger zones.
   */
  stepAt: (position: Position) => number;
};

const SIN60 = Math.sqrt(3) / 2;

/**
 * A jittered hexagonal lattice of seeds whose density varies with `stepAt`. Node (i, j) sits at
 * i·a1 + j·a2 with a1 = (s, 0), a2 = (s/2, s·√3/2) in a local metric frame; each kept node moves by
 * a jitter drawn from a PRNG keyed by the seed and the node, so a node's position never depends on
 * any other node. Seeds come in row order (j, then i).
 */
export function hexLattice(options: LatticeOptions): LatticeSeed[] {
  const { bbox, spacingM: s, jitter, seed, stepAt } = options;
  const frame = localFrame(options.origin);
  const [west, south, east, north] = bbox as [number, number, number, number];
  const [minX, minY] = frame.toMetres([west, south]);
  const [maxX, maxY] = frame.toMetres([east, north]);
  const rowHeight = s * SIN60;
  const seeds: LatticeSeed[] = [];
  for (let j = Math.floor(minY / rowHeight) - 1; j <= Math.ceil(maxY / rowHeight) + 1; j++) {
    const shift = (s * j) / 2;
    for (let i = Math.floor((minX - shift) / s) - 1; i <= Math.ceil((maxX - shift) / s) + 1; i++) {
      const x = s * i + shift;
      const y = rowHeight * j;
      const step = Math.max(1, Math.round(stepAt(frame.toLonLat([x, y]))));
      if (mod(i, step) !== 0 || mod(j, step) !== 0) continue;
      const random = keyedRandom(seed, `node:${i},${j}`);
      const reach = jitter * step * s;
      const jx = x + (random() * 2 - 1) * reach;
      const jy = y + (random() * 2 - 1) * reach;
      if (jx < minX || jx > maxX || jy < minY || jy > maxY) continue;
      seeds.push({ key: `${i},${j}`, i, j, position: frame.toLonLat([jx, jy]) });
    }
  }
  return seeds;
}

function mod(value: number, divisor: number): number {
  return ((value % divisor) + divisor) % divisor;
}
