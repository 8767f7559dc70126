import type { Feature, FeatureCollection } from "geojson";
import type { LayerEntry } from "../catalog/schema";
import { declaredId, featureId, isIdValue } from "../check/feature-id";
import { flatCoordinatesOf } from "../geo/flat-coordinates";
import { showValue } from "../text/show-value";
import { findGeometryProblems } from "./check-geometry";
import { collectionProblem, isFeatureObject, isObject, notAFeature } from "./collection-problem";
import { jumpText, ringName, type Scan, scanFlatGeometry } from "./scan-flat";
import type { ValidationResult } from "./validate-feature-collection";
import {
  type Bilingual,
  describeFeature,
  type FeatureRef,
  hasErrors,
  issueIn,
  type ProblemCode,
  type ValidationIssue,
} from "./validation-issue";

/** Geometry kind of a catalogue layer. */
export type GeometryKind = LayerEntry["geometryType"];

/** GeoJSON geometry types a layer of each kind may hold. */
const TYPES_OF: Record<GeometryKind, readonly string[]> = {
  polygon: ["Polygon", "MultiPolygon"],
  line: ["LineString", "MultiLineString"],
  point: ["Point", "MultiPoint"],
};

/**
 * Ring problems the check reports itself, as `valid-geometry` findings a reviewer sees in the
 * results: refusing the file for them would hide them instead.
 */
const LEFT_TO_THE_CHECK = new Set<ProblemCode>([
  "short-ring",
  "unclosed-ring",
  "self-intersection",
]);

/**
 * Scans one list of positions in a tight loop (a layer has hundreds of thousands of them): each
 * must be a finite, in-range [longitude, latitude, …]. Returns -2 when one is not (check-geometry
 * then says exactly what is wrong), else the index i of the first segment i → i+1 spanning more
 * than 180° of longitude (for a ring, the closing segment too), or -1.
 */
function scanPositions(list: unknown, minLength: number, closed: boolean): number {
  if (!Array.isArray(list) || list.length < minLength) return -2;
  const n = list.length;
  let first = 0;
  let previous = 0;
  let jump = -1;
  for (let i = 0; i < n; i++) {
    const position: unknown = list[i];
    if (!Array.isArray(position)) return -2;
    const size = position.length;
    if (size < 2) return -2;
    const x: unknown = position[0];
    const y: unknown = position[1];
    // in range says finite too (NaN fails every comparison); no iterator per position: half the
    // time of a first pass's scan (10 000 000 positions at 1 000 000 zones)
    if (
      !(
        typeof x === "number" &&
        typeof y === "number" &&
        x >= -180 &&
        x <= 180 &&
        y >= -90 &&
        y <= 90
      )
    ) {
      return -2;
    }
    for (let k = 2; k < size; k++) {
      const value: unknown = position[k];
      if (typeof value !== "number" || !Number.isFinite(value)) return -2;
    }
    if (i === 0) first = x;
    else if (jump < 0 && Math.abs(x - previous) > 180) jump = i - 1;
    previous = x;
  }
  if (jump < 0 && closed && n > 1 && Math.abs(first - previous) > 180) {
    jump = n - 1;
  }
  return jump;
}

/**
 * The message for segment `at` → `at + 1` of `list`. The check overlays geometry in the plane of
 * longitude and latitude but measures it on the ellipsoid: such a segment means the short way
 * across the antimeridian to the file's author and the long way round the globe to the overlay,
 * so a Pacific polygon would cover Hanoi.
 */
function jumpMessage(
  list: readonly (readonly number[])[],
  at: number,
  where: Bilingual,
): Bilingual {
  const next = (at + 1) % list.length;
  const a = (list[at] as readonly number[])[0] as number;
  const b = (list[next] as readonly number[])[0] as number;
  return jumpText(where, at, next, a, b);
}

/** Scans the rings of one polygon; `part` names it within a MultiPolygon. */
function scanRings(rings: unknown, part: number | null): Scan {
  if (!Array.isArray(rings) || rings.length === 0) return "malformed";
  let found: Bilingual | null = null;
  for (let index = 0; index < rings.length; index++) {
    // Short rings are left to the check (valid-geometry): no minimum length here.
    const at = scanPositions(rings[index], 0, true);
    if (at === -2) return "malformed";
    if (at >= 0 && !found) found = jumpMessage(rings[index], at, ringName(index, part));
  }
  return found;
}

/**
 * One pass over a geometry's coordinates of a type the layer holds: whether they are malformed
 * (as strictly as check-geometry's position and structure checks, without its per-position
 * allocations) and, if not, the first segment across the antimeridian.
 */
function scanGeometry(type: string, coordinates: unknown): Scan {
  switch (type) {
    case "Point":
      return scanPositions([coordinates], 1, false) === -2 ? "malformed" : null;
    case "MultiPoint":
      // Points are not joined: no segment can cross anything.
      return scanPositions(coordinates, 1, false) === -2 ? "malformed" : null;
    case "LineString": {
      const at = scanPositions(coordinates, 2, false);
      if (at === -2) return "malformed";
      return at >= 0
        ? jumpMessage(coordinates as number[][], at, { vi: "đường", en: "line" })
        : null;
    }
    case "MultiLineString": {
      if (!Array.isArray(coordinates)) return "malformed";
      let found: Bilingual | null = null;
      for (let index = 0; index < coordinates.length; index++) {
        const at = scanPositions(coordinates[index], 2, false);
        if (at === -2) return "malformed";
        if (at >= 0 && !found) {
          const where = { vi: `đường thứ ${index + 1}`, en: `line ${index + 1}` };
          found = jumpMessage(coordinates[index], at, where);
        }
      }
      return found;
    }
    case "Polygon":
      return scanRings(coordinates, null);
    default: {
      if (!Array.isArray(coordinates) || coordinates.length === 0) return "malformed";
      let found: Bilingual | null = null;
      for (let index = 0; index < coordinates.length; index++) {
        const scan = scanRings(coordinates[index], index);
        if (scan === "malformed") return scan;
        found ??= scan;
      }
      return found;
    }
  }
}

/** What check-geometry says about a geometry the fast scan found malformed. */
function malformedProblems(geometry: unknown): { code: ProblemCode; message: Bilingual }[] {
  const found = findGeometryProblems(geometry, { selfIntersection: false });
  return found.filter((problem) => !LEFT_TO_THE_CHECK.has(problem.code));
}

function kindOfValue(value: unknown): Bilingual {
  if (Array.isArray(value)) return { vi: "một mảng", en: "an array" };
  if (typeof value === "number") return { vi: "số không hữu hạn", en: "a non-finite number" };
  if (typeof value === "boolean") return { vi: "giá trị đúng/sai", en: "a boolean" };
  if (typeof value === "object") return { vi: "một đối tượng", en: "an object" };
  return { vi: typeof value, en: typeof value };
}

/** What is wrong with one feature's shape, in order of what stops the rest from making sense. */
function featureProblems(
  feature: unknown,
  kind: GeometryKind,
): { code: ProblemCode; message: Bilingual }[] {
  if (!isFeatureObject(feature))
    return [{ code: "invalid-geojson", message: notAFeature(feature) }];
  const problems: { code: ProblemCode; message: Bilingual }[] = [];
  const declared = declaredId(feature);
  if (declared && !isIdValue(declared.value)) {
    const what = kindOfValue(declared.value);
    problems.push({
      code: "bad-id",
      message: {
        vi: `${declared.member} ${showValue(declared.value)} là ${what.vi}; id phải là chuỗi hoặc số (RFC 7946 §3.2)`,
        en: `${declared.member} ${showValue(declared.value)} is ${what.en}; an id must be a string or a number (RFC 7946 §3.2)`,
      },
    });
  }
  const geometry = feature.geometry;
  if (geometry === null) return problems;
  if (!isObject(geometry)) {
    problems.push({
      code: "invalid-geojson",
      message: { vi: "thiếu geometry", en: "has no geometry member" },
    });
    return problems;
  }
  const type = String(geometry.type);
  const wanted = TYPES_OF[kind];
  if (!wanted.includes(type)) {
    problems.push({
      code: "wrong-geometry-type",
      message: {
        vi: `hình học ${showValue(geometry.type ?? null)}, lớp này cần ${wanted.join("/")}`,
        en: `geometry is ${showValue(geometry.type ?? null)}; this layer holds ${wanted.join("/")}`,
      },
    });
    return problems;
  }
  // coordinates the reader holds flat are scanned there, without building their arrays
  const flat = flatCoordinatesOf(geometry);
  const flatScan = flat ? scanFlatGeometry(type, flat) : undefined;
  const scan = flatScan === undefined ? scanGeometry(type, geometry.coordinates) : flatScan;
  if (scan === "malformed") {
    // The rare bad geometry: check-geometry names the part and position and says what is wrong.
    return [...problems, ...malformedProblems(geometry)];
  }
  if (scan) problems.push({ code: "antimeridian", message: scan });
  return problems;
}

/** The duplicate-id message for features[index], whose id (declared or positional) features[first] has too. */
function duplicateMessage(features: readonly unknown[], index: number, first: number): Bilingual {
  const other = `features[${first}]`;
  const otherLabel = describeFeature(features[first]);
  const otherShown = otherLabel ? `${other} (${otherLabel})` : other;
  const mine = declaredId(features[index]);
  if (!mine) {
    return {
      vi: `không có id nên được gọi theo vị trí "${index}", trùng với id của ${otherShown}; hãy đặt id cho mọi đối tượng`,
      en: `has no id, so it goes by its position "${index}", which is the id of ${otherShown}; give every feature an id`,
    };
  }
  if (!declaredId(features[first])) {
    return {
      vi: `id ${showValue(mine.value)} trùng với tên theo vị trí của ${other} (không có id); hãy đặt id cho mọi đối tượng`,
      en: `id ${showValue(mine.value)} is what ${other} goes by (it has no id, so its position); give every feature an id`,
    };
  }
  return {
    vi: `id ${showValue(mine.value)} trùng với ${otherShown}; mỗi đối tượng cần một id riêng`,
    en: `id ${showValue(mine.value)} is also the id of ${otherShown}; each feature needs an id of its own`,
  };
}

/**
 * Checks that parsed data is a GeoJSON FeatureCollection a layer of `kind` can hold: Features
 * whose geometry is of the layer's kind (or null), with finite WGS84 positions in range, no
 * segment across the antimeridian, and ids that are strings or numbers, one per feature (a
 * feature without id goes by its position, which must not be another feature's id). Ring closure,
 * short rings and self-intersections are left to the check's `valid-geometry` rule, which reports
 * them as findings. The CLI and the app both read layers through this, so a file is accepted or
 * refused alike by both. Every issue names the file and the feature; never throws on bad input.
 */
export function validateLayer(
  value: unknown,
  options: { file: string; kind: GeometryKind },
): ValidationResult {
  const { file, kind } = options;
  const problem = collectionProblem(value);
  if (problem)
    return { collection: null, issues: [issueIn(file, null, problem.code, problem.message)] };
  const features = (value as { features: unknown[] }).features;
  const issues: ValidationIssue[] = [];
  const ref = (index: number): FeatureRef => ({
    index,
    count: features.length,
    label: describeFeature(features[index]),
  });
  const firstWithId = new Map<string, number>();
  features.forEach((feature, index) => {
    const problems = featureProblems(feature, kind);
    for (const { code, message } of problems) issues.push(issueIn(file, ref(index), code, message));
    if (problems.some((p) => p.code === "invalid-geojson" || p.code === "bad-id")) return;
    const id = featureId(feature as Feature, index);
    const first = firstWithId.get(id);
    if (first === undefined) firstWithId.set(id, index);
    else
      issues.push(
        issueIn(file, ref(index), "duplicate-id", duplicateMessage(features, index, first)),
      );
  });
  return {
    collection: hasErrors(issues) ? null : (value as FeatureCollection),
    issues,
  };
}
