import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type * as z from "zod";
import {
  consultantInbox,
  type FlagEvent,
  foldFlags,
  formatReviewFile,
  MAX_REVIEW_CHARS,
} from "../core/review/index";
import {
  eventRefusal,
  may,
  notAllowed,
  REVIEW_SERVER_ID,
  type ReviewRight,
  type ReviewRole,
  reviewClosed,
} from "../core/review/review-roles";
import { issueText, parseShowingIssues } from "../core/text/zod-issue-text";
import type { Bilingual } from "../core/validate/validation-issue";
import type { Database } from "./db/database";
import { loginPage } from "./login-page";
import { decoyHash, verifyPassword } from "./passwords";
import { addProposal, listProposals, proposalFile } from "./proposal-repository";
import { checkProposal, MAX_PROPOSAL_BYTES } from "./proposal-upload";
import { type RateLimiter, rateLimiter } from "./rate-limit";
import {
  afterSchema,
  appendEventsSchema,
  closeReviewSchema,
  loginSchema,
  proposalNameSchema,
  reviewSlugSchema,
  versionSchema,
} from "./request-schemas";
import { importReviewText } from "./review-import";
import {
  allEvents,
  createSession,
  deleteSession,
  eventsAfter,
  findReview,
  findUser,
  type Review,
  reviewsOf,
  roleIn,
  SESSION_HOURS,
  sessionUser,
  setClosed,
  type User,
} from "./review-repository";
import { reviewWriter } from "./review-writer";
import * as say from "./server-messages";

/*
 * The JSON API of the review server, under /api. Every answer that refuses says why in both
 * languages: `{ "error": { "vi": …, "en": … } }`. Bodies are size-limited, then parsed, then checked
 * with zod, then the user's right in the review — in that order, before any SQL.
 */

/** The name of the session cookie. */
export const SESSION_COOKIE = "plan_layers_session";
/** What `GET /api/session` says it is (shared with the app, which looks for it). */
export const SERVER_ID = REVIEW_SERVER_ID;

/** Largest JSON body of an API request but an import: 1000 events with their geometry. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
/** Largest review file an import request may carry (the file import's own limit). */
export const MAX_IMPORT_BYTES = MAX_REVIEW_CHARS;

/** Sign-in limits: per client address, and per account name (an attacker with many addresses). */
export const LOGIN_LIMITS = {
  perAddress: { limit: 20, windowMs: 60_000 },
  perName: { limit: 5, windowMs: 15 * 60_000 },
};

type Env = { Variables: { user: User } };

export type ReviewApiOptions = {
  db: Database;
  /** The client's address, for the sign-in limit (the socket's remote address in production). */
  clientAddress?: (c: Context) => string;
  /** Cookies get `Secure` (set when the server is reached over HTTPS). */
  secureCookies?: boolean;
  now?: () => number;
};

const problem = (
  c: Context,
  status: 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429,
  error: Bilingual,
) => c.json({ error }, status);

/** zod's first issue, with the field it is about. */
function issueProblem(error: z.ZodError): Bilingual {
  const issue = error.issues[0];
  if (!issue) return say.badJson;
  const text = issueText(issue);
  const where = issue.path.length > 0 ? `${issue.path.join(".")}: ` : "";
  return { vi: `${where}${text.vi}`, en: `${where}${text.en}` };
}

/** The JSON body checked with `schema`, or the answer refusing it. */
async function body<T extends z.ZodType>(
  c: Context,
  schema: T,
): Promise<{ data: z.output<T> } | { refused: Response }> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/json\s*(;|$)/i.test(type)) return { refused: problem(c, 415, say.notJson) };
  let json: unknown;
  try {
    json = await c.req.json();
  } catch {
    return { refused: problem(c, 400, say.badJson) };
  }
  const parsed = parseShowingIssues(schema, json);
  if (!parsed.success) return { refused: problem(c, 400, issueProblem(parsed.error)) };
  return { data: parsed.data };
}

const limit = (bytes: number) =>
  bodyLimit({ maxSize: bytes, onError: (c) => problem(c, 413, say.tooLarge(bytes)) });

/**
 * The review the address names and the user's role in it, or the answer refusing: the same 404
 * for a review that does not exist and one the user is not a member of, so a member of one review
 * cannot even learn which others exist; 403 when the role lacks `right`.
 */
async function reviewFor(
  c: Context<Env>,
  db: Database,
  right: ReviewRight,
): Promise<{ review: Review; role: ReviewRole } | { refused: Response }> {
  const slug = c.req.param("review") ?? "";
  const user = c.get("user");
  const review = reviewSlugSchema.safeParse(slug).success ? await findReview(db, slug) : null;
  const role = review ? await roleIn(db, user, review.id) : null;
  if (!review || !role) return { refused: problem(c, 404, say.noSuchReview(slug)) };
  if (!may(role, right)) return { refused: problem(c, 403, notAllowed(role, right)) };
  return { review, role };
}

/** The session answer: who is signed in and the reviews they may open. */
async function sessionBody(db: Database, user: User | null) {
  return {
    server: SERVER_ID,
    user: user ? { name: user.name, admin: user.admin } : null,
    reviews: user ? await reviewsOf(db, user) : [],
  };
}

/** The API routes (mounted at /api by the server) and the sign-in page (at /). */
export function reviewApi(options: ReviewApiOptions): { api: Hono<Env>; pages: Hono } {
  const { db } = options;
  const now = options.now ?? Date.now;
  const address = options.clientAddress ?? (() => "unknown");
  const byAddress: RateLimiter = rateLimiter(
    LOGIN_LIMITS.perAddress.limit,
    LOGIN_LIMITS.perAddress.windowMs,
    now,
  );
  const byName: RateLimiter = rateLimiter(
    LOGIN_LIMITS.perName.limit,
    LOGIN_LIMITS.perName.windowMs,
    now,
  );
  const api = new Hono<Env>();
  const writer = reviewWriter(db);

  const signedIn = async (c: Context) => {
    const token = getCookie(c, SESSION_COOKIE);
    return token ? sessionUser(db, token) : null;
  };

  api.get("/session", async (c) => c.json(await sessionBody(db, await signedIn(c))));

  /** Checks the name and password under the limits; sets the session cookie when right. */
  async function signIn(
    c: Context,
    name: string,
    password: string,
  ): Promise<{ user: User } | { status: 401 | 429; error: Bilingual }> {
    const keys = [`a:${address(c)}`, `n:${name}`];
    const limiters = [byAddress, byName];
    for (const [i, limiter] of limiters.entries()) {
      const verdict = limiter.check(keys[i] as string);
      if (!verdict.ok) {
        c.header("Retry-After", String(verdict.retryAfterSeconds));
        return { status: 429, error: say.tooManyLogins(verdict.retryAfterSeconds) };
      }
    }
    const found = await findUser(db, name);
    // an unknown name takes as long as a wrong password: the answer time does not tell names
    const ok = await verifyPassword(password, found?.passwordHash ?? (await decoyHash()));
    if (!found || !ok) {
      for (const [i, limiter] of limiters.entries()) limiter.fail(keys[i] as string);
      return { status: 401, error: say.badLogin };
    }
    byName.reset(keys[1] as string);
    const token = await createSession(db, found.id);
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: "Strict",
      secure: options.secureCookies ?? false,
      path: "/",
      maxAge: SESSION_HOURS * 3600,
    });
    return { user: { id: found.id, name: found.name, admin: found.admin } };
  }

  api.post("/login", limit(16 * 1024), async (c) => {
    const got = await body(c, loginSchema);
    if ("refused" in got) return got.refused;
    const result = await signIn(c, got.data.name, got.data.password);
    if ("error" in result) return problem(c, result.status, result.error);
    return c.json(await sessionBody(db, result.user));
  });

  api.post("/logout", async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await deleteSession(db, token);
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.body(null, 204);
  });

  // everything below needs a signed-in user
  api.use("/reviews/*", async (c, next) => {
    const user = await signedIn(c);
    if (!user) return problem(c, 401, say.notSignedIn);
    c.set("user", user);
    return next();
  });

  api.get("/reviews/:review", async (c) => {
    const found = await reviewFor(c, db, "read");
    if ("refused" in found) return found.refused;
    const { review, role } = found;
    return c.json({
      id: review.slug,
      title: review.title,
      role,
      closed: review.closed,
      seq: review.lastSeq,
    });
  });

  api.get("/reviews/:review/events", async (c) => {
    const found = await reviewFor(c, db, "read");
    if ("refused" in found) return found.refused;
    const after = afterSchema.safeParse(c.req.query("after") ?? "0");
    if (!after.success) return problem(c, 400, issueProblem(after.error));
    return c.json(await eventsAfter(db, found.review.id, after.data));
  });

  api.post("/reviews/:review/events", limit(MAX_BODY_BYTES), async (c) => {
    const got = await body(c, appendEventsSchema);
    if ("refused" in got) return got.refused;
    const found = await reviewFor(c, db, "read");
    if ("refused" in found) return found.refused;
    const { review, role } = found;
    const user = c.get("user");
    const context = { user: user.name, review: review.slug };
    const result = await writer.append(
      review.id,
      got.data.events as FlagEvent[],
      user.id,
      (event, closed) => eventRefusal(role, event, { ...context, closed }),
    );
    if (!result.ok) return problem(c, result.status, result.problem);
    return c.json(result);
  });

  api.post("/reviews/:review/close", limit(1024), async (c) => {
    const got = await body(c, closeReviewSchema);
    if ("refused" in got) return got.refused;
    const found = await reviewFor(c, db, "close");
    if ("refused" in found) return found.refused;
    await setClosed(db, found.review.id, got.data.closed, c.get("user").name);
    return c.json({ id: found.review.slug, closed: got.data.closed });
  });

  api.get("/reviews/:review/export", async (c) => {
    const found = await reviewFor(c, db, "read");
    if ("refused" in found) return found.refused;
    const text = formatReviewFile(await allEvents(db, found.review.id), {
      exportedBy: c.get("user").name,
    });
    c.header("Content-Disposition", `attachment; filename="${found.review.slug}.review.geojson"`);
    return c.body(text, 200, { "Content-Type": "application/geo+json; charset=utf-8" });
  });

  api.post("/reviews/:review/import", limit(MAX_IMPORT_BYTES), async (c) => {
    const type = c.req.header("content-type") ?? "";
    if (!/^application\/(geo\+)?json\s*(;|$)/i.test(type)) return problem(c, 415, say.notJson);
    const found = await reviewFor(c, db, "import");
    if ("refused" in found) return found.refused;
    const outcome = await importReviewText(
      db,
      found.review,
      await c.req.text(),
      `${found.review.slug}`,
    );
    if (!outcome.ok)
      return c.json({ error: outcome.problem, problems: outcome.lines }, outcome.status);
    return c.json(outcome);
  });

  // what is addressed to the consultant, with the answers (every member may read it)
  api.get("/reviews/:review/addressed", async (c) => {
    const found = await reviewFor(c, db, "read");
    if ("refused" in found) return found.refused;
    const flags = foldFlags(await allEvents(db, found.review.id));
    return c.json({ items: consultantInbox(flags) });
  });

  api.get("/reviews/:review/proposals", async (c) => {
    const found = await reviewFor(c, db, "read");
    if ("refused" in found) return found.refused;
    return c.json({ versions: await listProposals(db, found.review.id) });
  });

  // the file as sent: `?name=` names it (its extension tells the format, as a dropped file's does)
  api.post("/reviews/:review/proposals", limit(MAX_PROPOSAL_BYTES), async (c) => {
    const name = proposalNameSchema.safeParse(c.req.query("name") ?? "");
    if (!name.success) return problem(c, 400, issueProblem(name.error));
    const found = await reviewFor(c, db, "upload");
    if ("refused" in found) return found.refused;
    if (found.review.closed) return problem(c, 403, reviewClosed(found.review.slug));
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    const checked = await checkProposal(name.data, bytes);
    if (!checked.ok) return c.json({ error: checked.problem, problems: checked.lines }, 422);
    const version = await addProposal(db, found.review.id, {
      file: name.data,
      format: checked.format,
      bytes,
      features: checked.features,
      userId: c.get("user").id,
    });
    return c.json({ ...version, warnings: checked.warnings });
  });

  api.get("/reviews/:review/proposals/:version", async (c) => {
    const found = await reviewFor(c, db, "read");
    if ("refused" in found) return found.refused;
    const version = versionSchema.safeParse(c.req.param("version"));
    const stored = version.success ? await proposalFile(db, found.review.id, version.data) : null;
    if (!stored) return problem(c, 404, say.noSuchVersion(c.req.param("version")));
    // the name from the upload only in the encoded form, never spliced into the header as is
    c.header(
      "Content-Disposition",
      `attachment; filename="proposal-v${version.data}"; filename*=UTF-8''${encodeURIComponent(stored.file)}`,
    );
    return c.body(stored.bytes as Uint8Array<ArrayBuffer>, 200, {
      "Content-Type": "application/octet-stream",
    });
  });

  api.all("*", (c) => problem(c, 404, say.notFound));

  // the sign-in page: a plain form (no script at all), posted here as a form
  const pages = new Hono();
  pages.get("/login", (c) => c.html(loginPage(c.req.query("failed") !== undefined)));
  pages.post("/login", limit(16 * 1024), async (c) => {
    const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const parsed = loginSchema.safeParse({ name: form.name, password: form.password });
    if (!parsed.success) return c.redirect("/login?failed", 303);
    const result = await signIn(c, parsed.data.name, parsed.data.password);
    return c.redirect("error" in result ? "/login?failed" : "/", 303);
  });
  return { api, pages };
}
