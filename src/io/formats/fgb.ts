import type { HeaderMeta } from "flatgeobuf/lib/mjs/header-meta.js";
import type { Feature } from "geojson";
import { FeatureSink } from "../feature-sink";
import { FgbFormatError } from "../fgb-error";
import { readHeader } from "../fgb-header";
import { readFlatGeobuf } from "../fgb-reader";
import type { CrsEvidence, FormatModule, ReadOptions, ReadResult } from "../format-types";
import { ReadProgress } from "../progress";
import { tooManyFeatures, unreadable } from "../read-problems";
import type { SourceFile } from "../source-files";

/**
 * What a FlatGeobuf header says of its CRS: an EPSG code (org EPSG or unset, code > 0), else its
 * WKT, else nothing.
 */
export function fgbCrsEvidence(bytes: Uint8Array): CrsEvidence {
  return crsOfHeader(readHeader(bytes));
}

/** {@link fgbCrsEvidence} of a header already read. */
export function crsOfHeader(header: HeaderMeta): CrsEvidence {
  const crs = header.crs;
  if (!crs) return { kind: "none" };
  const org = (crs.org ?? "EPSG").toUpperCase();
  if (org === "EPSG" && crs.code > 0) return { kind: "epsg", code: crs.code, from: "fgb" };
  if (crs.wkt?.trim()) return { kind: "wkt", wkt: crs.wkt, from: "fgb" };
  return { kind: "none" };
}

/**
 * FlatGeobuf through the project's reader (`fgb-reader.ts`), which checks the file against its
 * size before trusting anything in it. A corrupt file is one file-level problem in the reader's
 * own words — the same sentence the CLI and the app have always given.
 */
export const fgbFormat: FormatModule = {
  async read(files: SourceFile[], options: ReadOptions): Promise<ReadResult> {
    const { name: file, bytes } = files[0] as SourceFile;
    let crs: CrsEvidence;
    let features: Feature[];
    try {
      crs = fgbCrsEvidence(bytes);
      features = (await readFlatGeobuf(bytes)).features;
    } catch (error) {
      if (!(error instanceof FgbFormatError)) throw error;
      return unreadable("fgb", file, "unreadable-file", error.problem);
    }
    if (features.length > options.limits.maxFeatures) {
      return tooManyFeatures("fgb", file, features.length, options.limits.maxFeatures);
    }
    const sink = new FeatureSink(file);
    const progress = new ReadProgress(options, features.length);
    for (let i = 0; i < features.length; i++) {
      if (progress.due()) await progress.step(i);
      sink.add(features[i] as Feature, i);
    }
    progress.finish();
    return sink.finish({ format: "fgb", crs });
  },
};
