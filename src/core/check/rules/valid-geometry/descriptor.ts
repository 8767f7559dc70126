import type { GeometryProblem } from "../../types";
import type { RuleDescriptor } from "../types";
import type { ValidGeometryRule } from "./schema";

// What the type's findings carry besides the common fields (see `Measures` in ../../types.ts).
declare module "../../types" {
  interface Measures {
    /** Estimated width of a sliver part (2 × area / perimeter), metres. */
    widthMeters?: number;
    /**
     * Places involved in a geometry problem (duplicate vertices, self-intersections, misplaced
     * holes); for overlapping parts, the number of parts that overlap another.
     */
    count?: number;
  }
  interface RuleFindingFields {
    /** What is wrong with the geometry. */
    problem?: GeometryProblem;
  }
}

/** What a geometry problem's count counts: overlapping parts, misplaced holes, or places. */
function countDetail(
  problem: GeometryProblem,
): "check.detail.overlappingParts" | "check.detail.holeCount" | "check.detail.problemCount" {
  switch (problem) {
    case "overlapping-parts":
      return "check.detail.overlappingParts";
    case "hole-outside-shell":
    case "nested-holes":
      return "check.detail.holeCount";
    default:
      return "check.detail.problemCount";
  }
}

/** valid-geometry: one subject feature at a time; its findings name the problem and its width or count. */
export const validGeometryDescriptor: RuleDescriptor<ValidGeometryRule> = {
  type: "valid-geometry",
  constraint: "features",
  csvColumns: [{ name: "problem", cell: (f) => f.problem ?? "" }],
  details(finding, { t, meters }) {
    if (!finding.problem) return [];
    const m = finding.measures;
    const problem = t(`check.problem.${finding.problem}`);
    return [
      m.widthMeters !== undefined
        ? t("check.detail.sliver", { problem, width: meters(m.widthMeters) })
        : m.count === undefined
          ? problem
          : t(countDetail(finding.problem), { problem, n: m.count }),
    ];
  },
};
