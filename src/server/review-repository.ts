import { createHash, randomBytes } from "node:crypto";
import { compareEvents } from "../core/review/fold-flags";
import { historyProblems } from "../core/review/history-problems";
import {
  type Disagreement,
  disagreementsOf,
  type FlagEvent,
  mergeReviews,
} from "../core/review/index";
import type { MemberRole, ReviewRole } from "../core/review/review-roles";
import type { Bilingual } from "../core/validate/validation-issue";
import type { Sql } from "./db/database";

/*
 * The review server's storage, as fixed SQL with parameters. Events are only ever inserted; the
 * state of a flag is folded from them (core `foldFlags`), as in the app.
 */

export type User = { id: number; name: string; admin: boolean };
export type Review = { id: number; slug: string; title: string; closed: boolean; lastSeq: number };
/** A review as a member sees it in the session. */
export type MemberReview = { id: string; title: string; role: ReviewRole; closed: boolean };

/** How long a sign-in lasts: a working day and evening. */
export const SESSION_HOURS = 12;

const sha256 = (text: string) => createHash("sha256").update(text).digest("base64url");

type UserRow = { id: number; name: string; admin: boolean; password_hash: string };
type ReviewRow = { id: number; slug: string; title: string; closed_at: unknown; last_seq: number };

const reviewOf = (row: ReviewRow): Review => ({
  id: row.id,
  slug: row.slug,
  title: row.title,
  closed: row.closed_at !== null,
  lastSeq: Number(row.last_seq),
});

/** The account and its password hash, or null. */
export async function findUser(
  sql: Sql,
  name: string,
): Promise<(User & { passwordHash: string }) | null> {
  const [row] = await sql.query<UserRow>(
    "SELECT id, name, admin, password_hash FROM users WHERE name = $1",
    [name],
  );
  return row
    ? { id: row.id, name: row.name, admin: row.admin, passwordHash: row.password_hash }
    : null;
}

/** Creates the account, or sets its password and admin flag when it exists; says which. */
export async function saveUser(
  sql: Sql,
  name: string,
  passwordHash: string,
  admin: boolean,
): Promise<{ user: User; created: boolean }> {
  const [row] = await sql.query<UserRow & { created: boolean }>(
    `INSERT INTO users (name, password_hash, admin) VALUES ($1, $2, $3)
     ON CONFLICT (name) DO UPDATE SET password_hash = EXCLUDED.password_hash,
       admin = users.admin OR EXCLUDED.admin
     RETURNING id, name, admin, (xmax = 0) AS created`,
    [name, passwordHash, admin],
  );
  if (!row) throw new Error("INSERT … RETURNING gave no row");
  return { user: { id: row.id, name: row.name, admin: row.admin }, created: row.created };
}

/** The review, created with `title` when it does not exist. */
export async function ensureReview(sql: Sql, slug: string, title = slug): Promise<Review> {
  await sql.query(
    "INSERT INTO reviews (slug, title) VALUES ($1, $2) ON CONFLICT (slug) DO NOTHING",
    [slug, title],
  );
  const review = await findReview(sql, slug);
  if (!review) throw new Error(`review ${slug} vanished`);
  return review;
}

export async function findReview(sql: Sql, slug: string): Promise<Review | null> {
  const [row] = await sql.query<ReviewRow>(
    "SELECT id, slug, title, closed_at, last_seq FROM reviews WHERE slug = $1",
    [slug],
  );
  return row ? reviewOf(row) : null;
}

/** Gives `user` the role in the review (replacing the one they had there). */
export async function setMembership(
  sql: Sql,
  reviewId: number,
  userId: number,
  role: MemberRole,
): Promise<void> {
  await sql.query(
    `INSERT INTO memberships (review_id, user_id, role) VALUES ($1, $2, $3)
     ON CONFLICT (review_id, user_id) DO UPDATE SET role = EXCLUDED.role`,
    [reviewId, userId, role],
  );
}

/** The user's role in the review: admin everywhere, a member's role, or null (not a member). */
export async function roleIn(sql: Sql, user: User, reviewId: number): Promise<ReviewRole | null> {
  if (user.admin) return "admin";
  const [row] = await sql.query<{ role: MemberRole }>(
    "SELECT role FROM memberships WHERE review_id = $1 AND user_id = $2",
    [reviewId, user.id],
  );
  return row?.role ?? null;
}

/** The reviews the user may open, by id. */
export async function reviewsOf(sql: Sql, user: User): Promise<MemberReview[]> {
  const rows = await sql.query<{ slug: string; title: string; closed_at: unknown; role: string }>(
    user.admin
      ? "SELECT slug, title, closed_at, 'admin' AS role FROM reviews WHERE $1::int IS NOT NULL ORDER BY slug"
      : `SELECT r.slug, r.title, r.closed_at, m.role FROM reviews r
         JOIN memberships m ON m.review_id = r.id WHERE m.user_id = $1 ORDER BY r.slug`,
    [user.id],
  );
  return rows.map((r) => ({
    id: r.slug,
    title: r.title,
    role: r.role as ReviewRole,
    closed: r.closed_at !== null,
  }));
}

/** A new session for the user; the token goes in the cookie, only its hash in the database. */
export async function createSession(sql: Sql, userId: number): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await sql.query(
    `INSERT INTO sessions (token_hash, user_id, expires_at)
     VALUES ($1, $2, now() + make_interval(hours => $3))`,
    [sha256(token), userId, SESSION_HOURS],
  );
  // expired sessions of anyone go now and then, so the table does not grow forever
  await sql.query("DELETE FROM sessions WHERE expires_at < now()");
  return token;
}

/** The user a session token belongs to, while it has not expired. */
export async function sessionUser(sql: Sql, token: string): Promise<User | null> {
  const [row] = await sql.query<UserRow>(
    `SELECT u.id, u.name, u.admin FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.token_hash = $1 AND s.expires_at > now()`,
    [sha256(token)],
  );
  return row ? { id: row.id, name: row.name, admin: row.admin } : null;
}

export async function deleteSession(sql: Sql, token: string): Promise<void> {
  await sql.query("DELETE FROM sessions WHERE token_hash = $1", [sha256(token)]);
}

/** Closes or reopens a review; who did it is kept. */
export async function setClosed(
  sql: Sql,
  reviewId: number,
  closed: boolean,
  by: string,
): Promise<void> {
  await sql.query(
    closed
      ? "UPDATE reviews SET closed_at = now(), closed_by = $2 WHERE id = $1"
      : "UPDATE reviews SET closed_at = NULL, closed_by = $2 WHERE id = $1",
    [reviewId, by],
  );
}

/** Most events one read returns; the client asks again with the last sequence number. */
export const EVENTS_PAGE = 5000;

/** The review's events after sequence number `after`, oldest first, and the last number read. */
export async function eventsAfter(
  sql: Sql,
  reviewId: number,
  after: number,
  limit = EVENTS_PAGE,
): Promise<{ events: FlagEvent[]; seq: number; more: boolean }> {
  const rows = await sql.query<{ seq: number; body: string }>(
    "SELECT seq, body FROM events WHERE review_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
    [reviewId, after, limit + 1],
  );
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  return {
    events: page.map((r) => JSON.parse(r.body) as FlagEvent),
    seq: page.length > 0 ? Number((page.at(-1) as { seq: number }).seq) : after,
    more,
  };
}

/** Every event of the review (export). */
export async function allEvents(sql: Sql, reviewId: number): Promise<FlagEvent[]> {
  const rows = await sql.query<{ body: string }>(
    "SELECT body FROM events WHERE review_id = $1 ORDER BY seq",
    [reviewId],
  );
  return rows.map((r) => JSON.parse(r.body) as FlagEvent);
}

/** What an append did, or why it stored nothing. */
export type AppendResult =
  | {
      ok: true;
      /** Events stored now. */
      added: number;
      /** Events the review held already (the same id and content): a resend, stored once. */
      duplicates: number;
      /** The last sequence number after the append. */
      seq: number;
      /** The disagreements on the flags the events touched. */
      disagreements: Disagreement[];
    }
  | { ok: false; status: 403 | 404 | 409 | 422; problem: Bilingual };

/**
 * Appends events to a review, all or none, in one transaction holding the review's row lock, so
 * writers of one review go one at a time (sequence numbers in commit order, and each batch checked
 * against everything stored before it) while other reviews are not held up. Each event is merged
 * as a review file is (`mergeReviews`: an id held already is a duplicate if equal, a conflict if
 * not), `refuse` may refuse one (permissions; it is told whether the review is closed), and the
 * flags' merged histories must keep the rules every history keeps (`historyProblems`).
 */
export async function appendEvents(
  sql: Sql,
  reviewId: number,
  incoming: readonly FlagEvent[],
  userId: number | null,
  refuse: (event: FlagEvent, closed: boolean) => Bilingual | null,
): Promise<AppendResult> {
  const [locked] = await sql.query<ReviewRow>(
    "SELECT id, slug, title, closed_at, last_seq FROM reviews WHERE id = $1 FOR UPDATE",
    [reviewId],
  );
  if (!locked)
    return {
      ok: false,
      status: 404,
      problem: { vi: "không có cuộc thẩm định", en: "no such review" },
    };
  const review = reviewOf(locked);
  for (const event of incoming) {
    const problem = refuse(event, review.closed);
    if (problem) return { ok: false, status: 403, problem };
  }
  const flagIds = [...new Set(incoming.map((e) => e.flagId))];
  const eventIds = incoming.map((e) => e.eventId);
  // what is stored of the flags touched, and any stored event with an incoming id (an id reused on
  // another flag is a conflict too)
  const rows = await sql.query<{ body: string }>(
    `SELECT body FROM events WHERE review_id = $1
     AND (flag_id = ANY($2::text[]) OR event_id = ANY($3::text[]))`,
    [reviewId, flagIds, eventIds],
  );
  const stored = rows.map((r) => JSON.parse(r.body) as FlagEvent);
  const merged = mergeReviews(stored, incoming);
  if (!merged.ok) return { ok: false, status: 409, problem: merged.problem };
  const all = [...stored, ...merged.added];
  for (const flagId of flagIds) {
    const history = all.filter((e) => e.flagId === flagId).sort(compareEvents);
    const [first] = historyProblems(flagId, history);
    if (first) {
      return {
        ok: false,
        status: 422,
        problem: {
          vi: `cờ ${flagId}, ${first.field}: ${first.message.vi}`,
          en: `flag ${flagId}, ${first.field}: ${first.message.en}`,
        },
      };
    }
  }
  const seqs = merged.added.map((_, i) => review.lastSeq + i + 1);
  const seq = review.lastSeq + merged.added.length;
  if (merged.added.length > 0) {
    // one statement for the batch: the arrays are parameters, never SQL text
    await sql.query(
      `INSERT INTO events (review_id, seq, event_id, flag_id, body, user_id)
       SELECT $1, t.seq, t.event_id, t.flag_id, t.body, $6
       FROM unnest($2::int[], $3::text[], $4::text[], $5::text[]) AS t(seq, event_id, flag_id, body)`,
      [
        reviewId,
        seqs,
        merged.added.map((e) => e.eventId),
        merged.added.map((e) => e.flagId),
        merged.added.map((e) => JSON.stringify(e)),
        userId,
      ],
    );
  }
  if (seq !== review.lastSeq) {
    await sql.query("UPDATE reviews SET last_seq = $2 WHERE id = $1", [reviewId, seq]);
  }
  return {
    ok: true,
    added: merged.added.length,
    duplicates: merged.duplicates,
    seq,
    disagreements: disagreementsOf(all.filter((e) => flagIds.includes(e.flagId))),
  };
}
