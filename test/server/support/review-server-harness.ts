import type { Hono } from "hono";
import type { FlagEvent, FlagStatus } from "../../../src/core/review/index";
import type { MemberRole } from "../../../src/core/review/review-roles";
import type { Database } from "../../../src/server/db/database";
import { migrate } from "../../../src/server/db/migrations";
import { openDatabase } from "../../../src/server/db/open-database";
import { pgliteDatabase } from "../../../src/server/db/pglite-database";
import { hashPassword } from "../../../src/server/passwords";
import { SESSION_COOKIE } from "../../../src/server/review-api";
import { ensureReview, saveUser, setMembership } from "../../../src/server/review-repository";
import { serverApp } from "../../../src/server/server-app";
import {
  type PostgresCluster,
  postgresInstalled,
  startPostgresCluster,
} from "../../support/postgres-cluster";

/*
 * The review server in a test: the app on an engine (PGlite in memory, or a throwaway PostgreSQL
 * cluster on a Unix socket), accounts made as `add-user` makes them, and signed-in clients that
 * call the API through Hono's `app.request` (no port).
 */

export type Engine = "pglite" | "postgresql";

/** The engines to run a suite on: PGlite always, PostgreSQL when Debian's is installed. */
export const ENGINES: Engine[] = postgresInstalled() ? ["pglite", "postgresql"] : ["pglite"];

/** A database of `engine`, migrated; `stop` closes it (and the cluster). */
export async function testDatabase(
  engine: Engine,
): Promise<{ db: Database; cluster: PostgresCluster | null; stop(): Promise<void> }> {
  if (engine === "pglite") {
    const db = await pgliteDatabase();
    await migrate(db);
    return { db, cluster: null, stop: () => db.close() };
  }
  const cluster = startPostgresCluster({ database: "reviews", postgis: false });
  const db = await openDatabase({ databaseUrl: cluster.url, poolSize: 4 });
  return {
    db,
    cluster,
    async stop() {
      await db.close();
      cluster.stop();
    },
  };
}

/** The password every test account has. */
export const PASSWORD = "correct horse battery";
let passwordHash: Promise<string> | null = null;

/** Creates the account (admin, or a member of `review` with `role`) as `add-user` does. */
export async function addUser(
  db: Database,
  name: string,
  role: MemberRole | "admin",
  review?: string,
): Promise<void> {
  passwordHash ??= hashPassword(PASSWORD);
  const hash = await passwordHash;
  await db.transaction(async (sql) => {
    const { user } = await saveUser(sql, name, hash, role === "admin");
    if (review && role !== "admin") {
      const r = await ensureReview(sql, review);
      await setMembership(sql, r.id, user.id, role);
    }
  });
}

/** A client of the API: its session cookie and the calls. */
export type Client = {
  name: string;
  /** The `cookie` header it sends ("" when signed out). */
  cookie: string;
  get(path: string): Promise<Response>;
  post(path: string, body: unknown, headers?: Record<string, string>): Promise<Response>;
  /** Posts events to a review's event list. */
  send(review: string, events: FlagEvent[]): Promise<Response>;
  /** Uploads a proposal file (bytes as sent) to a review, named `file`. */
  upload(review: string, file: string, bytes: Uint8Array | string): Promise<Response>;
};

export function client(app: Hono, name: string, cookie = ""): Client {
  const headers = (): Record<string, string> => (cookie ? { cookie } : {});
  const c: Client = {
    name,
    cookie,
    get: (path) => Promise.resolve(app.request(path, { headers: headers() })),
    post: (path, body, extra = {}) =>
      Promise.resolve(
        app.request(path, {
          method: "POST",
          headers: { "content-type": "application/json", ...headers(), ...extra },
          body: typeof body === "string" ? body : JSON.stringify(body),
        }),
      ),
    send: (review, events) => c.post(`/api/reviews/${review}/events`, { events }),
    upload: (review, file, bytes) =>
      Promise.resolve(
        app.request(`/api/reviews/${review}/proposals?name=${encodeURIComponent(file)}`, {
          method: "POST",
          headers: { "content-type": "application/octet-stream", ...headers() },
          body: (typeof bytes === "string"
            ? new TextEncoder().encode(bytes)
            : bytes) as Uint8Array<ArrayBuffer>,
        }),
      ),
  };
  return c;
}

/** Signs in through the API; the client carries the session cookie. */
export async function signIn(app: Hono, name: string, password = PASSWORD): Promise<Client> {
  const res = await client(app, name).post("/api/login", { name, password });
  if (res.status !== 200) throw new Error(`sign-in of ${name}: ${res.status} ${await res.text()}`);
  const set = res.headers.get("set-cookie") ?? "";
  const token = new RegExp(`${SESSION_COOKIE}=([^;]+)`).exec(set)?.[1];
  if (!token) throw new Error(`no session cookie in ${set}`);
  return client(app, name, `${SESSION_COOKIE}=${token}`);
}

/** The server app (no built app) on `db`. */
export const testApp = (db: Database): Hono => serverApp({ db, distDir: null });

let clock = Date.parse("2026-12-05T08:00:00.000Z");
let counter = 0;
/** A time after every earlier one of the test run, as events carry it. */
export function nextTime(): string {
  clock += 1000;
  return new Date(clock).toISOString();
}
/** A fresh 32-hex event id. */
export const newEventId = (): string => (++counter).toString(16).padStart(32, "0");
/** A fresh 16-hex finding id. */
export const newFindingId = (): string => (++counter + 0x1000000).toString(16).padStart(16, "0");

/** A create event of a flag on finding `findingId`. */
export function createEvent(reviewer: string, findingId: string = newFindingId()): FlagEvent {
  return {
    eventId: newEventId(),
    flagId: `finding:${findingId}`,
    at: nextTime(),
    reviewer,
    type: "create",
    target: {
      kind: "finding",
      finding: {
        id: findingId,
        rule: "flood-corridor",
        subject: { layer: "city-plan-zones", featureId: "42" },
        constraint: { layer: "flood-corridor", featureId: null },
        geometry: { type: "Point", coordinates: [105.85, 21.03] },
        areaSquareMeters: 1200.5,
      },
    },
  };
}

/** A status event replacing `replaces`. */
export function statusEvent(
  reviewer: string,
  flagId: string,
  status: FlagStatus,
  replaces: string[],
  extra: { comment?: string; settles?: true } = {},
): FlagEvent {
  return { ...metaOf(reviewer, flagId), type: "status", status, replaces, ...extra };
}

/** A comment; `to` addresses it to the consultant, `inReplyTo` answers one so addressed. */
export function commentEvent(
  reviewer: string,
  flagId: string,
  comment: string,
  extra: { to?: "consultant"; inReplyTo?: string } = {},
): FlagEvent {
  return { ...metaOf(reviewer, flagId), type: "comment", comment, ...extra };
}

/** A fresh event id and the next time, signed by `reviewer`. */
const metaOf = (reviewer: string, flagId: string) => ({
  eventId: newEventId(),
  flagId,
  at: nextTime(),
  reviewer,
});

/** A small revised proposal every reader takes: two zones of Hanoi with land-use codes. */
export function proposalGeoJson(code = "ODT"): string {
  const square = (x: number, y: number) => [
    [
      [x, y],
      [x + 0.01, y],
      [x + 0.01, y + 0.01],
      [x, y + 0.01],
      [x, y],
    ],
  ];
  return JSON.stringify({
    type: "FeatureCollection",
    features: [
      {
        type: "Feature",
        id: "P-A",
        properties: { land_use_code: code },
        geometry: { type: "Polygon", coordinates: square(105.8, 21.0) },
      },
      {
        type: "Feature",
        id: "P-B",
        properties: { land_use_code: "LUA" },
        geometry: { type: "Polygon", coordinates: square(105.82, 21.02) },
      },
    ],
  });
}
