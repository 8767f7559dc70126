import { featureCollection, point, voronoi } from "@turf/turf";
import type { Position } from "geojson";
import { localFrame } from "./local-frame";
import { type AreaGeometry, intersectAreas } from "./polygon-clip";

/**
 * The Voronoi cell of every seed, clipped to `area`: cells of seeds inside `area` tile it with no
 * gap and no overlap. The diagram is computed in a local metric frame (in kilometres), so cells are
 * not stretched east–west as they would be in raw degrees; the frame is affine, so straight cell
 * edges stay straight in lon/lat. Returns one entry per seed, null where nothing of the cell is
 * left. Seeds must be distinct.
 */
export function voronoiCells(
  seeds: readonly Position[],
  area: AreaGeometry,
  areaBbox: [number, number, number, number],
): (AreaGeometry | null)[] {
  if (seeds.length === 0) return [];
  const [west, south, east, north] = areaBbox;
  const frame = localFrame([(west + east) / 2, (south + north) / 2]);
  const km = (p: Position) => frame.toMetres(p).map((v) => v / 1000) as [number, number];
  const [minX, minY] = km([west, south]);
  const [maxX, maxY] = km([east, north]);
  const margin = 1;
  const diagram = voronoi(featureCollection(seeds.map((seed) => point(km(seed)))), {
    bbox: [minX - margin, minY - margin, maxX + margin, maxY + margin],
  });
  return diagram.features.map((cell) => {
    if (!cell?.geometry) return null;
    const ring = (cell.geometry.coordinates[0] ?? []).map((p) =>
      frame.toLonLat([(p[0] as number) * 1000, (p[1] as number) * 1000]),
    );
    return intersectAreas({ type: "Polygon", coordinates: [ring] }, area);
  });
}
