import type { buildPlanLayers, PlanLayersInput } from "../../core/plan/build-plan-layers";

export type { PlanLayersInput };

/**
 * `buildPlanLayers` of src/core/plan/build-plan-layers.ts (layer id → layer, each written to
 * data/<id>.fgb), as a type: the build takes it as a dependency so tests can stand in for it.
 */
export type BuildPlanLayers = typeof buildPlanLayers;
