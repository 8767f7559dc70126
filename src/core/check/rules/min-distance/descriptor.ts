import { fixed } from "../../csv-cells";
import type { RuleDescriptor } from "../types";
import type { MinDistanceRule } from "./schema";

// What the type's findings carry besides the common fields (see `Measures` in ../../types.ts).
declare module "../../types" {
  interface Measures {
    /** Smallest distance between subject and constraint, metres. */
    distanceMeters?: number;
    /** Required clearance of the rule, metres. */
    requiredDistanceMeters?: number;
  }
}

/** min-distance: its findings say the smallest distance and the clearance the rule requires. */
export const minDistanceDescriptor: RuleDescriptor<MinDistanceRule> = {
  type: "min-distance",
  constraint: "features",
  csvColumns: [{ name: "distance_m", cell: (f) => fixed(f.measures.distanceMeters, 3) }],
  details(finding, { t, meters }) {
    const m = finding.measures;
    if (m.distanceMeters === undefined) return [];
    return [
      m.requiredDistanceMeters
        ? t("check.detail.distance", {
            distance: meters(m.distanceMeters),
            required: meters(m.requiredDistanceMeters),
          })
        : t("check.detail.inside"),
    ];
  },
};
