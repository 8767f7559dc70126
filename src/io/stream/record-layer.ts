import type { Feature, Geometry } from "geojson";
import type { ValidationIssue } from "../../core/validate/validation-issue";
import { FeatureSink } from "../feature-sink";
import type { CrsEvidence, FormatId } from "../format-types";

/**
 * A layer file read record by record instead of whole: where each feature lies in the file is
 * found once (`count` records), and any record is read again on demand, into a {@link FeatureSink}
 * exactly as the whole-file reader of its format reads it (same normalisation, same problems, same
 * numbering). Memory grows with the records asked for, not with the file.
 */
export type RecordLayer = {
  format: FormatId;
  /** The file as the user knows it. */
  file: string;
  /** Features in the file. */
  count: number;
  crs: CrsEvidence;
  /** Reads feature `index` (0-based, file order) into the sink, as feature `index` of the file. */
  read(index: number, sink: FeatureSink): void;
  /**
   * Feature `index`'s geometry alone, as `read` would keep it (normalised); null when it has none
   * or cannot be read. For reading geometries again once a first pass through `read` has reported
   * the layer's problems and kept its attributes: nothing here is reported.
   */
  geometry(index: number): Geometry | null;
};

/**
 * Feature `index` of a record layer, read through a sink of its own as the whole-file reader reads
 * it (normalised), with the problems found reading it (numbered as in the file); null when it
 * could not be read.
 */
export function readRecord(
  layer: Pick<RecordLayer, "file" | "format" | "crs" | "count" | "read">,
  index: number,
): { feature: Feature | null; problems: ValidationIssue[] } {
  const sink = new FeatureSink(layer.file);
  layer.read(index, sink);
  const read = sink.finish({ format: layer.format, crs: layer.crs }, layer.count);
  return { feature: read.collection.features[0] ?? null, problems: read.problems };
}
