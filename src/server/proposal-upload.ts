import { proposalFromRead } from "../core/proposal/proposal-from-read";
import type { Bilingual } from "../core/validate/validation-issue";
import type { FormatId } from "../io/format-types";
import { cappedProblemLines } from "../node/check-error";
import { readSourceBytes, refusedLines, warningLines } from "../node/read-layer";

/*
 * A revised proposal uploaded to the review server is read as the command line and the app read
 * one: the one reader registry (src/io), then the proposal pipeline (CRS, WGS84, validation, the
 * land-use codes), with the same bilingual problems. A file with any error is refused whole.
 */

/** Largest proposal file the server takes (a district's or the city's zones fit many times). */
export const MAX_PROPOSAL_BYTES = 64 * 1024 * 1024;

/** The file is usable: what it is; or the problem lines that refuse it. */
export type ProposalCheck =
  | { ok: true; format: FormatId; features: number; warnings: string[] }
  | { ok: false; problem: Bilingual; lines: string[] };

/**
 * Reads an uploaded proposal (`name` says the file as the consultant named it) as a zone layer
 * replacing the plan's (polygons, land-use codes of Circular 01/2021).
 */
export async function checkProposal(name: string, bytes: Uint8Array): Promise<ProposalCheck> {
  const result = await readSourceBytes([{ name, bytes }], { maxBytes: MAX_PROPOSAL_BYTES });
  const proposal = proposalFromRead(result);
  const first = proposal.issues.find((issue) => issue.severity === "error");
  if (first) {
    return {
      ok: false,
      problem: {
        vi: `${result.file}: ${first.message.vi}; phương án chưa được lưu`,
        en: `${result.file}: ${first.message.en}; the proposal was not stored`,
      },
      lines: [...cappedProblemLines(refusedLines(proposal.issues))],
    };
  }
  return {
    ok: true,
    format: result.format,
    features: proposal.collection.features.length,
    warnings: [...warningLines(proposal.issues)],
  };
}
