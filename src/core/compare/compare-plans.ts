import type { FeatureCollection } from "geojson";
import {
  candidates,
  districtsFor,
  type Engine,
  indexPolygons,
  overlapOf,
  type PreparedLayer,
  prepareLayer,
  toGeometry,
} from "../check/context";
import { buildDistrictIndex } from "../check/district-index";
import { ellipsoidalArea } from "../check/ellipsoidal-area";
import { findingId } from "../check/finding-id";
import { compareIds } from "../check/id-order";
import { createClipperKernel } from "../check/kernel";
import { DEFAULT_LAND_USE_ATTRIBUTE } from "../check/land-use-attribute";
import { areaOf, type PreparedGeometry, polygonsOf } from "../check/prepared-geometry";
import { relate } from "../check/relate";
import { featuresOf } from "../check/rule-data";
import { finishSteps } from "../check/steps";
import type { CheckProblem, Polygons } from "../check/types";
import {
  type InvalidGeometry,
  invalidZoneReason,
  invalidZones,
  notPolygonal,
  type Side,
} from "./compare-messages";
import { meanWidthMeters } from "./piece-width";
import { sameShape } from "./same-shape";
import { KIND_ORDER, summarize, type ZoneAreas } from "./summary";
import { touchOnly } from "./touching";
import {
  type CompareOptions,
  type ComparePiece,
  type CompareStats,
  CURRENT_LAYER,
  type PieceKind,
  type PlanComparison,
  PROPOSAL_LAYER,
} from "./types";
import { readZoneCodes } from "./zone-codes";
import { invalidGeometry } from "./zone-validity";

export { DEFAULT_LAND_USE_ATTRIBUTE };

/** Default sliver tolerance, m²: the check rules' default `toleranceSquareMeters`. */
export const DEFAULT_TOLERANCE_SQUARE_METERS = 1;

/** Default sliver width tolerance, m (see `CompareOptions.toleranceMeters`). */
export const DEFAULT_TOLERANCE_METERS = 0.01;

/**
 * Stable id of a piece: the same kind and zones give the same id on every run, so a reviewer can
 * follow a change from one draft of the proposal to the next.
 */
export function pieceId(kind: PieceKind, current: string | null, proposal: string | null): string {
  return findingId(`compare-${kind}`, current, proposal);
}

/** One plan's zones: prepared layer, codes, and each zone's validity (decided on first use). */
type Zones = {
  side: Side;
  layer: PreparedLayer;
  codes: (string | null)[];
  invalid: (InvalidGeometry | null | undefined)[];
};

function zonesOf(layer: PreparedLayer, codes: (string | null)[], side: Side): Zones {
  return { side, layer, codes, invalid: new Array(layer.features.length) };
}

/** Why zone i cannot take part in overlays, or null (decided once per zone). */
function invalidOf(zones: Zones, i: number): InvalidGeometry | null {
  let known = zones.invalid[i];
  if (known === undefined) {
    const g = zones.layer.geometry(i);
    const polygons = polygonsOf(zones.layer.features[i]?.geometry ?? null);
    known = g ? invalidGeometry(polygons, g) : null;
    zones.invalid[i] = known;
  }
  return known;
}

/** The first position of either plan: the kernel's grid origin, fixed by the input alone. */
function originOf(collections: FeatureCollection[]): [number, number] | undefined {
  for (const collection of collections) {
    for (const feature of collection.features) {
      const p = polygonsOf(feature.geometry ?? null)[0]?.[0]?.[0];
      if (p && Number.isFinite(p[0]) && Number.isFinite(p[1]))
        return [p[0] as number, p[1] as number];
    }
  }
  return undefined;
}

/**
 * Warnings about a side's zones: those without a polygon, those with invalid geometry. Yields after
 * each zone (deciding validity is the costly part), so a sliced run can pause here too.
 */
function* geometryProblems(zones: Zones): Generator<void, CheckProblem[]> {
  const none: number[] = [];
  const invalid: number[] = [];
  for (let i = 0; i < zones.layer.features.length; i++) {
    if (!zones.layer.geometry(i)) none.push(i);
    else if (invalidOf(zones, i)) invalid.push(i);
    yield;
  }
  const problems: CheckProblem[] = [];
  const layer = zones.layer;
  if (none.length > 0) {
    problems.push({
      rule: null,
      severity: "warning",
      message: notPolygonal(zones.side, none.length),
      layer: layer.id,
      features: featuresOf(layer, none),
    });
  }
  if (invalid.length > 0) {
    problems.push({
      rule: null,
      severity: "warning",
      message: invalidZones(zones.side, invalid.length),
      layer: layer.id,
      features: featuresOf(layer, invalid),
    });
  }
  return problems;
}

const reasonOf = (error: unknown) =>
  (error instanceof Error ? error.message : String(error)) || "the geometry operation failed";

/** Zone areas by code: how many zones, and their area in m². */
function areasByCode(zones: Zones): ZoneAreas {
  const out: ZoneAreas = new Map();
  zones.codes.forEach((code, i) => {
    const g = zones.layer.geometry(i);
    if (!g) return;
    const known = out.get(code) ?? { zones: 0, squareMeters: 0 };
    known.zones++;
    known.squareMeters += areaOf(g);
    out.set(code, known);
  });
  return out;
}

/**
 * What a proposal changes compared with the current plan, both zone layers (polygons, WGS84) with a
 * land-use code attribute:
 * - changed: each current × proposal pair of zones with different codes whose interiors overlap,
 *   the overlap as a piece (from → to code, area on the ellipsoid, both zone ids);
 * - unchanged: the overlaps of pairs with the same code, counted per code, not listed;
 * - added: each proposal zone minus the union of the current zones it meets; removed: each current
 *   zone minus the union of the proposal zones it meets.
 * Pieces of at most `toleranceSquareMeters` (default 1 m²), or at most `toleranceMeters` wide
 * (default 1 cm: slivers along boundaries a reprojection moved), are noise: counted, not listed. A pair or difference that cannot be computed (invalid geometry, a kernel failure) is a
 * "not-computed" piece, never a throw.
 *
 * Speed: the current zones' boxes go into an R-tree (flatbush), so each proposal zone meets only
 * its neighbours; pairs with identical rings are settled by comparing vertices, disjoint and
 * nested pairs by `relate`, the rest clipped by the check's ring overlay or kernel (`overlapOf`).
 * The pairs found once serve the removed parts too: no second index. Pure: no I/O.
 *
 * Pieces come sorted by kind, then current zone id, then proposal zone id (ids compared as the
 * check compares them: "Z2" before "Z10"), so the output does not depend on feature order.
 */
export function comparePlans(
  current: FeatureCollection,
  proposal: FeatureCollection,
  options: CompareOptions = {},
): PlanComparison {
  return finishSteps(comparePlansSteps(current, proposal, options));
}

/**
 * {@link comparePlans} as a generator that yields after each zone (validity, then each proposal
 * zone, then each current zone) and returns the comparison: the caller decides when to pause, so
 * `comparePlansAsync` can give the event loop a turn (a Worker's cancel message, a page's frames)
 * without a second copy of the algorithm.
 */
export function* comparePlansSteps(
  current: FeatureCollection,
  proposal: FeatureCollection,
  options: CompareOptions = {},
): Generator<void, PlanComparison> {
  const attribute = options.attribute ?? DEFAULT_LAND_USE_ATTRIBUTE;
  const attributes = {
    current: options.currentAttribute ?? attribute,
    proposal: options.proposalAttribute ?? attribute,
  };
  const tolerance = options.toleranceSquareMeters ?? DEFAULT_TOLERANCE_SQUARE_METERS;
  const widthTolerance = options.toleranceMeters ?? DEFAULT_TOLERANCE_METERS;
  const beforeLayer = prepareLayer(CURRENT_LAYER, current, undefined);
  const afterLayer = prepareLayer(PROPOSAL_LAYER, proposal, undefined);
  const beforeCodes = readZoneCodes(beforeLayer, attributes.current, "current");
  const afterCodes = readZoneCodes(afterLayer, attributes.proposal, "proposal");
  const before = zonesOf(beforeLayer, beforeCodes.codes, "current");
  const after = zonesOf(afterLayer, afterCodes.codes, "proposal");
  const problems = [...beforeCodes.problems, ...afterCodes.problems];
  const stats: CompareStats = {
    currentZones: beforeLayer.features.length,
    proposalZones: afterLayer.features.length,
    candidatePairs: 0,
    identicalPairs: 0,
    touchingPairs: 0,
    shortcutPairs: 0,
    kernelCalls: 0,
    differences: 0,
  };
  const unchanged = new Map<string | null, number>();
  const noise = { pieces: 0, squareMeters: 0 };
  let unchangedNotComputed = 0;
  const done = (pieces: ComparePiece[]): PlanComparison => ({
    pieces,
    summary: summarize({
      pieces,
      before: areasByCode(before),
      after: areasByCode(after),
      unchanged,
      unchangedNotComputed,
      belowTolerance: noise,
      toleranceSquareMeters: tolerance,
      toleranceMeters: widthTolerance,
      attributes,
    }),
    problems,
    stats,
  });
  // an attribute no zone has: every code would read "none", a comparison saying nothing
  if (problems.some((p) => p.severity === "error")) return done([]);
  problems.push(...(yield* geometryProblems(before)), ...(yield* geometryProblems(after)));

  const engine: Engine = {
    layers: new Map([
      [CURRENT_LAYER, beforeLayer],
      [PROPOSAL_LAYER, afterLayer],
    ]),
    kernel: options.kernel ?? createClipperKernel({ origin: originOf([current, proposal]) }),
    ringOverlay: options.kernel === undefined,
    districts: buildDistrictIndex(options.districts),
    findingGeometry: options.geometry ?? true,
    stats: { units: 0, candidatePairs: 0, shortcutPairs: 0, kernelCalls: 0 },
  };
  const pieces: ComparePiece[] = [];
  /** Lists a piece of zones i (current) and j (proposal); a part within the tolerance is counted. */
  const emit = (
    kind: PieceKind,
    i: number | null,
    j: number | null,
    part: { polygons: Polygons; area: number } | { reason: string },
  ) => {
    if ("area" in part) {
      if (part.polygons.length === 0) return;
      if (part.area <= tolerance || meanWidthMeters(part.polygons) <= widthTolerance) {
        noise.pieces++;
        noise.squareMeters += part.area;
        return;
      }
    }
    const currentId = i === null ? null : (beforeLayer.ids[i] as string);
    const proposalId = j === null ? null : (afterLayer.ids[j] as string);
    const polygons = "area" in part ? part.polygons : null;
    const [layer, index] = kind === "removed" ? [beforeLayer, i] : [afterLayer, j];
    pieces.push({
      id: pieceId(kind, currentId, proposalId),
      kind,
      status: "area" in part ? "ok" : "not-computed",
      ...("reason" in part ? { reason: part.reason } : {}),
      from: i === null ? null : (before.codes[i] as string | null),
      to: j === null ? null : (after.codes[j] as string | null),
      current: currentId,
      proposal: proposalId,
      areaSquareMeters: "area" in part ? part.area : null,
      geometry: engine.findingGeometry && polygons ? toGeometry(polygons) : null,
      districts: districtsFor(engine, polygons && { polygons }, layer, index as number),
    });
  };
  /**
   * Zone `a` (current i or proposal j) minus the union of the other plan's zones it meets
   * (`others`, indices into `of`), as a piece of `kind`. Not computed when `a` or one of them is
   * invalid: the part left depends on what they cover.
   */
  const rest = (
    kind: "added" | "removed",
    i: number | null,
    j: number | null,
    a: PreparedGeometry,
    own: string | null,
    of: Zones,
    others: readonly number[],
  ) => {
    let bad = own;
    for (let k = 0; k < others.length && bad === null; k++)
      bad = badReason(of, others[k] as number);
    if (bad !== null) return emit(kind, i, j, { reason: bad });
    if (others.length === 0) return emit(kind, i, j, { polygons: a.polygons, area: areaOf(a) });
    stats.differences++;
    let polygons: Polygons;
    try {
      polygons = engine.kernel.difference(
        a.polygons,
        others.map((k) => (of.layer.geometry(k) as PreparedGeometry).polygons),
      );
    } catch (error) {
      return emit(kind, i, j, { reason: reasonOf(error) });
    }
    emit(kind, i, j, { polygons, area: ellipsoidalArea(polygons) });
  };
  const badReason = (zones: Zones, i: number) => {
    const problem = invalidOf(zones, i);
    return problem ? invalidZoneReason(zones.side, zones.layer.ids[i] as string, problem) : null;
  };

  const total = before.codes.length + after.codes.length;
  const step = Math.max(1, Math.ceil(total / 100));
  let visited = 0;
  const tick = () => {
    options.signal?.throwIfAborted();
    visited++;
    if (options.onProgress && (visited % step === 0 || visited === total))
      options.onProgress(visited, total);
  };

  const all = beforeLayer.features.map((_, i) => i);
  const index = indexPolygons(beforeLayer, all);
  /** Proposal zones meeting each current zone (in proposal order), for its removed part. */
  const meeting: number[][] = all.map(() => []);
  /** Current zones lying wholly inside one proposal zone: nothing of them is removed. */
  const coveredBefore = new Uint8Array(all.length);
  for (let j = 0; j < after.codes.length; j++) {
    if (j > 0) yield;
    tick();
    const p = afterLayer.geometry(j);
    if (!p) continue;
    const pBad = badReason(after, j);
    const to = after.codes[j] as string | null;
    /** Current zones meeting p, for its added part. */
    const touching: number[] = [];
    let covered = false;
    for (const i of candidates(index, p)) {
      const c = beforeLayer.geometry(i) as PreparedGeometry;
      const same = before.codes[i] === to;
      if (sameShape(p, c)) {
        stats.candidatePairs++;
        stats.identicalPairs++;
        covered = true;
        coveredBefore[i] = 1;
        touching.push(i);
        (meeting[i] as number[]).push(j);
        const area = areaOf(p);
        if (same) unchanged.set(to, (unchanged.get(to) ?? 0) + area);
        else emit("changed", i, j, { polygons: p.polygons, area });
        continue;
      }
      const relation = relate(p, c);
      if (relation.kind === "disjoint") {
        stats.candidatePairs++;
        stats.shortcutPairs++;
        continue;
      }
      // neighbours sharing an edge: no overlap, and nothing to take off either zone's rest
      if (relation.kind === "contact" && touchOnly(p, c)) {
        stats.candidatePairs++;
        stats.touchingPairs++;
        continue;
      }
      touching.push(i);
      (meeting[i] as number[]).push(j);
      if (relation.kind === "subset" && relation.whole) {
        if (relation.of === "a") covered = true;
        else coveredBefore[i] = 1;
      }
      const failed = (reason: string) => {
        if (same) unchangedNotComputed++;
        else emit("changed", i, j, { reason });
      };
      const bad = pBad ?? badReason(before, i);
      if (bad !== null) {
        stats.candidatePairs++;
        failed(bad);
        continue;
      }
      let overlap: ReturnType<typeof overlapOf>;
      try {
        overlap = overlapOf(engine, p, c, relation);
      } catch (error) {
        failed(reasonOf(error));
        continue;
      }
      if (!overlap) continue;
      if (same) unchanged.set(to, (unchanged.get(to) ?? 0) + overlap.area);
      else emit("changed", i, j, overlap);
    }
    if (!covered) rest("added", null, j, p, pBad, before, touching);
  }
  for (let i = 0; i < all.length; i++) {
    yield;
    tick();
    const c = beforeLayer.geometry(i);
    if (!c || coveredBefore[i] === 1) continue;
    rest("removed", i, null, c, badReason(before, i), after, meeting[i] as number[]);
  }
  stats.candidatePairs += engine.stats.candidatePairs;
  stats.shortcutPairs += engine.stats.shortcutPairs;
  stats.kernelCalls = engine.stats.kernelCalls;
  pieces.sort(
    (a, b) =>
      KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
      compareIds(a.current, b.current) ||
      compareIds(a.proposal, b.proposal),
  );
  return done(pieces);
}
