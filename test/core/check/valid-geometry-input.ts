import type { Geometry } from "geojson";
import { rule as ruleSchema } from "../../../src/core/catalog/rules-schema";
import type { CheckInput } from "../../../src/core/check/types";
import { layerEntry } from "./fixture-input";

/**
 * The engine's input for a valid-geometry rule (no sliver test) on one feature, "f" of layer
 * "zoning": the scaling tests and scripts/bench-validity.mjs run the rule this way.
 */
export function validGeometryInput(geometry: Geometry, findingGeometry = true): CheckInput {
  const rule = ruleSchema.parse({
    id: "validity",
    type: "valid-geometry",
    title: { vi: "Hợp lệ", en: "Valid" },
    description: { vi: "Hợp lệ", en: "Valid" },
    severity: "error",
    subject: { layer: "zoning" },
    sliverWidthMeters: 0,
  });
  return {
    rules: [rule],
    catalog: [layerEntry("zoning", "city")],
    layers: {
      zoning: {
        type: "FeatureCollection",
        features: [{ type: "Feature", id: "f", properties: {}, geometry }],
      },
    },
    findingGeometry,
  };
}
