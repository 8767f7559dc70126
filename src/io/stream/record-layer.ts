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
};
