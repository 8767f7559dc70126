/**
 * A revised proposal kept by the review server, as its list says it (the file itself is fetched on
 * its own): what the server stores and what the app shows.
 */
export type ProposalVersion = {
  /** 1, 2, …: the order of the uploads to the review. */
  version: number;
  /** The file's name as uploaded. */
  file: string;
  /** The format the reader registry read it as. */
  format: string;
  /** Size of the file as uploaded, in bytes. */
  size: number;
  /** SHA-256 of the file (hex): the appraisal file can name exactly which version it read. */
  sha256: string;
  /** Features read from it (all of them: a file with an error is never stored). */
  features: number;
  uploadedBy: string;
  /** ISO 8601 UTC. */
  uploadedAt: string;
};
