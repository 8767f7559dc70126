import type { Bilingual } from "../../core/validate/validation-issue";
import type { Database } from "./database";

/*
 * The review database's schema, as numbered steps run in order at start. A step is never edited
 * once released: a change is a new step. The missing steps run in one transaction with their
 * version rows, so a server killed during an upgrade leaves the database as it was.
 */

const MEMBER_ROLES = "('lead', 'reviewer', 'consultant', 'viewer')";

/** The steps, oldest first: `MIGRATIONS[i]` brings the schema to version i + 1. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE reviews (
    id serial PRIMARY KEY,
    slug text NOT NULL UNIQUE,
    title text NOT NULL,
    closed_at timestamptz,
    closed_by text,
    -- the last event sequence number handed out: taken under this row's lock, so numbers are
    -- given in commit order and a reader asking "after n" never skips an event
    last_seq integer NOT NULL DEFAULT 0,
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE users (
    id serial PRIMARY KEY,
    name text NOT NULL UNIQUE,
    password_hash text NOT NULL,
    admin boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE TABLE memberships (
    review_id integer NOT NULL REFERENCES reviews ON DELETE CASCADE,
    user_id integer NOT NULL REFERENCES users ON DELETE CASCADE,
    role text NOT NULL CHECK (role IN ${MEMBER_ROLES}),
    PRIMARY KEY (review_id, user_id)
  );
  CREATE TABLE sessions (
    token_hash text PRIMARY KEY,
    user_id integer NOT NULL REFERENCES users ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL
  );
  CREATE TABLE events (
    review_id integer NOT NULL REFERENCES reviews,
    seq integer NOT NULL,
    event_id text NOT NULL,
    flag_id text NOT NULL,
    -- the event as JSON text, exactly as checked: exported as stored
    body text NOT NULL,
    -- who sent it (null for a review file imported by the command line)
    user_id integer REFERENCES users,
    received_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (review_id, seq),
    UNIQUE (review_id, event_id)
  );
  CREATE INDEX events_by_flag ON events (review_id, flag_id);
  -- append-only: the history is the record of the appraisal
  CREATE FUNCTION events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'flag events are append-only';
  END
  $$;
  CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
    FOR EACH ROW EXECUTE FUNCTION events_append_only();
  `,
  `
  -- the consultant's revised proposals: each upload a new version, the file kept as sent
  CREATE TABLE proposals (
    review_id integer NOT NULL REFERENCES reviews,
    version integer NOT NULL,
    file_name text NOT NULL,
    format text NOT NULL,
    bytes bytea NOT NULL,
    sha256 text NOT NULL,
    features integer NOT NULL,
    uploaded_by integer NOT NULL REFERENCES users,
    uploaded_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (review_id, version)
  );
  -- versions are kept as uploaded: the appraisal file refers to them
  CREATE FUNCTION proposals_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'proposal versions are append-only';
  END
  $$;
  CREATE TRIGGER proposals_append_only BEFORE UPDATE OR DELETE ON proposals
    FOR EACH ROW EXECUTE FUNCTION proposals_append_only();
  `,
];

/** The schema version this code writes and reads. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** Arbitrary key of the advisory lock that keeps two servers starting at once from both migrating. */
const MIGRATION_LOCK = 710_010;

/** The database was written by a newer version of the server: this one must not touch it. */
export class DatabaseTooNewError extends Error {
  override name = "DatabaseTooNewError";
  constructor(
    readonly found: number,
    readonly known: number,
  ) {
    super(`database schema version ${found} is newer than this server (${known})`);
  }
  /** What the command prints. */
  get text(): Bilingual {
    return {
      vi: `cơ sở dữ liệu thẩm định ở phiên bản ${this.found}, mới hơn máy chủ này (phiên bản ${this.known}): cập nhật plan-layers lên bản mới hơn, hoặc dùng thư mục/cơ sở dữ liệu khác; không thay đổi gì`,
      en: `the review database is at schema version ${this.found}, newer than this server (version ${this.known}): update plan-layers, or use another folder or database; nothing was changed`,
    };
  }
}

/**
 * Brings the database to {@link SCHEMA_VERSION}, step by step; refuses a database newer than the
 * code ({@link DatabaseTooNewError}) before changing anything.
 *
 * @returns the versions applied now
 */
export async function migrate(
  db: Database,
  steps: readonly string[] = MIGRATIONS,
): Promise<number[]> {
  return db.transaction(async (sql) => {
    await sql.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await sql.query(
      `CREATE TABLE IF NOT EXISTS schema_migrations (
        version integer PRIMARY KEY,
        applied_at timestamptz NOT NULL DEFAULT now()
      )`,
    );
    const [row] = await sql.query<{ version: number | null }>(
      "SELECT max(version) AS version FROM schema_migrations",
    );
    const current = row?.version ?? 0;
    if (current > steps.length) throw new DatabaseTooNewError(current, steps.length);
    const applied: number[] = [];
    for (let version = current + 1; version <= steps.length; version++) {
      // one statement list per step; the step's version row is written with it
      for (const statement of splitStatements(steps[version - 1] as string)) {
        await sql.query(statement);
      }
      await sql.query("INSERT INTO schema_migrations (version) VALUES ($1)", [version]);
      applied.push(version);
    }
    return applied;
  });
}

/**
 * A step's statements one by one (the extended protocol `query` uses takes one at a time): split at
 * `;` ending a line, except inside a `$$` function body.
 */
export function splitStatements(step: string): string[] {
  const statements: string[] = [];
  let current = "";
  let inBody = false;
  for (const line of step.split("\n")) {
    if ((line.match(/\$\$/g)?.length ?? 0) % 2 === 1) inBody = !inBody;
    current += `${line}\n`;
    if (!inBody && line.trimEnd().endsWith(";")) {
      statements.push(current.trim());
      current = "";
    }
  }
  if (current.trim()) statements.push(current.trim());
  return statements.filter((s) => s.replace(/--.*$/gm, "").trim().length > 0);
}
