import type { Feature, FeatureCollection } from "geojson";
import type { ReadResult } from "../../io/format-types";
import { DEFAULT_LAND_USE_ATTRIBUTE } from "../check/land-use-attribute";
import { type CrsChoice, type CrsDecision, decideCrs } from "../crs/index";
import { didYouMean } from "../text/did-you-mean";
import { showValue } from "../text/show-value";
import { type GeometryKind, validateLayer } from "../validate/validate-layer";
import {
  type Bilingual,
  describeFeature,
  hasErrors,
  issueIn,
  type ValidationIssue,
} from "../validate/validation-issue";
import { crsStep } from "./crs-step";
import { inFileNumbers } from "./file-numbers";
import { findLandUseAttribute, type LandUseAttribute } from "./land-use-attribute";
import { toWgs84 } from "./layer-from-read";
import { type FeatureProblem, outsideVietnam, readCodes } from "./proposal-checks";

export { DEFAULT_LAND_USE_ATTRIBUTE };

/** What the caller decides; every field optional. */
export type ProposalOptions = {
  /** Geometry kind of the layer the proposal replaces (default: polygon, a zone layer). */
  kind?: GeometryKind;
  /** The catalogue's name of the land-use attribute (default {@link DEFAULT_LAND_USE_ATTRIBUTE}). */
  attribute?: string;
  /** The CRS to read the coordinates in, instead of the one decided (`--crs`, the chooser). */
  crs?: CrsChoice;
  /** The file's attribute holding land-use codes, instead of the guess (`--land-use-attribute`). */
  landUseAttribute?: string;
  /** Reprojection progress: features done / total, at most every ~50 ms. */
  onProgress?: (done: number, total: number) => void;
};

/** A read file made a proposal layer, with everything the user should see before loading it. */
export type Proposal = {
  /**
   * The features without errors, in WGS84 [lon, lat], heights dropped, the land-use attribute
   * under the catalogue's name (`landUse.target`) holding official codes. Empty when the file as a
   * whole cannot be used (see the file-level errors in `issues`).
   */
  collection: FeatureCollection;
  /**
   * Every problem: the reader's, the CRS's, the layer validation's and the proposal's own;
   * file-level ones (featureIndex null) first, then by feature as the file numbers them. A feature
   * with an error is not in `collection`.
   */
  issues: ValidationIssue[];
  /** What the file and its coordinates say about its CRS, with the alternatives for a chooser. */
  crs: CrsDecision;
  /** The CRS the coordinates were read in (the override, else the decision); null: none — ask. */
  crsUsed: CrsChoice | null;
  /** Which CRS was used and why (or why none could be), to show beside the file. */
  crsReason: Bilingual;
  landUse: LandUseAttribute;
  /** Features in the file, read or not (what `issues` count in). */
  featureCount: number;
};

/** A feature of the collection with the code under the catalogue's name (a new object). */
function withCode(feature: Feature, from: string, to: string, code: string): Feature {
  const properties = { ...feature.properties };
  delete properties[from];
  // a computed key in a literal defines an own property, whatever the name ("__proto__" too)
  return { ...feature, properties: { ...properties, [to]: code } };
}

/** `issues` sorted: file-level first, then by feature (stable within each). */
function inOrder(issues: ValidationIssue[]): ValidationIssue[] {
  return issues
    .map((issue, at) => ({ issue, at }))
    .sort((a, b) => (a.issue.featureIndex ?? -1) - (b.issue.featureIndex ?? -1) || a.at - b.at)
    .map((entry) => entry.issue);
}

/** "odt" read as ODT in 12 features: said once per value as written. */
function tidiedIssue(
  file: string,
  attribute: string,
  written: string,
  code: string,
  count: number,
): ValidationIssue {
  return issueIn(
    file,
    null,
    "tidied-land-use-code",
    {
      vi: `${count} đối tượng ghi ${showValue(attribute)} = ${showValue(written)}, được đọc là mã ${showValue(code)}; nên sửa trong tệp`,
      en: `${count} feature(s) hold ${showValue(written)} in ${showValue(attribute)}, read as the code ${showValue(code)}; better fix the file`,
    },
    "warning",
  );
}

/**
 * From what a reader returned to a proposal layer — pure, so it runs in a Web Worker as well as
 * in the CLI, and can run again on the same `result` with other choices (it never changes it):
 *
 * 1. the reader's problems (heights it dropped, collections it merged or left out, bad features);
 *    a file it could not read, or an empty one, stops here;
 * 2. the CRS: `options.crs`, else `decideCrs` on the file's evidence and coordinates; none → a
 *    file-level "unknown-crs" error, `crsUsed` null, and the caller asks the user;
 * 3. reprojection to WGS84 (`reproject`; nothing to do for WGS84 lon/lat files);
 * 4. the layer validation every layer goes through (`validateLayer` for `kind`);
 * 5. the proposal's checks: features outside Vietnam; the land-use attribute, found by its values
 *    against the official codes or given, each feature's code (missing, unknown, tidied).
 *
 * Features with an error are left out of `collection` and named in `issues`.
 */
export function proposalFromRead(result: ReadResult, options: ProposalOptions = {}): Proposal {
  const { file } = result;
  const target = options.attribute ?? DEFAULT_LAND_USE_ATTRIBUTE;
  const features = result.collection.features;
  const featureCount = result.positions?.count ?? features.length;
  const issues = [...result.problems];
  const landUse = findLandUseAttribute(features, target, options.landUseAttribute);
  const collectionIssues: ValidationIssue[] = [];
  const stop = (decision: CrsDecision, crsReason: Bilingual, used: CrsChoice | null = null) => ({
    collection: { type: "FeatureCollection" as const, features: [] },
    issues: inOrder([...issues, ...inFileNumbers(collectionIssues, result.positions)]),
    crs: decision,
    crsUsed: used,
    crsReason,
    landUse,
    featureCount,
  });
  if (features.length === 0) {
    const decision = decideCrs(result.crs, []);
    if (!hasErrors(issues)) {
      issues.push(
        issueIn(file, null, "empty-collection", {
          vi: "tệp không có đối tượng nào; hãy kiểm tra đã xuất đúng lớp chưa",
          en: "the file holds no features; check that the right layer was exported",
        }),
      );
    }
    return stop(decision, decision.reason);
  }
  const step = crsStep(result, options.crs);
  if (!step.ok) {
    issues.push(step.issue);
    return stop(step.decision, step.decision.reason);
  }
  const wgs84 = toWgs84(result, step.choice, options.onProgress);
  const validated = validateLayer(wgs84, { file, kind: options.kind ?? "polygon" });
  const bad = new Set<number>();
  for (const issue of validated.issues) {
    if (issue.severity === "error" && issue.featureIndex !== null) bad.add(issue.featureIndex);
    collectionIssues.push(issue);
  }
  const ref = (index: number) => ({
    index,
    count: features.length,
    label: describeFeature(features[index]),
  });
  const report = (problems: FeatureProblem[]) => {
    for (const p of problems) {
      bad.add(p.index);
      collectionIssues.push(issueIn(file, ref(p.index), p.code, p.message));
    }
  };
  const good = () => wgs84.features.map((_, i) => i).filter((i) => !bad.has(i));
  const outside = outsideVietnam(wgs84.features, good());
  if (outside.all) {
    const chosen = step.overridden
      ? { vi: "hệ tọa độ đã chọn", en: "the CRS chosen" }
      : { vi: "hệ tọa độ đã đoán", en: "the CRS guessed" };
    issues.push(
      issueIn(file, null, "outside-vietnam", {
        vi: `đọc theo ${chosen.vi}, không đối tượng nào nằm ở Việt Nam (${outside.problems[0]?.message.vi}); hãy chọn hệ tọa độ khác (dòng lệnh: --crs)`,
        en: `read in ${chosen.en}, no feature lies in Vietnam (${outside.problems[0]?.message.en}); choose another CRS (command line: --crs)`,
      }),
    );
    return stop(step.decision, step.reason, step.choice);
  }
  report(outside.problems);
  const attribute = landUse.attribute;
  if (attribute === null || !landUse.attributes.includes(attribute)) {
    issues.push(noAttributeIssue(file, landUse));
    return stop(step.decision, step.reason, step.choice);
  }
  const readings = readCodes(wgs84.features, good(), attribute);
  report(readings.problems);
  for (const [written, { code, indexes }] of readings.tidied) {
    issues.push(tidiedIssue(file, attribute, written, code, indexes.length));
  }
  const kept: Feature[] = [];
  wgs84.features.forEach((feature, index) => {
    if (bad.has(index)) return;
    const code = readings.codes[index] as string;
    const same = attribute === target && feature.properties?.[target] === code;
    kept.push(same ? feature : withCode(feature, attribute, target, code));
  });
  return {
    collection: { type: "FeatureCollection", features: kept },
    issues: inOrder([...issues, ...inFileNumbers(collectionIssues, result.positions)]),
    crs: step.decision,
    crsUsed: step.choice,
    crsReason: step.reason,
    landUse,
    featureCount,
  };
}

/** No attribute holds codes, or the one given is not in the file. */
function noAttributeIssue(file: string, landUse: LandUseAttribute): ValidationIssue {
  const names = landUse.attributes.map(showValue).join(", ") || "—";
  if (landUse.chosenBy === "user") {
    const given = showValue(landUse.attribute);
    const hint = didYouMean(landUse.attribute as string, landUse.attributes);
    return issueIn(file, null, "no-land-use-attribute", {
      vi: `tệp không có thuộc tính ${given}${hint.vi}; các thuộc tính của tệp: ${names}`,
      en: `the file has no attribute ${given}${hint.en}; the file's attributes: ${names}`,
    });
  }
  return issueIn(file, null, "no-land-use-attribute", {
    vi: `không thuộc tính nào chứa mã loại đất của Thông tư 01/2021 (ODT, TMD, LUA…); các thuộc tính của tệp: ${names}; hãy chọn thuộc tính chứa mã (dòng lệnh: --land-use-attribute TÊN)`,
    en: `no attribute holds land-use codes of Circular 01/2021 (ODT, TMD, LUA…); the file's attributes: ${names}; choose the attribute holding the codes (command line: --land-use-attribute NAME)`,
  });
}
