import type { Geometry, Position } from "geojson";
import { findRingIntersections } from "../../../geo/ring-intersections";
import { validPosition } from "../../../geo/valid-position";
import {
  type Authority,
  authorityOf,
  districtsFor,
  notComputed,
  type PreparedLayer,
  select,
  toGeometry,
} from "../../context";
import { findingId } from "../../finding-id";
import { localFrame, localLength } from "../../local-metric";
import {
  areaOf,
  type PreparedGeometry,
  polygonsOf,
  preparePolygons,
} from "../../prepared-geometry";
import type { Finding, GeometryProblem, Measures, Polygons } from "../../types";
import { partOverlaps } from "../part-overlaps";
import type { RuleModule } from "../types";
import type { ValidGeometryRule } from "./schema";

/**
 * Overlaps of parts of at most this many m² are digitising noise: the default `toleranceSquareMeters`
 * of the area rules (rules-schema), which valid-geometry has no field for.
 */
const OVERLAP_TOLERANCE_SQUARE_METERS = 1;

/**
 * Positions a point problem is drawn at, at most: a ring crossing itself a million times, or a file
 * repeating every vertex, is reported by its count and this many places, not a million points.
 */
const EXAMPLE_POSITIONS = 1000;

type Problem = {
  kind: GeometryProblem;
  geometry: Geometry | null;
  measures: Measures;
  area?: number;
};

/** A feature's problems, and its parts clean enough to test for overlaps (prepared one by one). */
type Checked = { problems: Problem[]; parts: PreparedGeometry[] };

const same = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];
const key = (p: Position) => `${p[0]} ${p[1]}`;

/**
 * The number of distinct positions in `list`, and the first EXAMPLE_POSITIONS of them in order.
 * Linear up to that many; beyond, the count comes from sorting a copy.
 */
function distinct(list: Position[]): { count: number; examples: Position[] } {
  const seen = new Set<string>();
  const examples: Position[] = [];
  for (const p of list) {
    if (examples.length === EXAMPLE_POSITIONS) break;
    if (seen.has(key(p))) continue;
    seen.add(key(p));
    examples.push([p[0] as number, p[1] as number]);
  }
  if (examples.length < EXAMPLE_POSITIONS) return { count: examples.length, examples };
  const sorted = [...list].sort(
    (a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number),
  );
  const count = sorted.filter((p, i) => i === 0 || !same(p, sorted[i - 1] as Position)).length;
  return { count, examples };
}

/** A point problem at `examples` (distinct), of `count` places in all. */
function placed(kind: GeometryProblem, examples: Position[], count: number): Problem[] {
  if (count === 0 || examples.length === 0) return [];
  const geometry: Geometry =
    examples.length === 1
      ? { type: "Point", coordinates: examples[0] as Position }
      : { type: "MultiPoint", coordinates: examples };
  return [{ kind, geometry, measures: { count } }];
}

/** The distinct positions as a Point or MultiPoint (the first EXAMPLE_POSITIONS), with their count. */
function located(kind: GeometryProblem, all: Position[]): Problem[] {
  const { count, examples } = distinct(all);
  return placed(kind, examples, count);
}

/**
 * Ring without consecutive duplicates, closed; null when fewer than 3 distinct positions remain.
 * The ring itself when it is already so (most are: no copy of a detailed boundary).
 */
function cleanRing(ring: Position[]): Position[] | null {
  let repeats = 0;
  for (let i = 1; i < ring.length; i++)
    if (same(ring[i] as Position, ring[i - 1] as Position)) repeats++;
  const first = ring[0];
  const closed =
    first !== undefined && ring.length > 1 && same(first, ring[ring.length - 1] as Position);
  if (repeats === 0 && closed) return ring.length >= 4 ? ring : null;
  const out: Position[] = [];
  for (const p of ring) {
    const last = out[out.length - 1];
    if (!last || !same(last, p)) out.push(p);
  }
  const head = out[0];
  const tail = out[out.length - 1];
  if (head && tail && out.length > 1 && same(head, tail)) out.pop();
  if (out.length < 3) return null;
  out.push(out[0] as Position);
  return out;
}

/** Problems of polygon parts, each kind once per feature. */
function polygonProblems(parts: Polygons, sliverWidthMeters: number): Checked {
  let invalid = 0;
  const unclosed: Position[] = [];
  const short: Position[] = [];
  const duplicates: Position[] = [];
  const crossings: Position[] = [];
  let crossingCount = 0;
  const holesOutside: Position[] = [];
  const nestedHoles: Position[] = [];
  const slivers: Polygons = [];
  let sliverArea = 0;
  let narrowest = Number.POSITIVE_INFINITY;
  const kept: PreparedGeometry[] = [];
  for (const part of parts) {
    const cleaned: Position[][] = [];
    for (const ring of part) {
      let bad = 0;
      for (const p of ring) if (!validPosition(p)) bad++;
      if (bad > 0) {
        invalid += bad;
        continue;
      }
      const first = ring[0];
      const last = ring[ring.length - 1];
      if (first && last && !same(first, last)) unclosed.push(first);
      for (let i = 1; i < ring.length; i++) {
        if (same(ring[i] as Position, ring[i - 1] as Position))
          duplicates.push(ring[i] as Position);
      }
      const clean = cleanRing(ring);
      if (!clean) {
        if (first) short.push(first);
        continue;
      }
      cleaned.push(clean);
    }
    if (cleaned.length === 0 || part.length !== cleaned.length) continue;
    const prepared = preparePolygons([cleaned]);
    if (!prepared) continue;
    const found = findRingIntersections(prepared, {
      examples: EXAMPLE_POSITIONS - crossings.length,
    });
    crossingCount += found.count;
    crossings.push(...found.points);
    // a loop, not a spread: a part may have a hundred thousand holes
    for (const hole of found.holesOutside) holesOutside.push(hole.at);
    for (const hole of found.nestedHoles) nestedHoles.push(hole.at);
    // a part whose rings meet or whose holes are misplaced has no meaningful area, so no width
    // and no overlap either
    if (found.count > 0 || found.holesOutside.length > 0 || found.nestedHoles.length > 0) continue;
    kept.push(prepared);
    if (sliverWidthMeters <= 0) continue;
    const area = areaOf(prepared);
    const [x0, y0, x1, y1] = prepared.bbox;
    const frame = localFrame((x0 + x1) / 2, (y0 + y1) / 2);
    const perimeter = localLength(frame, cleaned);
    const width = perimeter > 0 ? (2 * area) / perimeter : 0;
    if (width < sliverWidthMeters) {
      slivers.push(cleaned);
      sliverArea += area;
      narrowest = Math.min(narrowest, width);
    }
  }
  const problems: Problem[] = [];
  if (invalid > 0) {
    problems.push({ kind: "invalid-coordinates", geometry: null, measures: { count: invalid } });
  }
  problems.push(
    ...located("unclosed-ring", unclosed),
    ...located("too-short-ring", short),
    ...located("duplicate-vertices", duplicates),
    ...placed("self-intersection", crossings, crossingCount),
    ...located("hole-outside-shell", holesOutside),
    ...located("nested-holes", nestedHoles),
  );
  if (slivers.length > 0) {
    problems.push({
      kind: "sliver",
      geometry: toGeometry(slivers),
      measures: { widthMeters: narrowest },
      area: sliverArea,
    });
  }
  return { problems, parts: kept };
}

/** Problems of line strings: invalid coordinates, duplicates, fewer than two distinct positions. */
function lineProblems(lines: Position[][]): Problem[] {
  const problems: Problem[] = [];
  const invalid = lines.flat().filter((p) => !validPosition(p));
  if (invalid.length > 0) {
    problems.push({
      kind: "invalid-coordinates",
      geometry: null,
      measures: { count: invalid.length },
    });
    return problems;
  }
  const duplicates: Position[] = [];
  const short: Position[] = [];
  for (const line of lines) {
    for (let i = 1; i < line.length; i++) {
      if (same(line[i] as Position, line[i - 1] as Position)) duplicates.push(line[i] as Position);
    }
    if (line.filter((p, i) => i === 0 || !same(p, line[i - 1] as Position)).length < 2 && line[0]) {
      short.push(line[0]);
    }
  }
  problems.push(...located("duplicate-vertices", duplicates), ...located("too-short-ring", short));
  return problems;
}

function problemsOf(geometry: Geometry | null, polygonal: boolean, sliver: number): Checked {
  if (geometry?.type === "Polygon" || geometry?.type === "MultiPolygon") {
    const parts = geometry.type === "Polygon" ? [geometry.coordinates] : geometry.coordinates;
    if (parts.length > 0) return polygonProblems(parts, sliver);
  }
  return { problems: otherProblems(geometry, polygonal), parts: [] };
}

/** Problems of a geometry that is not a non-empty (multi)polygon. */
function otherProblems(geometry: Geometry | null, polygonal: boolean): Problem[] {
  if (!geometry) return [{ kind: "empty-geometry", geometry: null, measures: {} }];
  switch (geometry.type) {
    case "Polygon":
    case "MultiPolygon":
      return [{ kind: "empty-geometry", geometry: null, measures: {} }];
    case "LineString":
    case "MultiLineString": {
      if (polygonal) return [{ kind: "not-polygonal", geometry, measures: {} }];
      const lines = geometry.type === "LineString" ? [geometry.coordinates] : geometry.coordinates;
      return lineProblems(lines);
    }
    case "Point":
    case "MultiPoint": {
      if (polygonal) return [{ kind: "not-polygonal", geometry: null, measures: {} }];
      const list = geometry.type === "Point" ? [geometry.coordinates] : geometry.coordinates;
      const invalid = list.filter((p) => !validPosition(p));
      return invalid.length > 0
        ? [{ kind: "invalid-coordinates", geometry: null, measures: { count: invalid.length } }]
        : [];
    }
    case "GeometryCollection":
      return [{ kind: "not-polygonal", geometry: null, measures: {} }];
  }
}

/**
 * valid-geometry: each subject feature's geometry is checked for missing or non-finite coordinates,
 * unclosed and too-short rings, duplicate consecutive vertices, self-intersections (rings crossing,
 * touching or running along themselves, or crossing and running along each other: one sweep,
 * O(n log n), `findRingIntersections`), holes outside their shell and holes inside another hole
 * (OGC validity), and slivers: parts whose width, estimated as 2 × area / perimeter (exact for a
 * long thin strip), is under `sliverWidthMeters`; and overlapping parts: a MultiPolygon whose parts'
 * interiors meet (OGC validity; parts touching along an edge or at a point are fine), located by the
 * region covered twice or more, counted in parts that overlap another. Parts with invalid
 * coordinates, self-intersections or misplaced holes are left out of the sliver and overlap tests.
 * One finding per feature and kind of problem, located by the positions involved (the first
 * thousand, with the count of all); never an exception (a kernel failure is a "could not be
 * computed" finding).
 */
export const validGeometry: RuleModule<ValidGeometryRule> = {
  type: "valid-geometry",
  polygonal: [],
  create(rule, engine) {
    const subject = engine.layers.get(rule.subject.layer) as PreparedLayer;
    const polygonal = subject.entry ? subject.entry.geometryType === "polygon" : true;
    const authority = authorityOf(subject.entry, undefined);
    return {
      subjects: select(subject, rule.subject),
      check(i, out) {
        const feature = subject.features[i];
        const featureId = subject.ids[i] as string;
        const ref = { layer: subject.id, featureId };
        let checked: Checked;
        try {
          checked = problemsOf(feature?.geometry ?? null, polygonal, rule.sliverWidthMeters);
        } catch (error) {
          const districts = districtsFor(engine, null, subject, i);
          out.push(notComputed(rule, authority, ref, null, error, districts));
          return;
        }
        const problems = checked.problems;
        if (checked.parts.length > 1) {
          try {
            const overlap = partOverlaps(
              checked.parts,
              engine.kernel,
              OVERLAP_TOLERANCE_SQUARE_METERS,
            );
            if (overlap) {
              problems.push({
                kind: "overlapping-parts",
                geometry: toGeometry(overlap.polygons),
                measures: { count: overlap.parts },
                area: overlap.area,
              });
            }
          } catch (error) {
            // the other problems of the feature still come out; this one says what failed
            const districts = districtsFor(engine, null, subject, i);
            const failed = notComputed(rule, authority, ref, null, error, districts);
            const id = findingId(rule.id, featureId, "overlapping-parts");
            out.push({ ...failed, id, problem: "overlapping-parts" });
          }
        }
        for (const problem of problems) {
          // problems with an area are placed by it, the others by the whole feature
          const polygons =
            problem.geometry && problem.area !== undefined ? polygonsOf(problem.geometry) : null;
          const districts = districtsFor(engine, polygons && { polygons }, subject, i);
          const kept = engine.findingGeometry ? problem : { ...problem, geometry: null };
          out.push(finding(rule, authority, subject, featureId, kept, districts));
        }
      },
    };
  },
};

function finding(
  rule: ValidGeometryRule,
  authority: Authority,
  subject: PreparedLayer,
  featureId: string,
  problem: Problem,
  districts: string[],
): Finding {
  return {
    id: findingId(rule.id, featureId, problem.kind),
    rule: rule.id,
    ruleType: rule.type,
    severity: rule.severity,
    status: "ok",
    subject: { layer: subject.id, featureId },
    constraint: null,
    problem: problem.kind,
    prevailing: authority.prevailing,
    message: authority.message,
    geometry: problem.geometry,
    areaSquareMeters: problem.area ?? null,
    shareOfSubject: null,
    measures: problem.measures,
    districts,
  };
}
