import type { Feature, FeatureCollection, Geometry } from "geojson";
import type { Finding } from "../check/types";
import type { Flag, FlagEvent } from "./flag-types";
import { compareFlags, foldFlags } from "./fold-flags";
import {
  APP_ID,
  REVIEW_FORMAT,
  REVIEW_MEMBER,
  REVIEW_VERSION,
  type ReviewMarker,
} from "./review-format";

/**
 * What a flag's feature says besides its history. Derived from the history (the import checks they
 * agree), written out so a GIS user can style and filter the flags without reading the history.
 */
export type FlagFeatureProperties = {
  flagId: string;
  kind: "finding" | "own";
  findingId: string | null;
  rule: string | null;
  status: Flag["status"];
  disagreement: boolean;
  deleted: boolean;
  comment: string | null;
  updatedBy: string;
  updatedAt: string;
  /** Every event of the flag, oldest first: the import reads the flag from this alone. */
  history: FlagEvent[];
};

/** A review file: the flags as GeoJSON features, with the review marker. */
export type ReviewFile = FeatureCollection<Geometry | null, FlagFeatureProperties> & {
  [REVIEW_MEMBER]: ReviewMarker;
};

/**
 * A flag's geometry: the reviewer's drawing, or the finding's conflicting part — from the current
 * run when it still finds it (the part may have changed shape), else as it was when flagged.
 */
export function flagGeometry(flag: Flag, current?: ReadonlyMap<string, Finding>): Geometry | null {
  if (flag.target.kind === "own") return flag.target.geometry;
  const finding = current?.get(flag.target.finding.id);
  return finding?.geometry ?? flag.target.finding.geometry;
}

/** One flag as a feature of the review file. */
function flagFeature(
  flag: Flag,
  current: ReadonlyMap<string, Finding> | undefined,
): Feature<Geometry | null, FlagFeatureProperties> {
  const finding = flag.target.kind === "finding" ? flag.target.finding : null;
  return {
    type: "Feature",
    id: flag.id,
    geometry: flagGeometry(flag, current),
    properties: {
      flagId: flag.id,
      kind: flag.target.kind,
      findingId: finding?.id ?? null,
      rule: finding?.rule ?? null,
      status: flag.status,
      disagreement: flag.disagreement,
      deleted: flag.deleted,
      comment: flag.comment,
      updatedBy: flag.updatedBy,
      updatedAt: flag.updatedAt,
      history: flag.history,
    },
  };
}

/**
 * The review as a GeoJSON FeatureCollection: one feature per flag (deleted ones too: their history
 * is part of the record), with the flag's geometry, finding id, status, comment and full history,
 * and the {@link ReviewMarker} naming the format, its version and the app. `findings` (the current
 * run) gives the findings' current geometry.
 */
export function buildReviewFile(
  events: readonly FlagEvent[],
  options: { exportedAt?: string; exportedBy?: string; findings?: readonly Finding[] } = {},
): ReviewFile {
  const current = options.findings ? new Map(options.findings.map((f) => [f.id, f])) : undefined;
  const flags = [...foldFlags(events).values()].sort(compareFlags);
  const marker: ReviewMarker = {
    format: REVIEW_FORMAT,
    version: REVIEW_VERSION,
    app: APP_ID,
    exportedAt: options.exportedAt ?? new Date().toISOString(),
    ...(options.exportedBy ? { exportedBy: options.exportedBy } : {}),
  };
  return {
    type: "FeatureCollection",
    [REVIEW_MEMBER]: marker,
    features: flags.map((flag) => flagFeature(flag, current)),
  };
}

/** {@link buildReviewFile} as the text of a `.geojson` file (UTF-8, one line per feature). */
export function formatReviewFile(...args: Parameters<typeof buildReviewFile>): string {
  const file = buildReviewFile(...args);
  const features = file.features.map((f) => JSON.stringify(f)).join(",\n");
  const head = `{"type":"FeatureCollection","${REVIEW_MEMBER}":${JSON.stringify(file[REVIEW_MEMBER])},"features":[`;
  return `${head}\n${features}\n]}\n`;
}
