import type { BBox, Position } from "geojson";
import { hexLattice } from "./hex-lattice";
import { localFrame, planarDistance } from "./local-frame";
import type { CityStructure } from "./structure-schema";

export type IndustrialPark = CityStructure["industrialParks"][number];

/** A zone seed: the zone grows around it, and its position decides the zone's land use. */
export type Seed = {
  /** Stable key: "L:i,j" for lattice nodes, "IP:<id>" for a park, "IP:<id>:k" for its ring. */
  key: string;
  position: Position;
  /** The industrial park whose zone this seed makes, if any. */
  park: IndustrialPark | null;
};

/** Seeds closer than this are merged (Voronoi needs distinct sites), in metres. */
const MIN_SEED_GAP_M = 1;

/**
 * Radius (m) of the hexagon of area `areaHa`, measured centre to edge: a park seed with six ring
 * seeds at twice this distance gets a Voronoi cell of about the park's area.
 */
export function parkInradiusM(areaHa: number): number {
  return Math.sqrt((areaHa * 10_000) / (2 * Math.sqrt(3)));
}

/**
 * All zone seeds of the structure within `bbox`: the jittered lattice (finer where `densify` says)
 * plus, for each industrial park, a seed at the park and a ring of six seeds around it that bounds
 * its cell to about the park's area. Lattice seeds inside a park's ring are dropped, so nothing
 * cuts into the park.
 */
export function structureSeeds(structure: CityStructure, bbox: BBox): Seed[] {
  const { lattice } = structure;
  const frame = localFrame(lattice.origin);
  const densify = lattice.densify.map((d) => ({ ...d, at: frame.toMetres(d.center) }));
  const stepAt = (position: Position) => {
    const here = frame.toMetres(position);
    let step = lattice.defaultStep;
    for (const area of densify) {
      if (planarDistance(here, area.at) <= area.radiusM) step = Math.min(step, area.step);
    }
    return step;
  };
  const parks = structure.industrialParks.map((park) => ({
    park,
    at: frame.toMetres(park.point),
    ringM: 2 * parkInradiusM(park.areaHa),
  }));
  const insideOtherPark = (position: Position, except: IndustrialPark | null) => {
    const here = frame.toMetres(position);
    return parks.some((p) => p.park !== except && planarDistance(here, p.at) < p.ringM * 1.05);
  };

  const candidates: Seed[] = [];
  for (const { park, at, ringM } of parks) {
    candidates.push({ key: `IP:${park.id}`, position: park.point, park });
    for (let k = 0; k < 6; k++) {
      const angle = (k * Math.PI) / 3;
      const position = frame.toLonLat([
        at[0] + ringM * Math.cos(angle),
        at[1] + ringM * Math.sin(angle),
      ]);
      if (!insideOtherPark(position, park)) {
        candidates.push({ key: `IP:${park.id}:${k}`, position, park: null });
      }
    }
  }
  for (const node of hexLattice({
    bbox,
    origin: lattice.origin,
    spacingM: lattice.spacingM,
    jitter: lattice.jitter,
    seed: structure.seed,
    stepAt,
  })) {
    if (!insideOtherPark(node.position, null)) {
      candidates.push({ key: `L:${node.key}`, position: node.position, park: null });
    }
  }

  const kept: Seed[] = [];
  const keptMetres: [number, number][] = [];
  for (const seed of candidates) {
    const here = frame.toMetres(seed.position);
    if (keptMetres.some((other) => planarDistance(here, other) < MIN_SEED_GAP_M)) continue;
    kept.push(seed);
    keptMetres.push(here);
  }
  return kept;
}
