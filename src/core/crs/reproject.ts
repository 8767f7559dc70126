import type { Feature, FeatureCollection, Geometry, Position } from "geojson";
import proj4, { type ProjectionDefinition } from "proj4";
import { coordinateDepth } from "../geo/coordinate-depth";
import { CRS_DEFINITIONS, type CrsChoice, type CrsId } from "./crs-definitions";
import { MAX_COLLECTION_DEPTH } from "./sample-shape";

/** One position in the choice's CRS and order → [lon, lat] WGS84, or null when it cannot be. */
export type ToWgs84 = (position: Position) => Position | null;

const projections = new Map<CrsId, ProjectionDefinition>();

/** proj4's parsed projection of a CRS, built once (building parses the definition). */
function projectionOf(id: CrsId): ProjectionDefinition {
  let projection = projections.get(id);
  if (!projection) {
    projection = proj4.Proj(CRS_DEFINITIONS[id].proj4) as ProjectionDefinition;
    projections.set(id, projection);
  }
  return projection;
}

const isFiniteNumber = (value: unknown): value is number =>
  typeof value === "number" && Number.isFinite(value);

/**
 * The transform of one position from `choice` to WGS84 [lon, lat]: the two numbers taken in the
 * choice's order (`yx`: northing or latitude first), projected by proj4, heights dropped. Null for a
 * position without two finite numbers or one proj4 cannot place (it returns non-finite numbers).
 */
export function positionToWgs84(choice: CrsChoice): ToWgs84 {
  const [first, second] = choice.axis === "xy" ? [0, 1] : [1, 0];
  if (choice.id === "EPSG:4326") {
    return (position) => {
      const lon = position[first];
      const lat = position[second];
      return isFiniteNumber(lon) && isFiniteNumber(lat) ? [lon, lat] : null;
    };
  }
  const source = projectionOf(choice.id);
  const wgs84 = projectionOf("EPSG:4326");
  return (position) => {
    const x = position[first];
    const y = position[second];
    if (!isFiniteNumber(x) || !isFiniteNumber(y)) return null;
    // proj4.transform with an {x, y, z} point: the converter's array form deletes `z` from each
    // result (a slow property delete) and wraps the point twice; z = 0 is VN-2000's datum surface
    const out = proj4.transform(source, wgs84, { x, y, z: 0 });
    return out && isFiniteNumber(out.x) && isFiniteNumber(out.y) ? [out.x, out.y] : null;
  };
}

/**
 * The inverse of {@link positionToWgs84} for `id` (in its own `xy` order): WGS84 [lon, lat] → the
 * CRS's [E, N] (or [lon, lat]). For tests and for showing a WGS84 point in a file's CRS.
 */
export function positionFromWgs84(id: CrsId): (lonLat: Position) => Position {
  if (id === "EPSG:4326") return (lonLat) => [lonLat[0] as number, lonLat[1] as number];
  const target = projectionOf(id);
  const wgs84 = projectionOf("EPSG:4326");
  return (lonLat) => {
    const out = proj4.transform(wgs84, target, {
      x: lonLat[0] as number,
      y: lonLat[1] as number,
      z: 0,
    });
    return out ? [out.x, out.y] : [Number.NaN, Number.NaN];
  };
}

/** Progress reports of {@link reproject}: features done of all. */
export type ReprojectOptions = { onProgress?: (done: number, total: number) => void };

/** Features between checks of the clock for a progress report. */
const PROGRESS_EVERY = 512;
/** Least time between two progress reports (ms). */
const PROGRESS_INTERVAL_MS = 50;

/**
 * `collection` with every position moved from `choice` to WGS84 [lon, lat] — a new collection;
 * properties and ids are shared with the input, not copied.
 *
 * Heights are dropped: every position comes out 2D. VN-2000 heights are above the geoid and the
 * datum shift here is horizontal, so a height carried along would mean nothing; the proposal step,
 * which sees the file's positions, says when a file had them. A position that cannot be moved (not
 * two finite numbers, or out of the projection's reach) is kept exactly as it was, so validation
 * still reports it with the file's own numbers. `bbox` members (in the old CRS) and a legacy `crs`
 * member are left out: they would be wrong.
 *
 * Speed: one proj4 converter (parsed projections, built once) for the whole collection; about
 * 1 µs of CPU a VN-2000 position — 1 million in about 1 s, two thirds of it proj4's datum shift —
 * so a 100 000-feature file of 20-vertex zones takes about 2 s. It runs synchronously: run it in a
 * Worker and cancel by ending that; `onProgress` is called at most every 50 ms.
 */
export function reproject(
  collection: FeatureCollection,
  choice: CrsChoice,
  options: ReprojectOptions = {},
): FeatureCollection {
  const toWgs84 = positionToWgs84(choice);
  const movePosition = (position: Position): Position => toWgs84(position) ?? position;
  const { onProgress } = options;
  const total = collection.features.length;
  let lastReport = onProgress ? performance.now() : 0;
  const features = collection.features.map((feature, index): Feature => {
    if (onProgress && index % PROGRESS_EVERY === 0 && index > 0) {
      const now = performance.now();
      if (now - lastReport >= PROGRESS_INTERVAL_MS) {
        lastReport = now;
        onProgress(index, total);
      }
    }
    const { bbox: _bbox, ...rest } = feature;
    // a null geometry (the type says never; files say otherwise) stays null
    return { ...rest, geometry: moveGeometry(feature.geometry, movePosition) as Geometry };
  });
  onProgress?.(total, total);
  const { bbox: _bbox, crs: _crs, ...rest } = collection as FeatureCollection & { crs?: unknown };
  return { ...rest, features };
}

/**
 * `value` (positions nested `depth` arrays deep) with every position moved. Whatever is not an
 * array where one should be is kept as it was: malformed input is for validation to report, not
 * to throw on here.
 */
function moveNested(value: unknown, depth: number, move: (p: Position) => Position): unknown {
  if (!Array.isArray(value)) return value;
  if (depth === 0) return move(value);
  const moved = new Array(value.length);
  for (let i = 0; i < value.length; i++) moved[i] = moveNested(value[i], depth - 1, move);
  return moved;
}

/**
 * `geometry` with its positions moved; a geometry of unknown type, or collections nested deeper
 * than {@link MAX_COLLECTION_DEPTH}, are kept as they were.
 */
function moveGeometry(
  geometry: Geometry | null,
  move: (p: Position) => Position,
  depth = 0,
): Geometry | null {
  if (!geometry) return geometry;
  const { bbox: _bbox, ...rest } = geometry;
  if (geometry.type === "GeometryCollection") {
    if (!Array.isArray(geometry.geometries) || depth >= MAX_COLLECTION_DEPTH) return geometry;
    const geometries = geometry.geometries.map(
      (part) => moveGeometry(part, move, depth + 1) as Geometry,
    );
    return { ...rest, type: "GeometryCollection", geometries };
  }
  const nesting = coordinateDepth(geometry.type);
  if (nesting === undefined) return geometry;
  return { ...rest, coordinates: moveNested(geometry.coordinates, nesting, move) } as Geometry;
}
