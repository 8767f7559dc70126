import type { FeatureCollection } from "geojson";
import type { ReadResult } from "../../io/format-types";
import { type CrsChoice, reproject } from "../crs/index";
import { type GeometryKind, validateLayer } from "../validate/validate-layer";
import { type Bilingual, hasErrors, type ValidationIssue } from "../validate/validation-issue";
import { type CrsStep, crsStep } from "./crs-step";
import { inFileNumbers } from "./file-numbers";

/** A layer as the check takes it, or null with the errors that stop it; warnings either way. */
export type LayerOutcome = {
  collection: FeatureCollection | null;
  issues: ValidationIssue[];
  /** The CRS the coordinates were read in and why; null when the file failed before that. */
  crs: { choice: CrsChoice; reason: Bilingual } | null;
};

/** Whether a choice leaves positions as they are (WGS84 lon/lat in that order). */
export const isPlainWgs84 = (choice: CrsChoice) =>
  choice.id === "EPSG:4326" && choice.axis === "xy";

/** The collection in WGS84: reprojected only when the CRS is not WGS84 lon/lat already. */
export function toWgs84(
  result: ReadResult,
  choice: CrsChoice,
  onProgress?: (done: number, total: number) => void,
): FeatureCollection {
  if (isPlainWgs84(choice)) return result.collection;
  return reproject(result.collection, choice, onProgress ? { onProgress } : {});
}

/** A CRS decided before (`LayerOutcome.crs` of a layer's first batch). */
export type DecidedCrs = { decided: NonNullable<LayerOutcome["crs"]> };

/**
 * From what a reader returned to a layer of `kind`: the reader's problems, then the CRS
 * ({@link crsStep}: declared, inferred or `crs`; `decided`: taken as it is, nothing sampled, for
 * the later batches of a layer read a batch at a time) and the coordinates in WGS84, then the layer
 * validation the check relies on (`validateLayer`: geometry kind, finite in-range coordinates, ids,
 * antimeridian). One path and one strictness for the CLI's layers, the app's layers and the data
 * step; a proposal goes on to {@link proposalFromRead}'s checks. Any error — a feature the reader
 * could not read included — refuses the layer, naming every problem.
 */
export function layerFromRead(
  result: ReadResult,
  kind: GeometryKind,
  crs?: CrsChoice | DecidedCrs,
): LayerOutcome {
  const issues = [...result.problems];
  const fileFailed = result.collection.features.length === 0 && hasErrors(issues);
  if (fileFailed) return { collection: null, issues, crs: null };
  const step: CrsStep | ({ ok: true } & DecidedCrs["decided"]) =
    crs && "decided" in crs ? { ok: true, ...crs.decided } : crsStep(result, crs);
  if (!step.ok) return { collection: null, issues: [...issues, step.issue], crs: null };
  const validated = validateLayer(toWgs84(result, step.choice), { file: result.file, kind });
  issues.push(...inFileNumbers(validated.issues, result.positions));
  return {
    collection: hasErrors(issues) ? null : validated.collection,
    issues,
    crs: { choice: step.choice, reason: step.reason },
  };
}
