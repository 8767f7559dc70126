import type { FeatureCollection, Geometry } from "geojson";
import type { ClipKernel } from "../check/kernel";
import type { CheckProblem } from "../check/types";

/**
 * What a piece of the comparison is:
 * - "changed": a current zone and a proposal zone overlap and their land-use codes differ;
 * - "added": part of a proposal zone where the current plan has no zone;
 * - "removed": part of a current zone the proposal no longer covers.
 */
export type PieceKind = "changed" | "added" | "removed";

/**
 * One piece of what a proposal changes. Plain data (structured-cloneable, JSON-safe), the same from
 * Node, a Web Worker and the page.
 */
export type ComparePiece = {
  /** Stable across runs: FNV-1a 64 hex of the kind and the two zone ids (see `pieceId`). */
  id: string;
  kind: PieceKind;
  /** "not-computed" when a zone's geometry is invalid or the clipping failed; `reason` says why. */
  status: "ok" | "not-computed";
  /** Why the piece could not be computed, in both languages ("vi / en"). */
  reason?: string;
  /**
   * Land-use code of the current zone (null for "added", or a current zone without a code). An
   * official code is written as the catalogue writes it ("odt" reads ODT); any other value as in
   * the file, trimmed.
   */
  from: string | null;
  /** Land-use code of the proposal zone (null for "removed", or a proposal zone without a code). */
  to: string | null;
  /** Id of the current zone (GeoJSON id, else properties.id, else index); null for "added". */
  current: string | null;
  /** Id of the proposal zone; null for "removed". */
  proposal: string | null;
  /** Area on the WGS84 ellipsoid, m² (`ellipsoidalArea`); null when not computed. */
  areaSquareMeters: number | null;
  /** The piece, WGS84 lon/lat; null when not computed or the run asked for no geometry. */
  geometry: Geometry | null;
  /** Codes of the districts the piece lies in, sorted (see `districtsFor`). */
  districts: string[];
};

/** Pieces and area of one (kind, from → to) transition. */
export type TransitionSummary = {
  kind: PieceKind;
  from: string | null;
  to: string | null;
  /** Pieces listed (not-computed ones included). */
  pieces: number;
  /** Pieces of this transition that could not be computed (no area counted for them). */
  notComputed: number;
  areaSquareMeters: number;
  hectares: number;
};

/** One land-use code before and after: what a planner reads as "ODT +312 ha, LUC −280 ha". */
export type CodeSummary = {
  /** The code (null: zones without one). */
  code: string | null;
  zonesBefore: number;
  zonesAfter: number;
  /** Total area of the current zones with this code, ha. */
  hectaresBefore: number;
  /** Total area of the proposal zones with this code, ha. */
  hectaresAfter: number;
  /** hectaresAfter − hectaresBefore. */
  hectaresChange: number;
  /** Where a current and a proposal zone of this code overlap, ha (not listed as pieces). */
  hectaresUnchanged: number;
};

/** Totals of the whole comparison. */
export type CompareTotals = {
  pieces: number;
  notComputed: number;
  changedHectares: number;
  addedHectares: number;
  removedHectares: number;
  unchangedHectares: number;
  /**
   * Overlaps of the same code whose area could not be computed (an invalid zone, a failed clip):
   * that much unchanged area is missing from `unchangedHectares`.
   */
  unchangedNotComputed: number;
  /**
   * Changed, added and removed parts of at most the area tolerance, or narrower than the width
   * tolerance: digitising and reprojection noise, not listed.
   */
  belowTolerance: { pieces: number; squareMeters: number };
};

/** The summary: by transition, by code, and in all. */
export type CompareSummary = {
  /** Largest area first (then kind, from, to). */
  transitions: TransitionSummary[];
  /** Largest change first (then code). */
  codes: CodeSummary[];
  totals: CompareTotals;
  toleranceSquareMeters: number;
  /** Mean width (m) at or under which a part is noise, whatever its area. */
  toleranceMeters: number;
  /** The land-use attribute read on each side. */
  attributes: { current: string; proposal: string };
};

/** Counters showing where the work went. */
export type CompareStats = {
  currentZones: number;
  proposalZones: number;
  /** Current × proposal pairs whose bounding boxes meet. */
  candidatePairs: number;
  /** Pairs with the same rings (up to start vertex and direction): no clipping at all. */
  identicalPairs: number;
  /** Pairs whose boundaries touch but interiors do not meet, settled without clipping (`touchOnly`). */
  touchingPairs: number;
  /** Pairs settled without clipping (disjoint, or one inside the other). */
  shortcutPairs: number;
  /** Pairs that needed clipping. */
  kernelCalls: number;
  /** Differences computed (added and removed parts). */
  differences: number;
};

/**
 * What `comparePlans` returns. Problems reuse the check's shape: `layer` is "current" or
 * "proposal" (the caller names the file), `rule` is null.
 */
export type PlanComparison = {
  pieces: ComparePiece[];
  summary: CompareSummary;
  problems: CheckProblem[];
  stats: CompareStats;
};

/** Options of `comparePlans`. */
export type CompareOptions = {
  /** Land-use code attribute of both sides (default "land_use_code"). */
  attribute?: string;
  /** Attribute of the current plan, when it differs from `attribute`. */
  currentAttribute?: string;
  /** Attribute of the proposal, when it differs from `attribute`. */
  proposalAttribute?: string;
  /**
   * Changed, added and removed parts of at most this area (m²) are digitising noise and not listed
   * (default 1, as the check rules' `toleranceSquareMeters`). Counted in `totals.belowTolerance`.
   */
  toleranceSquareMeters?: number;
  /**
   * Changed, added and removed parts whose mean width (twice the area over the perimeter, see
   * `meanWidthMeters`) is at most this many metres are noise too, however long (default 0.01).
   * A plan taken to VN-2000 and back moves vertices by up to a millimetre or so (proj4's inverse,
   * the millimetres a file keeps), which leaves slivers a millimetre wide but kilometres long
   * along every boundary: square metres each, so the area tolerance alone lists them as changes.
   * A centimetre is ten times that error and far below what a planning map is drawn to.
   */
  toleranceMeters?: number;
  /** District polygons (property `code`), to say which districts each piece lies in. */
  districts?: FeatureCollection;
  /** Whether pieces keep their geometry (default true; false for CSV, which has no column for it). */
  geometry?: boolean;
  /** Replaces the clipping kernel (tests inject a failing one). */
  kernel?: ClipKernel;
  /** Checked between zones; an aborted comparison throws the signal's reason. */
  signal?: AbortSignal;
  /** Called with zones done and zones in all (both sides), about every 1 % and at the end. */
  onProgress?: (done: number, total: number) => void;
};

/** The two layers' names in problems (`CheckProblem.layer`). */
export const CURRENT_LAYER = "current";
export const PROPOSAL_LAYER = "proposal";
