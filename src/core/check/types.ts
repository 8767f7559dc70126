import type { FeatureCollection, Geometry, Position } from "geojson";
import type { Rule, RuleType, Severity } from "../catalog/rules-schema";
import type { LayerEntry, LegalBasis, LocalizedText, PlanLevel } from "../catalog/schema";
import type { ClipKernel } from "./kernel";

/** Polygon rings as GeoJSON nests them: parts → rings (outer first) → closed [lon, lat] rings. */
export type Polygons = Position[][][];

/** A feature of a layer, by the layer id and the feature's id (GeoJSON id, else properties.id, else index). */
export type FeatureRef = { layer: string; featureId: string };

/** The higher-level plan that prevails in a conflict; the other plan is the one to adjust. */
export type Prevailing = {
  layerId: string;
  title: LocalizedText;
  level: PlanLevel;
  legalBasis: LegalBasis;
};

/**
 * What a finding measured, in metres, square metres and hectares. Each rule type declares its own
 * fields beside its descriptor (`declare module` in `rules/<type>/descriptor.ts`), so a new type's
 * measures need no line here; every field is optional and JSON-safe.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by the rule types' folders (declaration merging)
export interface Measures {}

/**
 * Fields of a finding that only some rule types set (a quota's group, a geometry's problem): declared
 * in the types' folders like {@link Measures}; every field is optional and JSON-safe.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by the rule types' folders (declaration merging)
export interface RuleFindingFields {}

/**
 * Kinds of geometry problem: what the valid-geometry rule reports, and the vocabulary the import's
 * validation (`core/validate`) shares with it.
 */
export type GeometryProblem =
  | "empty-geometry"
  | "not-polygonal"
  | "invalid-coordinates"
  | "unclosed-ring"
  | "too-short-ring"
  | "duplicate-vertices"
  | "self-intersection"
  | "hole-outside-shell"
  | "nested-holes"
  | "sliver"
  | "overlapping-parts";

/**
 * One conflict found by a rule. Plain data (structured-cloneable, JSON-safe): the same shape comes out
 * of Node, a Web Worker and the browser.
 */
export type Finding = RuleFindingFields & {
  /** Stable across runs: FNV-1a 64 hex of rule id, subject and constraint feature ids (and kind). */
  id: string;
  rule: string;
  ruleType: RuleType;
  severity: Severity;
  /** "not-computed" when the geometry operation failed for this pair; `reason` says why. */
  status: "ok" | "not-computed";
  /** The failing operation's own error text (technical, as thrown; the UI puts it in a sentence). */
  reason?: string;
  /** The feature checked; `featureId` is null for a finding about a group (a quota's). */
  subject: { layer: string; featureId: string | null };
  /** The other feature; `featureId` null when it is the union of a layer; null for none. */
  constraint: { layer: string; featureId: string | null } | null;
  prevailing: Prevailing | null;
  /** What has to change, in both UI languages. */
  message: LocalizedText;
  /** The conflicting part, WGS84 lon/lat; null when there is none to draw or the run asked for none. */
  geometry: Geometry | null;
  /**
   * Area of `geometry` on the WGS84 ellipsoid, m² (`ellipsoidalArea`: within 1e-6 of GeographicLib's
   * geodesic area, as PostGIS geography computes it); null when not an area.
   */
  areaSquareMeters: number | null;
  /** `areaSquareMeters` / the subject feature's area, 0–1. */
  shareOfSubject: number | null;
  measures: Measures;
  /** Codes of the districts the conflict lies in, sorted. */
  districts: string[];
};

/** Features a problem is about, to find them in their file: how many, and the first few. */
export type ProblemFeatures = {
  /** Features in the layer. */
  total: number;
  /** Features the problem is about. */
  count: number;
  /** The first of them (at most five), by index in the layer and id. */
  first: { index: number; id: string }[];
};

/**
 * A problem with the input, never a crash. An error stopped a rule (it did not run: the CLI exits
 * 2); a warning did not (the rule ran, on data read as the message says).
 */
export type CheckProblem = {
  /** The rule concerned; null when the problem is about a layer's data that several rules read. */
  rule: string | null;
  severity: Severity;
  message: LocalizedText;
  /** The layer whose data the problem is about (the CLI names its file). */
  layer?: string;
  /** The features of `layer` concerned. */
  features?: ProblemFeatures;
};

/** Per-rule totals, in the order the rules were given. */
export type RuleSummary = {
  rule: string;
  type: RuleType;
  severity: Severity;
  findings: number;
  errors: number;
  warnings: number;
  notComputed: number;
  areaSquareMeters: number;
};

/** Counters showing where the work went. */
export type CheckStats = {
  /** Subject features × rules visited. */
  units: number;
  /** Subject × constraint pairs whose bounding boxes meet. */
  candidatePairs: number;
  /** Pairs settled without clipping (disjoint or one inside the other). */
  shortcutPairs: number;
  /** Pairs that needed clipping: by the ring overlay, or the kernel where that cannot (ring-overlay.ts). */
  kernelCalls: number;
};

/** Everything a run returns: findings, per-rule totals, input problems and work counters. */
export type CheckResult = {
  findings: Finding[];
  summary: RuleSummary[];
  problems: CheckProblem[];
  stats: CheckStats;
};

/** Input of the engine: parsed layers keyed by catalogue id, the rules and the catalogue entries. */
export type CheckInput = {
  layers: Record<string, FeatureCollection>;
  rules: Rule[];
  catalog: LayerEntry[];
  /** District polygons (property `code`), used to say where a finding lies and for quota overlays. */
  districts?: FeatureCollection;
  /** Replaces the clipping kernel (tests inject a failing one). */
  kernel?: ClipKernel;
  /**
   * Whether findings carry their conflicting geometry (default true). False when nothing will draw
   * or write it (CSV output): a run then keeps only areas and ids, not thousands of rings.
   */
  findingGeometry?: boolean;
};
