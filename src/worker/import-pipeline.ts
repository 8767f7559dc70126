import { CRS_IDS, type CrsChoice, type CrsId, describeChoice, isCrsId } from "../core/crs/index";
import { type Proposal, proposalFromRead } from "../core/proposal/index";
import type { ReadResult } from "../io/format-types";
import { packCollection } from "../io/packed-collection";
import { FORMATS } from "../io/registry";
import { collectionBbox } from "../state/bounds";
import type { ImportPipeline } from "./import-handler";
import type { CrsOption, ImportOverrides, ImportReport, LandUseOption } from "./import-protocol";

/**
 * The import worker's second step: the proposal pipeline (`proposalFromRead`: CRS decided or
 * given, reprojected to WGS84, validated, land-use attribute found and renamed) over what the
 * registry read, turned into the dialog's report. Run again with the user's overrides without
 * reading the file again.
 */
export const prepareReport: ImportPipeline["prepare"] = (read, overrides, context) => {
  const crs = overrides.crs && isCrsId(overrides.crs.id) ? overrides.crs : null;
  const proposal = proposalFromRead(read, {
    kind: "polygon",
    attribute: context.landUseKey,
    ...(crs ? { crs: { id: crs.id as CrsId, axis: crs.axis } } : {}),
    ...(overrides.landUseAttribute ? { landUseAttribute: overrides.landUseAttribute } : {}),
    onProgress: context.onProgress,
  });
  const nothingRead = read.collection.features.length === 0;
  const valid = proposal.collection.features.length > 0;
  return {
    files: context.files,
    file: read.file,
    format: formatOf(read),
    encoding: read.encoding ?? null,
    layers: layersReport(read, overrides),
    crs: nothingRead ? null : crsReport(proposal, overrides),
    landUse: nothingRead ? null : landUseReport(proposal),
    issues: proposal.issues,
    total: proposal.featureCount,
    collection: valid ? packCollection(proposal.collection) : null,
    bbox: valid ? collectionBbox(proposal.collection) : null,
  } satisfies ImportReport;
};

const option = (choice: CrsChoice): CrsOption => ({
  id: choice.id,
  axis: choice.axis,
  label: describeChoice(choice),
});

const keyOf = (choice: { id: string; axis: string }) => `${choice.id} ${choice.axis}`;

/**
 * The CRS used and why, and what the user can switch to: the decision's own choice and
 * alternatives first (most likely first), then every other supported CRS.
 */
function crsReport(proposal: Proposal, overrides: ImportOverrides): ImportReport["crs"] {
  const { crs, crsUsed, crsReason } = proposal;
  const choices = [
    ...(crsUsed ? [crsUsed] : []),
    ...(crs.choice ? [crs.choice] : []),
    ...crs.alternatives,
    ...CRS_IDS.map((id): CrsChoice => ({ id, axis: "xy" })),
  ];
  const seen = new Set<string>();
  const options = choices.filter((choice) => {
    const key = keyOf(choice);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return {
    used: crsUsed ? option(crsUsed) : null,
    reason: crsReason,
    confidence: overrides.crs && crsUsed ? "chosen" : crs.confidence,
    options: options.map(option),
  };
}

/** The land-use attribute found or given, then the others holding codes, then every other one. */
function landUseReport(proposal: Proposal): ImportReport["landUse"] {
  const { landUse } = proposal;
  const options: LandUseOption[] = [];
  const seen = new Set<string>();
  const add = (attribute: string, matched: number) => {
    if (seen.has(attribute)) return;
    seen.add(attribute);
    options.push({ attribute, matched });
  };
  if (landUse.attribute) add(landUse.attribute, landUse.matched);
  for (const alternative of landUse.alternatives) add(alternative.attribute, alternative.matched);
  for (const attribute of landUse.attributes) add(attribute, 0);
  return {
    attribute: landUse.attribute,
    matched: landUse.matched,
    total: landUse.total,
    options,
  };
}

/** The layers to choose from, when the file holds several, and the one read. */
function layersReport(read: ReadResult, overrides: ImportOverrides): ImportReport["layers"] {
  const options = read.layers ?? [];
  if (options.length < 2) return null;
  const wanted = overrides.layer ?? null;
  // the name as the file spells it: the readers match a chosen name case aside
  const chosen =
    wanted === null
      ? options[0]
      : options.find((name) => name.toLowerCase() === wanted.toLowerCase());
  const failed = read.problems.some((p) => p.code === "several-layers" && p.severity === "error");
  return { read: failed ? null : (chosen ?? null), options };
}

/** The format read and its name. */
function formatOf(read: ReadResult): ImportReport["format"] {
  const entry = FORMATS.find((f) => f.id === read.format);
  return entry ? { id: entry.id, label: entry.label } : null;
}
