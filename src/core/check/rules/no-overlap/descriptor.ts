import type { RuleDescriptor } from "../types";
import type { NoOverlapRule } from "./schema";

/** no-overlap: checked against constraint features; its findings measure only their area. */
export const noOverlapDescriptor: RuleDescriptor<NoOverlapRule> = {
  type: "no-overlap",
  constraint: "features",
  csvColumns: [],
  details: () => [],
};
