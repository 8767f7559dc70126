import type { Geometry } from "geojson";
import type { FeatureSink } from "../feature-sink";
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
