import type { RuleDescriptor } from "../types";
import type { WithinRule } from "./schema";

/** within: checked against the union of the constraint features; its findings measure only their area. */
export const withinDescriptor: RuleDescriptor<WithinRule> = {
  type: "within",
  constraint: "features",
  csvColumns: [],
  details: () => [],
};
