export {
  CRS_DEFINITIONS,
  CRS_IDS,
  type CrsChoice,
  type CrsDefinition,
  type CrsId,
  crsIdOfEpsg,
  describeChoice,
  isCrsId,
} from "./crs-definitions";
export { epsgCodeFromCrsName, parseCrsChoice } from "./crs-name";
export { type CrsDecision, decideCrs, userCrsDecision } from "./decide-crs";
export {
  positionFromWgs84,
  positionToWgs84,
  type ReprojectOptions,
  reproject,
  type ToWgs84,
} from "./reproject";
export { samplePositions } from "./sample-shape";
