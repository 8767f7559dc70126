import type { Feature, FeatureCollection, Geometry, Position } from "geojson";
import { flatCoordinatesOf, flatEndList, flatFirstList } from "../geo/flat-coordinates";

/** What the numbers of a position look like. */
export type PositionKind = "lonlat" | "latlon" | "metres-en" | "metres-ne" | "other";

type Box = { minX: number; maxX: number; minY: number; maxY: number };

/**
 * Vietnam in lon/lat, with a margin: the mainland (102.1–109.5° E, 8.3–23.4° N, EPSG's area of
 * use "Vietnam – onshore") and the islands out to 117.5° E.
 */
export const VIETNAM_LONLAT: Box = { minX: 101.5, maxX: 117.5, minY: 6, maxY: 24 };

/**
 * Vietnam in projected metres of the VN-2000 TM-3 zones and UTM 48N/49N (E, N): false easting
 * 500 km ± 350 km, northings of 8–24° N. Easting never reaches 1 000 km and northing never falls
 * below it, so the order of the two numbers can be told (survey tables write N first).
 */
export const VIETNAM_METRES: Box = { minX: 150_000, maxX: 850_000, minY: 880_000, maxY: 2_660_000 };

/**
 * Hà Nội in EPSG:5897, with a margin (`../shared/domain/vietnam-planning.md` §4: E ≈ 529.3–606.2
 * km, N ≈ 2 274.7–2 366.0 km). UTM 48N data of Hà Nội fall in the same window (N ≈ 700 m lower).
 */
export const HANOI_TM3: Box = { minX: 520_000, maxX: 615_000, minY: 2_265_000, maxY: 2_375_000 };

export const isInBox = (box: Box, x: number, y: number) =>
  x >= box.minX && x <= box.maxX && y >= box.minY && y <= box.maxY;

/** The kind of a position's first two numbers (non-finite ones are "other"). */
export function positionKind(x: number, y: number): PositionKind {
  if (isInBox(VIETNAM_LONLAT, x, y)) return "lonlat";
  if (isInBox(VIETNAM_LONLAT, y, x)) return "latlon";
  if (isInBox(VIETNAM_METRES, x, y)) return "metres-en";
  if (isInBox(VIETNAM_METRES, y, x)) return "metres-ne";
  return "other";
}

/** The sample as the CRS decision sees it. */
export type SampleShape = {
  /** Positions with two finite numbers. */
  finite: number;
  /** How many positions are of each kind. */
  counts: Record<PositionKind, number>;
  /** Of the metre positions, how many lie in Hà Nội's TM-3 window (in their order). */
  hanoi: { "metres-en": number; "metres-ne": number };
  /** The box of the positions of each kind, as written (x = first number). */
  boxes: Record<PositionKind, Box | null>;
};

const grow = (box: Box | null, x: number, y: number): Box =>
  box === null
    ? { minX: x, maxX: x, minY: y, maxY: y }
    : {
        minX: Math.min(box.minX, x),
        maxX: Math.max(box.maxX, x),
        minY: Math.min(box.minY, y),
        maxY: Math.max(box.maxY, y),
      };

/** Counts and boxes of the kinds of positions in `sample`. */
export function describeSample(sample: readonly Position[]): SampleShape {
  const shape: SampleShape = {
    finite: 0,
    counts: { lonlat: 0, latlon: 0, "metres-en": 0, "metres-ne": 0, other: 0 },
    hanoi: { "metres-en": 0, "metres-ne": 0 },
    boxes: { lonlat: null, latlon: null, "metres-en": null, "metres-ne": null, other: null },
  };
  for (const position of sample) {
    const x = position[0];
    const y = position[1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
    const [px, py] = [x as number, y as number];
    shape.finite++;
    const kind = positionKind(px, py);
    shape.counts[kind]++;
    shape.boxes[kind] = grow(shape.boxes[kind], px, py);
    if (kind === "metres-en" && isInBox(HANOI_TM3, px, py)) shape.hanoi["metres-en"]++;
    if (kind === "metres-ne" && isInBox(HANOI_TM3, py, px)) shape.hanoi["metres-ne"]++;
  }
  return shape;
}

/** Most features a sample is taken from; positions per feature. */
const SAMPLE_FEATURES = 1000;
const POSITIONS_PER_FEATURE = 4;

/**
 * Deepest GeometryCollection nesting walked: GeoJSON advises against nesting them at all, and a
 * hostile file must not overflow the stack; deeper ones are left for validation to report.
 */
export const MAX_COLLECTION_DEPTH = 8;
/** Arrays above a position in any geometry's coordinates (MultiPolygon: polygons, rings, positions). */
const MAX_COORDINATE_DEPTH = 4;

function collectPositions(
  geometry: Geometry | null,
  into: Position[],
  limit: number,
  depth = 0,
): void {
  if (!geometry || into.length >= limit) return;
  if (geometry.type === "GeometryCollection") {
    if (!Array.isArray(geometry.geometries) || depth >= MAX_COLLECTION_DEPTH) return;
    for (const part of geometry.geometries) collectPositions(part, into, limit, depth + 1);
    return;
  }
  const flat = flatCoordinatesOf(geometry);
  if (flat) {
    // the same positions in the same order (a geometry's lists are contiguous), read without
    // building the geometry's arrays
    const { values, lists } = flat.store;
    const first = flatFirstList(flat);
    const end = flatEndList(flat);
    const to = lists[end] as number;
    for (let i = lists[first] as number; i < to && into.length < limit; i += 2) {
      into.push([values[i] as number, values[i + 1] as number]);
    }
    return;
  }
  const visit = (value: unknown, level: number): void => {
    if (into.length >= limit || !Array.isArray(value) || level > MAX_COORDINATE_DEPTH) return;
    if (typeof value[0] === "number") {
      into.push(value as Position);
      return;
    }
    for (const item of value) {
      visit(item, level + 1);
      if (into.length >= limit) return;
    }
  };
  visit((geometry as { coordinates?: unknown }).coordinates, 0);
}

/**
 * Positions to decide a collection's CRS from: the first few of up to 1 000 features spread evenly
 * over the collection (so the sample spans the whole file, not its first corner).
 */
export function samplePositions(collection: FeatureCollection): Position[] {
  const features: readonly Feature[] = collection.features;
  const step = Math.max(1, features.length / SAMPLE_FEATURES);
  const sample: Position[] = [];
  for (let at = 0; at < features.length; at += step) {
    const feature = features[Math.floor(at)];
    const before = sample.length;
    collectPositions(feature?.geometry ?? null, sample, before + POSITIONS_PER_FEATURE);
  }
  return sample;
}
