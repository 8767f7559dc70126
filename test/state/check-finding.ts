import type { Finding, RuleSummary } from "../../src/core/check/index";

/** A valid finding to vary in tests: an error of 2 ha on district 001. */
export function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    id: "f1",
    rule: "urban-on-rice",
    ruleType: "no-overlap",
    severity: "error",
    status: "ok",
    subject: { layer: "zones", featureId: "Z-1" },
    constraint: { layer: "rice", featureId: "LUC-1" },
    prevailing: null,
    message: { vi: "Quy hoạch thành phố phải điều chỉnh", en: "The city plan must be adjusted" },
    geometry: {
      type: "Polygon",
      coordinates: [
        [
          [105.8, 21],
          [105.81, 21],
          [105.81, 21.01],
          [105.8, 21],
        ],
      ],
    },
    areaSquareMeters: 20_000,
    shareOfSubject: 0.25,
    measures: {},
    districts: ["001"],
    ...overrides,
  };
}

/** The engine's totals line for a rule that ran, with nothing found (what most tests need of it). */
export function ruleSummary(rule: string): RuleSummary {
  return {
    rule,
    type: "no-overlap",
    severity: "error",
    findings: 0,
    errors: 0,
    warnings: 0,
    notComputed: 0,
    areaSquareMeters: 0,
  };
}
