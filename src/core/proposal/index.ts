export { type CrsStep, crsStep } from "./crs-step";
export { codeOf, findLandUseAttribute, type LandUseAttribute } from "./land-use-attribute";
export { isPlainWgs84, type LayerOutcome, layerFromRead, toWgs84 } from "./layer-from-read";
export {
  DEFAULT_LAND_USE_ATTRIBUTE,
  type Proposal,
  type ProposalOptions,
  proposalFromRead,
} from "./proposal-from-read";
