import * as z from "zod";
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

/**
 * What the app does: no server (as before), sign in first, nothing to open, or a review —
 * `offline` when the server did not answer and the review is the one this browser last opened
 * (its changes are queued until the server is back).
 */
export type ServerChoice =
  | { kind: "none" }
  | { kind: "signed-out"; loginUrl: string }
  | { kind: "no-review"; user: string }
  | { kind: "review"; session: ServerSession; offline?: true };

/**
 * Where the browser remembers the review it last opened on the server, so that a page opened
 * while the server does not answer (a page kept by the browser, the server restarting, its
 * database down) goes on with the shared review and its queue instead of the browser's own flags.
 */
export type SessionMemory = {
  load(): ServerSession | null;
  save(session: ServerSession): void;
};

const sessionSchema = z.strictObject({
  review: z.string(),
  title: z.string(),
  user: z.string(),
  role: z.enum(REVIEW_ROLES),
  closed: z.boolean(),
});

/** The key of the remembered session in the browser's localStorage. */
export const SESSION_KEY = "plan-layers:review-session";

/** {@link SessionMemory} in `storage` (localStorage); a refused or bad entry is no memory. */
export function storedSessionMemory(storage: () => Storage): SessionMemory {
  return {
    load() {
      try {
        const parsed = sessionSchema.safeParse(JSON.parse(storage().getItem(SESSION_KEY) ?? ""));
        return parsed.success ? parsed.data : null;
      } catch {
        return null;
      }
    },
    save(session) {
      try {
        storage().setItem(SESSION_KEY, JSON.stringify(session));
      } catch {
        // not remembered: a page opened offline then keeps the browser's own flags, as before
      }
    },
  };
}

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
 * (`?review=`); else the first the member has. The review opened is remembered in `memory`; when
 * the server does not answer (no connection, a 5xx), the remembered one is opened offline.
 */
export async function findReviewServer(
  base: string,
  requested: string | null,
  doFetch: typeof fetch = (input, init) => fetch(input, init),
  memory: SessionMemory | null = null,
): Promise<ServerChoice> {
  // no answer, or the server's own failure: the review last opened here, offline, if any
  const unreachable = (): ServerChoice => {
    const last = memory?.load();
    return last && (requested === null || requested === last.review)
      ? { kind: "review", session: last, offline: true }
      : { kind: "none" };
  };
  let json: unknown;
  try {
    const res = await doFetch(new URL("api/session", base), {
      credentials: "same-origin",
      headers: { accept: "application/json" },
      signal: AbortSignal.timeout(SESSION_TIMEOUT_MS),
    });
    if (res.status >= 500) return unreachable();
    if (!res.ok || !/json/.test(res.headers.get("content-type") ?? "")) return { kind: "none" };
    json = await res.json();
  } catch {
    return unreachable();
  }
  const parsed = sessionAnswer.safeParse(json);
  if (!parsed.success) return { kind: "none" };
  const { user, reviews } = parsed.data;
  if (!user) return { kind: "signed-out", loginUrl: new URL("login", base).href };
  const review = reviews.find((r) => r.id === requested) ?? reviews[0];
  if (!review) return { kind: "no-review", user: user.name };
  const session: ServerSession = {
    review: review.id,
    title: review.title,
    user: user.name,
    role: review.role,
    closed: review.closed,
  };
  memory?.save(session);
  return { kind: "review", session };
}
