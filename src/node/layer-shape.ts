import type { FeatureCollection } from "geojson";
import type { LayerEntry } from "../core/catalog/schema";
import type { Bilingual } from "../core/validate/validation-issue";
import { errorLine, inputError, problemsError } from "./check-error";

/** GeoJSON geometry types a catalogue layer of each kind may hold. */
const TYPES_OF: Record<GeometryKind, readonly string[]> = {
  polygon: ["Polygon", "MultiPolygon"],
  line: ["LineString", "MultiLineString"],
  point: ["Point", "MultiPoint"],
};

/** How deep positions are nested in each geometry type's `coordinates`. */
const DEPTH: Record<string, number> = {
  Point: 0,
  MultiPoint: 1,
  LineString: 1,
  MultiLineString: 2,
  Polygon: 2,
  MultiPolygon: 3,
};

/** Geometry kind of a catalogue layer. */
export type GeometryKind = LayerEntry["geometryType"];

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** `features[3]; id "Z4"; name "…"`: enough to find the feature without counting. */
export function featureLabel(feature: unknown, index: number): string {
  const parts = [`features[${index}]`];
  if (isObject(feature)) {
    const props = isObject(feature.properties) ? feature.properties : {};
    const id = feature.id ?? props.id;
    if (typeof id === "string" || typeof id === "number") parts.push(`id ${JSON.stringify(id)}`);
    const name = props.name ?? props.ten;
    if (typeof name === "string") parts.push(`name ${JSON.stringify(name)}`);
  }
  return parts.join("; ");
}

function positionProblem(p: unknown): Bilingual | null {
  if (!Array.isArray(p) || p.length < 2) {
    return {
      vi: `${JSON.stringify(p)} không phải cặp [kinh độ, vĩ độ]`,
      en: `${JSON.stringify(p)} is not a [longitude, latitude] pair`,
    };
  }
  const [x, y] = p as unknown[];
  if (
    typeof x !== "number" ||
    typeof y !== "number" ||
    !Number.isFinite(x) ||
    !Number.isFinite(y)
  ) {
    return {
      vi: `${JSON.stringify(p)} chứa giá trị không phải số hữu hạn`,
      en: `${JSON.stringify(p)} holds a value that is not a finite number`,
    };
  }
  if (Math.abs(x) <= 180 && Math.abs(y) <= 90) return null;
  const metres = Math.abs(x) > 1000 && Math.abs(y) > 1000;
  return {
    vi: `[${x}, ${y}] nằm ngoài kinh độ −180…180, vĩ độ −90…90${metres ? " — có vẻ là tọa độ phẳng (VN-2000/UTM); cần kinh độ, vĩ độ WGS84" : ""}`,
    en: `[${x}, ${y}] is outside longitude −180…180, latitude −90…90${metres ? " — looks like projected metres (VN-2000/UTM); WGS84 longitude/latitude is needed" : ""}`,
  };
}

/** The first bad position in nested `coordinates`, or null. */
function coordinatesProblem(coordinates: unknown, depth: number): Bilingual | null {
  if (depth === 0) return positionProblem(coordinates);
  if (!Array.isArray(coordinates)) {
    return { vi: "coordinates không phải mảng", en: "coordinates is not an array" };
  }
  for (const item of coordinates) {
    const problem = coordinatesProblem(item, depth - 1);
    if (problem) return problem;
  }
  return null;
}

/** What is wrong with one feature, or null. Ring closure, self-intersection and the like are left
 * to the engine (the valid-geometry rule reports them as findings); this catches what would make the
 * file mean something else: not a Feature, a geometry of the wrong kind, coordinates not in WGS84. */
function featureProblem(feature: unknown, kind: GeometryKind): Bilingual | null {
  if (!isObject(feature) || feature.type !== "Feature") {
    const type = isObject(feature) ? JSON.stringify(feature.type ?? null) : typeof feature;
    return { vi: `không phải Feature (kiểu ${type})`, en: `is not a Feature (type ${type})` };
  }
  const geometry = feature.geometry;
  if (geometry === null) return null;
  if (!isObject(geometry)) {
    return { vi: "thiếu geometry", en: "has no geometry member" };
  }
  const type = String(geometry.type);
  if (!(TYPES_OF[kind] as readonly string[]).includes(type)) {
    const wanted = TYPES_OF[kind].join("/");
    return {
      vi: `hình học ${type}, lớp này cần ${wanted}`,
      en: `geometry is ${type}; this layer holds ${wanted}`,
    };
  }
  return coordinatesProblem(geometry.coordinates, DEPTH[type] as number);
}

/**
 * Checks that parsed JSON is a FeatureCollection whose features are `kind` geometries (or null)
 * with finite WGS84 coordinates, and returns it typed.
 *
 * @throws CheckInputError naming `file` and each bad feature (index, id, name)
 */
export function checkLayerShape(
  value: unknown,
  file: string,
  kind: GeometryKind,
): FeatureCollection {
  if (!isObject(value) || value.type !== "FeatureCollection") {
    const type = isObject(value)
      ? JSON.stringify(value.type ?? null)
      : Array.isArray(value)
        ? "array"
        : typeof value;
    throw inputError(file, {
      vi: `không phải GeoJSON FeatureCollection (kiểu ${type})`,
      en: `is not a GeoJSON FeatureCollection (type ${type})`,
    });
  }
  if (!Array.isArray(value.features)) {
    throw inputError(file, { vi: "thiếu mảng features", en: "has no features array" });
  }
  const features: unknown[] = value.features;
  const lines: string[] = [];
  features.forEach((feature, index) => {
    const problem = featureProblem(feature, kind);
    if (!problem) return;
    const where = `${file}, đối tượng / feature ${index + 1}/${features.length} (${featureLabel(feature, index)})`;
    lines.push(errorLine(where, problem));
  });
  if (lines.length > 0) throw problemsError(lines);
  return value as unknown as FeatureCollection;
}
