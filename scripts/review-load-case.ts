import { type ChildProcess, spawn } from "node:child_process";
import { historyProblems } from "../src/core/review/history-problems";
import { compareEvents, type FlagEvent, foldFlags } from "../src/core/review/index";
import { openDatabase } from "../src/server/db/open-database";
import { hashPassword } from "../src/server/passwords";
import { ensureReview, saveUser, setMembership } from "../src/server/review-repository";
import {
  commentEvent,
  createEvent,
  statusEvent,
} from "../test/server/support/review-server-harness";
import { startPostgresCluster } from "../test/support/postgres-cluster";

/*
 * The review server under load (issue 10), run by scripts/review-load.mjs and review-fault.mjs:
 * a throwaway PostgreSQL cluster (Unix socket, fsync on), the server as its own process (the
 * `npm run serve` bundle) on loopback, and N simulated reviewers that sign in, then for S seconds
 * write (flag a finding with a comment: a batch of two events; change a status; comment) and read
 * the other reviewers' changes. Every write the server acknowledged (HTTP 200) is remembered; at
 * the end the database must hold each of them, every batch whole or not at all, sequence numbers
 * without a gap, and every flag's history must keep the rules. With `fault`, the server is killed
 * with SIGKILL half-way and started again; the reviewers keep going, retrying what failed.
 *
 *   node build/bench/review-load-case.mjs <serve bundle> <reviewers> <seconds> <think ms> <fault 0|1>
 */

const [serveBundle, reviewersArg, secondsArg, thinkArg, faultArg] = process.argv.slice(2);
const REVIEWERS = Number(reviewersArg ?? 50);
const SECONDS = Number(secondsArg ?? 60);
const THINK_MS = Number(thinkArg ?? 100);
const FAULT = faultArg === "1";
const REVIEW = "load-test";
const PASSWORD = "load test password";

if (!serveBundle) throw new Error("usage: review-load-case.mjs <serve bundle> …");

const cluster = startPostgresCluster({
  database: "reviews",
  postgis: false,
  // durable as a real server is: an acknowledged write must survive
  settings: { fsync: "on", synchronous_commit: "on", full_page_writes: "on" },
});

let server = null as ChildProcess | null;
let port = 0;

/** Starts the server process on `port` (0: any); resolves with the port it listens on. */
function startServer(wanted: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        serveBundle as string,
        "--port",
        String(wanted),
        "--host",
        "127.0.0.1",
        "--dist",
        "/nonexistent",
      ],
      { env: { ...process.env, DATABASE_URL: cluster.url }, stdio: ["ignore", "pipe", "pipe"] },
    );
    server = child;
    let out = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      out += String(chunk);
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) resolve(Number(m[1]));
    });
    child.stderr?.on("data", (chunk: Buffer) => process.stderr.write(chunk));
    child.on("exit", (code, signal) => {
      if (!/http:\/\//.test(out))
        reject(new Error(`server ended before listening (${code ?? signal})`));
    });
  });
}

type Sample = { kind: "write" | "read"; ms: number };
const samples: Sample[] = [];
/** Batches the server acknowledged, and batches it did not (failed, refused, or unanswered). */
const acked: FlagEvent[][] = [];
const unacked: FlagEvent[][] = [];
let errors = 0;
let refused = 0;

async function signIn(name: string): Promise<string> {
  for (;;) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/api/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name, password: PASSWORD }),
      });
      if (res.status !== 200) throw new Error(`login ${res.status}`);
      return (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
    } catch {
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

/** One reviewer: writes and reads until `deadline`, waiting THINK_MS on average in between. */
async function reviewer(name: string, cookie: string, deadline: number): Promise<void> {
  const mine: { flagId: string; head: string; status: string }[] = [];
  let seq = 0;
  const url = (path: string) => `http://127.0.0.1:${port}/api/reviews/${REVIEW}/${path}`;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, Math.random() * 2 * THINK_MS));
    const t0 = performance.now();
    if (Math.random() < 0.4) {
      try {
        const res = await fetch(url(`events?after=${seq}`), { headers: { cookie } });
        if (res.status === 200) {
          const body = (await res.json()) as { seq: number };
          seq = body.seq;
          samples.push({ kind: "read", ms: performance.now() - t0 });
        } else errors++;
      } catch {
        errors++;
      }
      continue;
    }
    let batch: FlagEvent[];
    const own = mine[Math.floor(Math.random() * mine.length)];
    if (!own || Math.random() < 0.5) {
      const create = createEvent(name);
      batch = [create, commentEvent(name, create.flagId, "lấn hành lang thoát lũ")];
    } else if (own.status === "open") {
      batch = [statusEvent(name, own.flagId, "confirmed", [own.head])];
    } else {
      batch = [commentEvent(name, own.flagId, `ghi chú ${samples.length}`)];
    }
    // a batch not acknowledged is sent again, as the app's queue does, until the deadline
    for (;;) {
      try {
        const res = await fetch(url("events"), {
          method: "POST",
          headers: { "content-type": "application/json", cookie },
          body: JSON.stringify({ events: batch }),
        });
        if (res.status === 200) {
          await res.arrayBuffer();
          samples.push({ kind: "write", ms: performance.now() - t0 });
          acked.push(batch);
          const first = batch[0] as FlagEvent;
          if (first.type === "create")
            mine.push({ flagId: first.flagId, head: first.eventId, status: "open" });
          if (first.type === "status" && own) {
            own.head = first.eventId;
            own.status = first.status;
          }
          break;
        }
        refused++;
        unacked.push(batch);
        break;
      } catch {
        errors++;
        if (Date.now() >= deadline) {
          unacked.push(batch);
          break;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }
}

function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

const round = (n: number) => Math.round(n * 10) / 10;

try {
  const db = await openDatabase({ databaseUrl: cluster.url, poolSize: 2 });
  const hash = await hashPassword(PASSWORD);
  await db.transaction(async (sql) => {
    const review = await ensureReview(sql, REVIEW);
    for (let i = 0; i < REVIEWERS; i++) {
      const { user } = await saveUser(sql, `reviewer-${i}`, hash, false);
      await setMembership(sql, review.id, user.id, "reviewer");
    }
  });
  port = await startServer(0);
  // everyone signs in first (scrypt is slow on purpose): the timed load is the review work
  const names = Array.from({ length: REVIEWERS }, (_, i) => `reviewer-${i}`);
  const cookies: string[] = [];
  for (const name of names) cookies.push(await signIn(name));
  const start = Date.now();
  const deadline = start + SECONDS * 1000;
  let killedAt: number | null = null;
  let backAt: number | null = null;
  const fault = FAULT
    ? new Promise<void>((resolve) =>
        setTimeout(
          async () => {
            killedAt = Date.now() - start;
            server?.kill("SIGKILL");
            await startServer(port);
            backAt = Date.now() - start;
            resolve();
          },
          (SECONDS * 1000) / 2,
        ),
      )
    : Promise.resolve();
  await Promise.all([
    ...names.map((name, i) => reviewer(name, cookies[i] as string, deadline)),
    fault,
  ]);
  const elapsed = (Date.now() - start) / 1000;
  server?.kill("SIGTERM");

  // what the database holds
  const rows = await db.query<{ seq: number; event_id: string; body: string }>(
    "SELECT seq, event_id, body FROM events ORDER BY seq",
  );
  const stored = new Set(rows.map((r) => r.event_id));
  const lost = acked.flat().filter((e) => !stored.has(e.eventId)).length;
  const halfWritten = [...acked, ...unacked].filter((b) => {
    const held = b.filter((e) => stored.has(e.eventId)).length;
    return held !== 0 && held !== b.length;
  }).length;
  const gaps = rows.filter((r, i) => Number(r.seq) !== i + 1).length;
  const events = rows.map((r) => JSON.parse(r.body) as FlagEvent);
  const flags = foldFlags(events);
  let badHistories = 0;
  for (const [id, flag] of flags) {
    if (historyProblems(id, [...flag.history].sort(compareEvents)).length > 0) badHistories++;
  }
  await db.close();
  const writes = samples.filter((s) => s.kind === "write").map((s) => s.ms);
  const reads = samples.filter((s) => s.kind === "read").map((s) => s.ms);
  console.log(
    JSON.stringify({
      reviewers: REVIEWERS,
      seconds: round(elapsed),
      think_ms: THINK_MS,
      fault: FAULT,
      killed_at_s: killedAt === null ? null : round(killedAt / 1000),
      back_at_s: backAt === null ? null : round(backAt / 1000),
      requests: samples.length,
      throughput_per_s: round(samples.length / elapsed),
      writes_acked: acked.length,
      events_acked: acked.flat().length,
      reads: reads.length,
      write_p50_ms: round(percentile(writes, 50)),
      write_p99_ms: round(percentile(writes, 99)),
      read_p50_ms: round(percentile(reads, 50)),
      read_p99_ms: round(percentile(reads, 99)),
      failed_attempts: errors,
      refused,
      unacked_batches: unacked.length,
      events_stored: rows.length,
      acknowledged_lost: lost,
      half_written_batches: halfWritten,
      sequence_gaps: gaps,
      flags: flags.size,
      bad_histories: badHistories,
    }),
  );
  process.exitCode = lost === 0 && halfWritten === 0 && gaps === 0 && badHistories === 0 ? 0 : 1;
} finally {
  server?.kill("SIGKILL");
  cluster.stop();
}
