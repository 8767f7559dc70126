export { type CompareAsyncOptions, comparePlansAsync } from "./compare-async";
export {
  comparePlans,
  comparePlansSteps,
  DEFAULT_LAND_USE_ATTRIBUTE,
  DEFAULT_TOLERANCE_SQUARE_METERS,
  pieceId,
} from "./compare-plans";
export { COMPARE_CSV_COLUMNS, comparisonChunks, formatComparison } from "./format-comparison";
export * from "./types";
