import type { ProposalVersion } from "../core/review/proposal-version";
import type { Bilingual } from "../core/validate/validation-issue";

export type { ProposalVersion };

/*
 * The review server's revised proposals, as the app reads and uploads them (see
 * src/server/review-api.ts: /api/reviews/ID/proposals). The server reads each upload with the
 * reader registry and refuses a bad file whole, with the problem lines; nothing is read here.
 */

/** What an upload did: the version stored, or why nothing was (the server's words and lines). */
export type UploadOutcome =
  | { ok: true; version: ProposalVersion; warnings: string[] }
  | { ok: false; unreachable: true }
  | { ok: false; unreachable: false; problem: Bilingual; lines: string[] };

const proposalsUrl = (base: string, review: string) =>
  new URL(`api/reviews/${encodeURIComponent(review)}/proposals`, base);

/** The review's versions, oldest first; throws when the server cannot be read. */
export async function fetchProposals(
  base: string,
  review: string,
  doFetch: typeof fetch = (input, init) => fetch(input, init),
): Promise<ProposalVersion[]> {
  const res = await doFetch(proposalsUrl(base, review), { credentials: "same-origin" });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return ((await res.json()) as { versions: ProposalVersion[] }).versions;
}

/** Where a version's file is downloaded from. */
export const proposalDownloadUrl = (base: string, review: string, version: number): string =>
  `${proposalsUrl(base, review).href}/${version}`;

/** Uploads `file` as the review's next version. */
export async function uploadProposal(
  base: string,
  review: string,
  file: { name: string; bytes: ArrayBuffer },
  doFetch: typeof fetch = (input, init) => fetch(input, init),
): Promise<UploadOutcome> {
  const url = proposalsUrl(base, review);
  url.searchParams.set("name", file.name);
  let res: Response;
  try {
    res = await doFetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/octet-stream" },
      body: file.bytes,
    });
  } catch {
    return { ok: false, unreachable: true };
  }
  if (res.status >= 500) return { ok: false, unreachable: true };
  const body = (await res.json().catch(() => ({}))) as {
    error?: Bilingual;
    problems?: string[];
    warnings?: string[];
  } & Partial<ProposalVersion>;
  if (!res.ok) {
    return {
      ok: false,
      unreachable: false,
      problem: body.error ?? { vi: `HTTP ${res.status}`, en: `HTTP ${res.status}` },
      lines: Array.isArray(body.problems) ? body.problems : [],
    };
  }
  const { warnings, ...version } = body;
  return { ok: true, version: version as ProposalVersion, warnings: warnings ?? [] };
}
