import { childOf, childrenOf, nameOf, numbersOf, parseWkt, type WktNode } from "./wkt-tree";

/** What a WKT says about a CRS, read from its element tree (WKT1 ESRI/OGC/GDAL or WKT2). */
export type WktCrs = {
  kind: "geographic" | "projected" | "other";
  /** The CRS's name, its geographic CRS's and its datum's, as written (when there). */
  names: { crs: string | null; geographic: string | null; datum: string | null };
  /** Semi-major axis (m) and inverse flattening of the ellipsoid, when given. */
  ellipsoid: { a: number; inverseFlattening: number } | null;
  /** The TOWGS84 numbers (3 or 7), when given. */
  toWgs84: number[] | null;
  /** Projection method name and parameters in degrees and metres (projected CRSs only). */
  projection: {
    method: string | null;
    centralMeridian: number | null;
    latitudeOfOrigin: number | null;
    scale: number | null;
    falseEasting: number | null;
    falseNorthing: number | null;
  } | null;
  /** Metres per unit of the projected coordinates (1 for metres). */
  metresPerUnit: number;
  /** The CRS's own authority code (`AUTHORITY["EPSG","5897"]`, `ID["EPSG",5897]`), when EPSG. */
  epsg: number | null;
};

const PROJECTED = ["PROJCS", "PROJCRS", "PROJECTEDCRS"];
const GEOGRAPHIC = ["GEOGCS", "GEOGCRS", "GEOGRAPHICCRS", "GEODCRS", "GEODETICCRS"];
const BASE_GEOGRAPHIC = [...GEOGRAPHIC, "BASEGEOGCRS", "BASEGEODCRS"];
const DATUM = ["DATUM", "GEODETICDATUM", "TRF", "ENSEMBLE"];
const ELLIPSOID = ["SPHEROID", "ELLIPSOID"];
const RADIANS_PER_DEGREE = Math.PI / 180;

/** "Central_Meridian", "central meridian", "Longitude of natural origin" → "centralmeridian", … */
export const normalisedName = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, "");

/** Which projection parameter a WKT parameter name is, across ESRI, OGC and EPSG (WKT2) names. */
const PARAMETER_NAMES: ReadonlyMap<string, keyof NonNullable<WktCrs["projection"]>> = new Map([
  ["centralmeridian", "centralMeridian"],
  ["longitudeofnaturalorigin", "centralMeridian"],
  ["longitudeoforigin", "centralMeridian"],
  ["latitudeoforigin", "latitudeOfOrigin"],
  ["latitudeofnaturalorigin", "latitudeOfOrigin"],
  ["scalefactor", "scale"],
  ["scalefactoratnaturalorigin", "scale"],
  ["falseeasting", "falseEasting"],
  ["falsenorthing", "falseNorthing"],
]);

/** A WKT1 `UNIT["metre",1]` / WKT2 `LENGTHUNIT["metre",1]` factor, or null. */
const unitFactor = (node: WktNode | null): number | null => {
  const factor = numbersOf(node)[0];
  return factor !== undefined && factor > 0 ? factor : null;
};

/** The EPSG code of an `AUTHORITY["EPSG","5897"]` or `ID["EPSG",5897]` child of `node`. */
function epsgOf(node: WktNode): number | null {
  const id = childOf(node, "AUTHORITY", "ID");
  if (!id || normalisedName(nameOf(id) ?? "") !== "epsg") return null;
  const code = Number(id.args[1]);
  return Number.isInteger(code) && code > 0 ? code : null;
}

/** The horizontal CRS inside a BOUNDCRS or compound CRS, or `node` itself. */
function horizontalCrs(node: WktNode): WktNode {
  if (node.keyword === "BOUNDCRS") {
    const source = childOf(node, "SOURCECRS");
    const inner = source?.args.find((arg): arg is WktNode => typeof arg === "object");
    return inner ? horizontalCrs(inner) : node;
  }
  if (node.keyword === "COMPD_CS" || node.keyword === "COMPOUNDCRS") {
    return childOf(node, ...PROJECTED, ...GEOGRAPHIC) ?? node;
  }
  return node;
}

/** The seven Helmert parameters of a WKT2 transformation, by their EPSG names. */
const HELMERT = [
  "xaxistranslation",
  "yaxistranslation",
  "zaxistranslation",
  "xaxisrotation",
  "yaxisrotation",
  "zaxisrotation",
  "scaledifference",
];

const RADIANS_PER_ARC_SECOND = RADIANS_PER_DEGREE / 3600;

/** Whether a BOUNDCRS's target is WGS 84 (by its EPSG code or its or its datum's name). */
function targetsWgs84(root: WktNode): boolean {
  const target = childOf(root, "TARGETCRS")?.args.find(
    (arg): arg is WktNode => typeof arg === "object",
  );
  if (!target) return false;
  if (epsgOf(target) === 4326) return true;
  return [nameOf(target), nameOf(childOf(target, ...DATUM))].some(
    (name) => name !== null && /^(wgs84|worldgeodeticsystem1984)/.test(normalisedName(name)),
  );
}

/**
 * One Helmert parameter of an abridged transformation in TOWGS84's units (metres, arc-seconds,
 * ppm). PROJ writes no units (metres, arc-seconds) and the scale as a ratio (1.00000025290628);
 * a scale far from 1 can only be ppm (0.252906278). A unit given is honoured (PROJ 9.1 ignores
 * it); the shift only decides whether the file is VN-2000 and what to say — the reprojection
 * always uses EPSG:6960's.
 */
function helmertValue(name: string, parameter: WktNode, value: number): number {
  if (name.includes("translation"))
    return value * (unitFactor(childOf(parameter, "LENGTHUNIT")) ?? 1);
  if (name.includes("rotation")) {
    const radians = unitFactor(childOf(parameter, "ANGLEUNIT"));
    return radians === null ? value : (value * radians) / RADIANS_PER_ARC_SECOND;
  }
  const factor = unitFactor(childOf(parameter, "SCALEUNIT"));
  if (factor === null) return Math.abs(value - 1) < 1e-3 ? (value - 1) * 1e6 : value;
  const unity = value * factor;
  return (Math.abs(unity - 1) < 1e-3 ? unity - 1 : unity) * 1e6;
}

/**
 * A BOUNDCRS's shift to WGS 84 (`ABRIDGEDTRANSFORMATION`) as a TOWGS84 would write it (position
 * vector: a coordinate-frame method's rotations change sign), or null when it is not a Helmert
 * (at least the three translations) or not to WGS 84 — a shift to another datum is no TOWGS84.
 */
function boundShift(root: WktNode): number[] | null {
  const transformation = childOf(root, "ABRIDGEDTRANSFORMATION");
  if (!transformation || !targetsWgs84(root)) return null;
  // a Map, not an object: parameter names come from the file
  const values = new Map<string, number>();
  for (const parameter of childrenOf(transformation, "PARAMETER")) {
    const name = normalisedName(nameOf(parameter) ?? "");
    const value = numbersOf(parameter)[0];
    if (HELMERT.includes(name) && value !== undefined)
      values.set(name, helmertValue(name, parameter, value));
  }
  const shift = HELMERT.map(
    (name) => values.get(name) ?? (name.includes("translation") ? Number.NaN : 0),
  );
  if (shift.some(Number.isNaN)) return null;
  const method = normalisedName(nameOf(childOf(transformation, "METHOD")) ?? "");
  if (method.includes("coordinateframe"))
    for (const i of [3, 4, 5]) shift[i] = -(shift[i] as number);
  return shift;
}

/**
 * The projection of a projected CRS: WKT1 writes `PROJECTION` and `PARAMETER`s on the CRS itself,
 * linear ones in the CRS's unit; WKT2 writes a `CONVERSION` with a `METHOD` and `PARAMETER`s, each
 * with its own unit.
 */
function readProjection(crs: WktNode, metresPerUnit: number): WktCrs["projection"] {
  const conversion = childOf(crs, "CONVERSION");
  const holder = conversion ?? crs;
  const method = nameOf(childOf(holder, "PROJECTION", "METHOD"));
  const projection: NonNullable<WktCrs["projection"]> = {
    method,
    centralMeridian: null,
    latitudeOfOrigin: null,
    scale: null,
    falseEasting: null,
    falseNorthing: null,
  };
  for (const parameter of childrenOf(holder, "PARAMETER")) {
    // a Map, not an object: a parameter named "constructor" must find nothing
    const key = PARAMETER_NAMES.get(normalisedName(nameOf(parameter) ?? ""));
    const value = numbersOf(parameter)[0];
    if (!key || key === "method" || value === undefined) continue;
    const angle = unitFactor(childOf(parameter, "ANGLEUNIT"));
    const length = unitFactor(childOf(parameter, "LENGTHUNIT"));
    if (key === "falseEasting" || key === "falseNorthing") {
      projection[key] = value * (length ?? (conversion ? 1 : metresPerUnit));
    } else if (key === "scale") projection[key] = value;
    else projection[key] = angle === null ? value : (value * angle) / RADIANS_PER_DEGREE;
  }
  return projection;
}

/** Metres per unit of a projected CRS: its `UNIT`/`LENGTHUNIT`, else its axes', else 1. */
function linearUnit(crs: WktNode): number {
  const own = unitFactor(childOf(crs, "UNIT", "LENGTHUNIT"));
  if (own !== null) return own;
  const cs = childOf(crs, "CS");
  for (const axis of childrenOf(crs, "AXIS").concat(cs ? childrenOf(cs, "AXIS") : [])) {
    const factor = unitFactor(childOf(axis, "LENGTHUNIT", "UNIT"));
    if (factor !== null) return factor;
  }
  return 1;
}

/**
 * What a WKT text says about its CRS, or null when the text is not WKT. Reads WKT1 (ESRI's
 * `PROJCS["VN_2000_…",GEOGCS["GCS_VN_2000",DATUM["D_Vietnam_2000",…`, OGC/GDAL's with `TOWGS84`
 * and `AUTHORITY`) and WKT2 (`PROJCRS`, `BASEGEOGCRS`, `CONVERSION`, `ID`, also inside `BOUNDCRS`).
 */
export function readWktCrs(text: string): WktCrs | null {
  const root = parseWkt(text.trim());
  if (!root) return null;
  const crs = horizontalCrs(root);
  const projected = PROJECTED.includes(crs.keyword);
  const geographicCrs = projected ? childOf(crs, ...BASE_GEOGRAPHIC) : crs;
  const kind = projected ? "projected" : GEOGRAPHIC.includes(crs.keyword) ? "geographic" : "other";
  const datum = geographicCrs ? childOf(geographicCrs, ...DATUM) : null;
  const ellipsoidNode = datum ? childOf(datum, ...ELLIPSOID) : null;
  const [a, inverseFlattening] = numbersOf(ellipsoidNode);
  const toWgs84 = datum ? numbersOf(childOf(datum, "TOWGS84")) : [];
  const bound = root.keyword === "BOUNDCRS" ? boundShift(root) : null;
  const metresPerUnit = projected ? linearUnit(crs) : 1;
  return {
    kind,
    names: {
      crs: nameOf(crs),
      geographic: projected ? nameOf(geographicCrs) : null,
      datum: nameOf(datum),
    },
    ellipsoid: a !== undefined && inverseFlattening !== undefined ? { a, inverseFlattening } : null,
    toWgs84: toWgs84.length >= 3 ? toWgs84 : bound,
    projection: projected ? readProjection(crs, metresPerUnit) : null,
    metresPerUnit,
    epsg: epsgOf(crs),
  };
}
