import { z } from "zod";
import { REVIEW_ROLES, REVIEW_SERVER_ID, type ReviewRole } from "../../core/review/review-roles";

/*
 * How the app finds out whether the review server (`npm run serve`) serves it, and which review it
 * works on: `GET api/session`. Any other answer — the dev server's page, a static host's 404, no
 * answer — means no server, and the app keeps its flags in the browser as before.
 */

/** The review the app works on, as the signed-in member. */
export type ServerSession = {
  review: string;
  title: string;
  user: string;
  role: ReviewRole;
  closed: boolean;
};

/** What the app does: no server (as before), sign in first, nothing to open, or a review. */
export type ServerChoice =
  | { kind: "none" }
  | { kind: "signed-out"; loginUrl: string }
  | { kind: "no-review"; user: string }
  | { kind: "review"; session: ServerSession };

const sessionAnswer = z.object({
  server: z.literal(REVIEW_SERVER_ID),
  user: z.object({ name: z.string(), admin: z.boolean() }).nullable(),
  reviews: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      role: z.enum(REVIEW_ROLES),
      closed: z.boolean(),
    }),
  ),
});

/** How long the app waits for the answer before it opens the browser's storage instead. */
const SESSION_TIMEOUT_MS = 3000;

/**
 * Asks `base`'s server who is signed in. `requested` is the review named in the address
 * (`?review=`); else the first the member has.
 */
export async function findReviewServer(
  base: string,
  requested: string | null,
  doFetch: typeof fetch = (input, init) => fetch(input, init),
): Promise<ServerChoice> {
  let json: unknown;
  try {
    const res = await doFetch(new URL("api/session", base), {
      credentials: "same-origin",
      headers: { accept: "application/json" },
      signal: AbortSignal.timeout(SESSION_TIMEOUT_MS),
    });
    if (!res.ok || !/json/.test(res.headers.get("content-type") ?? "")) return { kind: "none" };
    json = await res.json();
  } catch {
    return { kind: "none" };
  }
  const parsed = sessionAnswer.safeParse(json);
  if (!parsed.success) return { kind: "none" };
  const { user, reviews } = parsed.data;
  if (!user) return { kind: "signed-out", loginUrl: new URL("login", base).href };
  const review = reviews.find((r) => r.id === requested) ?? reviews[0];
  if (!review) return { kind: "no-review", user: user.name };
  return {
    kind: "review",
    session: {
      review: review.id,
      title: review.title,
      user: user.name,
      role: review.role,
      closed: review.closed,
    },
  };
}
