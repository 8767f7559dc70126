import { coordinateDepth } from "../../core/geo/coordinate-depth";
import { FLAT_DEPTH, flatCoordinatesOf } from "../../core/geo/flat-coordinates";
import type { Bilingual } from "../../core/validate/validation-issue";

/** One geometry, as a reader hands it on. */
export type Normalized =
  /** Read; `hasZ` when heights were dropped, `merged` when a collection became one Multi*. */
  | { ok: true; geometry: unknown; hasZ: boolean; merged: number }
  /** A collection of different kinds of geometry: no layer can hold it. */
  | { ok: false; message: Bilingual };

/** A position array of 3 or more numbers loses all but x and y; says whether it had any. */
function flat(position: unknown): boolean {
  if (Array.isArray(position) && position.length > 2) {
    position.length = 2;
    return true;
  }
  return false;
}

/** Drops heights of positions `depth` arrays down (0: the position itself). */
function dropHeights(coordinates: unknown, depth: number): boolean {
  if (depth === 0) return flat(coordinates);
  if (!Array.isArray(coordinates)) return false;
  let found = false;
  for (const item of coordinates) if (dropHeights(item, depth - 1)) found = true;
  return found;
}

/** What a homogeneous collection becomes, by the kind of its members. */
const MULTI_OF: Record<string, { multi: string; single: string }> = {
  Point: { multi: "MultiPoint", single: "Point" },
  MultiPoint: { multi: "MultiPoint", single: "Point" },
  LineString: { multi: "MultiLineString", single: "LineString" },
  MultiLineString: { multi: "MultiLineString", single: "LineString" },
  Polygon: { multi: "MultiPolygon", single: "Polygon" },
  MultiPolygon: { multi: "MultiPolygon", single: "Polygon" },
};

type GeometryObject = { type?: unknown; coordinates?: unknown; geometries?: unknown };

const isGeometryObject = (value: unknown): value is GeometryObject =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * A GeometryCollection (a KML MultiGeometry) whose members are all of one kind becomes that kind's
 * Multi* geometry: nothing is lost, and a zone layer can hold it. One of mixed kinds, or holding
 * another collection, cannot be one zone: an error saying what to do.
 */
function mergeCollection(collection: GeometryObject): Normalized {
  const members = Array.isArray(collection.geometries) ? collection.geometries : [];
  if (members.length === 0) return { ok: true, geometry: null, hasZ: false, merged: 0 };
  const kinds = new Set<string>();
  for (const member of members) {
    const type = isGeometryObject(member) ? String(member.type) : typeof member;
    kinds.add(type in MULTI_OF ? (MULTI_OF[type] as { single: string }).single : type);
  }
  const [kind] = kinds;
  const target = kinds.size === 1 && kind ? MULTI_OF[kind] : undefined;
  if (!target) {
    const list = [...kinds].sort().join(", ");
    return {
      ok: false,
      message: {
        vi: `là GeometryCollection gồm nhiều loại hình (${list}), một lớp chỉ chứa một loại; hãy tách thành các đối tượng riêng (QGIS: Vector › Geometry Tools › Multipart to Singleparts) hoặc chỉ giữ phần đa giác`,
        en: `is a GeometryCollection of different kinds (${list}); a layer holds one kind; split it into separate features (QGIS: Vector › Geometry Tools › Multipart to Singleparts) or keep its polygons only`,
      },
    };
  }
  const parts: unknown[] = [];
  for (const member of members as GeometryObject[]) {
    const coordinates = member.coordinates;
    if (member.type === target.multi) {
      if (Array.isArray(coordinates)) parts.push(...coordinates);
      else parts.push(coordinates);
    } else parts.push(coordinates);
  }
  const geometry = { type: target.multi, coordinates: parts };
  const hasZ = dropHeights(parts, coordinateDepth(target.multi) as number);
  return { ok: true, geometry, hasZ, merged: members.length };
}

/**
 * A geometry as every format hands it on: heights (Z) dropped from its positions — the plan is
 * two-dimensional, and a third number would be read as nothing or break the check — and a
 * GeometryCollection merged into one Multi* geometry when it can be. Anything else malformed is
 * passed on untouched, for `validateLayer` to say what is wrong with it. Walks only as deep as the
 * geometry type says: a file's nesting never drives the recursion.
 */
export function normalizeGeometry(geometry: unknown): Normalized {
  if (!isGeometryObject(geometry)) return { ok: true, geometry, hasZ: false, merged: 0 };
  if (geometry.type === "GeometryCollection") return mergeCollection(geometry);
  const depth = coordinateDepth(geometry.type);
  if (depth === undefined) return { ok: true, geometry, hasZ: false, merged: 0 };
  // coordinates held flat as deep as the type says have two numbers a position: nothing to drop
  const flat = flatCoordinatesOf(geometry);
  if (flat && flat.depth === FLAT_DEPTH[String(geometry.type)]) {
    return { ok: true, geometry, hasZ: false, merged: 0 };
  }
  return { ok: true, geometry, hasZ: dropHeights(geometry.coordinates, depth), merged: 0 };
}
