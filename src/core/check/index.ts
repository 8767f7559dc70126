export type {
  Rule,
  RuleType,
  Severity,
} from "../catalog/rules-schema";
export {
  CSV_COLUMNS,
  FINDING_FORMATS,
  type FindingFormat,
  findingsToGeoJson,
  formatFindingsCsv,
  formatResult,
  resultChunks,
} from "./format-findings";
export type { ClipKernel } from "./kernel";
export { createClipperKernel } from "./kernel";
export { type RuleMemo, type RuleOutcome, ruleMemoKey } from "./rule-memo";
export {
  checkPartition,
  checkPartitionAsync,
  mergeResults,
  mergeResultsSteps,
  type PartialResult,
  type Partition,
  type PreparedChecks,
  partitionUnits,
  prepareChecks,
  type RunOptions,
  runChecks,
  runChecksAsync,
} from "./run-checks";
export {
  finishSteps,
  ITEMS_PER_STEP,
  PAGE_SLICE_MS,
  type SliceOptions,
  sortSteps,
  stepsInSlices,
  yieldToEventLoop,
} from "./steps";
export type * from "./types";
