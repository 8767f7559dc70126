import type { FeatureCollection, MultiPolygon, Polygon } from "geojson";

/** What the plan layer generator is given (the generator contract of the project). */
export type PlanLayersInput = {
  districts: FeatureCollection<Polygon | MultiPolygon>;
  boundary: FeatureCollection<Polygon | MultiPolygon>;
  /** Every layers/**\/*.geojson, keyed by its path relative to layers/. */
  authored: Record<string, FeatureCollection>;
  /** Parsed layers/city-plan/structure.json, or null when there is none. */
  structure: unknown;
};

/**
 * `buildPlanLayers` of src/core/plan/build-plan-layers.ts: layer id → layer, each written to
 * data/<id>.fgb. Injected into the build so tests can stand in for it.
 */
export type BuildPlanLayers = (input: PlanLayersInput) => Record<string, FeatureCollection>;
