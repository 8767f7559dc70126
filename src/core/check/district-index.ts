import Flatbush from "flatbush";
import type { FeatureCollection, Position } from "geojson";
import type { ClipKernel } from "./kernel";
import { metersPerDegree } from "./local-metric";
import { madeValid } from "./made-valid";
import { containsPoint, type PreparedGeometry, prepareGeometry } from "./prepared-geometry";
import { relate } from "./relate";
import type { Polygons } from "./types";

/** Pieces up to this (m², planar estimate) do not put a finding in a district: digitising noise. */
const MIN_SHARE_SQUARE_METERS = 1;

/** A district polygon and its code. */
export type District = { code: string; geometry: PreparedGeometry };

/** Spatial index over district polygons, to say which districts a finding lies in. */
export type DistrictIndex = {
  districts: District[];
  tree: Flatbush | null;
};

/** District code: `properties.code`, else the feature id. */
function districtCode(properties: Record<string, unknown> | null, id: unknown, index: number) {
  const code = properties?.code;
  if (typeof code === "string" || typeof code === "number") return String(code);
  if (typeof id === "string" || typeof id === "number") return String(id);
  return String(index);
}

/**
 * Indexes district polygons (code from `properties.code`, else the feature id), an invalid one
 * repaired as the rules' polygons are (`madeValid`: `ST_MakeValid(g, 'method=structure')`): a
 * bow-tie district is both its lobes, a hole outside its shell an island of the district. As
 * written, each engine read it its own way (GEOS refused to clip a bow-tie, so a quota over it was
 * not computed in PostGIS; a hole outside the shell placed no finding there in PostGIS, one in
 * process). The PostGIS engine loads these same repaired polygons (`loadDistricts`).
 */
export function buildDistrictIndex(collection: FeatureCollection | undefined): DistrictIndex {
  const districts: District[] = [];
  for (const [index, feature] of (collection?.features ?? []).entries()) {
    const geometry = madeValid(prepareGeometry(feature.geometry));
    if (geometry) {
      districts.push({ code: districtCode(feature.properties, feature.id, index), geometry });
    }
  }
  if (districts.length === 0) return { districts, tree: null };
  const tree = new Flatbush(districts.length);
  for (const d of districts) tree.add(...d.geometry.bbox);
  tree.finish();
  return { districts, tree };
}

function planarAreaSquareMeters(polygons: Polygons): number {
  let sum = 0;
  for (const part of polygons) {
    part.forEach((ring, k) => {
      let s = 0;
      let lat = 0;
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const p = ring[i] as Position;
        const q = ring[j] as Position;
        s += ((q[0] as number) - (p[0] as number)) * ((q[1] as number) + (p[1] as number));
        lat = p[1] as number;
      }
      const k2 = metersPerDegree(lat);
      sum += (k === 0 ? 1 : -1) * Math.abs(s / 2) * k2.x * k2.y;
    });
  }
  return sum;
}

/**
 * Codes (sorted) of the districts whose interior a polygonal area meets: whole-inside cases by the
 * cheap relation test, the rest by clipping. A failing clip counts the district in (bounding boxes
 * meet), so a finding is never dropped from a district's list.
 */
export function districtsOfArea(
  index: DistrictIndex,
  area: PreparedGeometry,
  kernel: ClipKernel,
): string[] {
  if (!index.tree) return [];
  const codes = new Set<string>();
  for (const k of index.tree.search(...area.bbox)) {
    const d = index.districts[k] as District;
    const relation = relate(area, d.geometry);
    if (relation.kind === "disjoint") continue;
    if (relation.kind === "subset") {
      codes.add(d.code);
      if (relation.of === "a" && relation.whole) break;
      continue;
    }
    try {
      const piece = kernel.intersection(area.polygons, d.geometry.polygons, { cutToWindow: true });
      if (planarAreaSquareMeters(piece) > MIN_SHARE_SQUARE_METERS) codes.add(d.code);
    } catch {
      codes.add(d.code);
    }
  }
  return [...codes].sort();
}

/** Codes (sorted) of the districts containing any of the points. */
export function districtsOfPoints(index: DistrictIndex, points: Position[]): string[] {
  if (!index.tree) return [];
  const codes = new Set<string>();
  for (const p of points) {
    const x = p[0] as number;
    const y = p[1] as number;
    for (const k of index.tree.search(x, y, x, y)) {
      const d = index.districts[k] as District;
      if (containsPoint(d.geometry, x, y)) codes.add(d.code);
    }
  }
  return [...codes].sort();
}
