import type { Feature, Geometry, Position } from "geojson";
import { featureId } from "../../core/check/feature-id";
import type { PreparedGeometry } from "../../core/check/prepared-geometry";
import { areaOf, preparedPolygons, prepareGeometry } from "../../core/check/prepared-geometry";
import type { CopyRow } from "./copy-rows";

/**
 * The polygonal part of a geometry as the in-process engine prepares it (`prepareGeometry`: rings
 * without repeated positions, too-short rings dropped), written back as a GeoJSON MultiPolygon with
 * closed rings; null when nothing polygonal is left. Both engines then clip the same polygons.
 */
export function preparedPolygonText(g: PreparedGeometry | null): string | null {
  if (!g) return null;
  return JSON.stringify({ type: "MultiPolygon", coordinates: preparedPolygons(g) });
}

const validPosition = (p: unknown): boolean =>
  Array.isArray(p) &&
  Number.isFinite(p[0]) &&
  Number.isFinite(p[1]) &&
  Math.abs(p[0] as number) <= 180 &&
  Math.abs(p[1] as number) <= 90;

/**
 * A geometry PostGIS can be given: positions that are no longitude/latitude (null, out of range)
 * left out — PostGIS would read a null as 0 — and the first of them described, as the in-process
 * engine's buffer reports it.
 */
export function loadableGeometry(geometry: Geometry): {
  geometry: Geometry;
  error: string | null;
  /** Positions left out. */
  bad: number;
} {
  let error: string | null = null;
  let bad = 0;
  const clean = (positions: unknown[]): Position[] =>
    positions.filter((p, k) => {
      if (validPosition(p)) return true;
      bad++;
      error ??= `position ${k + 1} of a ${geometry.type}, ${JSON.stringify(p)}, is not a longitude/latitude`;
      return false;
    }) as Position[];
  const walk = (g: Geometry): Geometry => {
    switch (g.type) {
      case "Point":
        return validPosition(g.coordinates)
          ? g
          : { type: "MultiPoint", coordinates: clean([g.coordinates]) };
      case "MultiPoint":
      case "LineString":
        return { ...g, coordinates: clean(g.coordinates) } as Geometry;
      case "MultiLineString":
      case "Polygon":
        return { ...g, coordinates: g.coordinates.map(clean) } as Geometry;
      case "MultiPolygon":
        return { ...g, coordinates: g.coordinates.map((p) => p.map(clean)) };
      case "GeometryCollection":
        return { ...g, geometries: g.geometries.map(walk) };
    }
  };
  const out = walk(geometry);
  return { geometry: error === null ? geometry : out, error, bad };
}

/** Text without U+0000, which PostgreSQL's text and jsonb cannot hold. */
const noNul = (_key: string, value: unknown) =>
  typeof value === "string" && value.includes("\u0000")
    ? value.replaceAll("\u0000", "\uFFFD")
    : value;

/**
 * The COPY rows of a run of a layer's features, one per feature in file order, the first numbered
 * `first` (the PostGIS engine copies a layer a batch at a time as its reader validates it; a
 * streamed feature of `lazyCollection` reads its geometry from the file when asked, read once
 * here): idx, fid (the engine's `featureId`), properties as JSON, the geometry as read (only where
 * the polygonal part is not all of it, or when `raw` asks for it: the rules that look at it), the
 * prepared polygonal part, and — for the features `measured` says a rule checks as its subject (by
 * their attributes: `subjectTest`) — its area as the in-process engine measures it (`areaOf`, m²:
 * the denominator of a finding's `shareOfSubject`). The area is taken here, from the geometry
 * prepared for the polygonal part anyway, so a finding needs neither a geography cast per kept
 * pair in SQL (~35 µs each) nor the subject prepared again in JS, and a streamed layer gets the
 * same number as a layer read whole. Only subjects: the area of all 60 000 features of the
 * 50 000-zone benchmark took longer than that of the kept pairs' subjects it replaces.
 */
export function* layerRows(
  features: Iterable<Feature>,
  raw: boolean,
  measured: (feature: Feature) => boolean = () => true,
  first = 0,
): Generator<CopyRow> {
  let i = first - 1;
  for (const feature of features) {
    i++;
    // read once: a streamed feature reads its geometry from the file each time it is asked
    const geometry: Geometry | null = feature.geometry ?? null;
    const prepared = prepareGeometry(geometry);
    const poly = preparedPolygonText(prepared);
    const polygonal = geometry?.type === "Polygon" || geometry?.type === "MultiPolygon";
    const loadable = geometry && (raw || !polygonal) ? loadableGeometry(geometry) : null;
    const gj = loadable ? JSON.stringify(loadable.geometry) : null;
    const props = JSON.stringify(feature.properties ?? {}, noNul);
    const area = prepared && measured(feature) ? areaOf(prepared) : null;
    yield [
      i,
      featureId(feature, i),
      props,
      gj,
      poly,
      loadable?.error ?? null,
      loadable?.bad ?? 0,
      area,
    ];
  }
}
