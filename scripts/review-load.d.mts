/** Types of review-load.mjs. */
export declare function reviewLoad(options?: {
  reviewers?: number;
  seconds?: number;
  thinkMs?: number;
  fault?: boolean;
}): Promise<Record<string, unknown> & { ok: boolean }>;
