import type { FlagEvent } from "../core/review/index";
import type { Bilingual } from "../core/validate/validation-issue";
import type { Database } from "./db/database";
import { type AppendResult, appendEvents } from "./review-repository";

/*
 * Writes to one review go one transaction at a time (the review row's lock), so concurrent
 * requests would each hold a database connection while waiting for the lock, and the readers
 * would wait for a connection: under load every request slowed down together. Here the writes of a
 * review queue in the process instead, and the queued ones go together in the next transaction
 * (group commit: one lock and one commit for many requests). Each request is still checked and
 * stored on its own terms (appendEvents refuses before writing anything), so one refused request
 * does not touch the others; a database error fails the whole group, stored nothing, and each
 * client retries.
 */

type Job = {
  events: readonly FlagEvent[];
  userId: number | null;
  refuse: (event: FlagEvent, closed: boolean) => Bilingual | null;
  done: (result: AppendResult) => void;
  failed: (error: unknown) => void;
};

/** Most requests stored in one transaction: a group stays short enough to keep latency low. */
const MAX_GROUP = 64;

export type ReviewWriter = {
  /** Appends as `appendEvents` does, in the next transaction of the review. */
  append(
    reviewId: number,
    events: readonly FlagEvent[],
    userId: number | null,
    refuse: Job["refuse"],
  ): Promise<AppendResult>;
};

export function reviewWriter(db: Database): ReviewWriter {
  const queues = new Map<number, Job[]>();

  async function drain(reviewId: number, queue: Job[]): Promise<void> {
    while (queue.length > 0) {
      const group = queue.splice(0, MAX_GROUP);
      try {
        const results = await db.transaction(async (sql) => {
          const out: AppendResult[] = [];
          for (const job of group) {
            out.push(await appendEvents(sql, reviewId, job.events, job.userId, job.refuse));
          }
          return out;
        });
        for (const [i, job] of group.entries()) job.done(results[i] as AppendResult);
      } catch (error) {
        for (const job of group) job.failed(error);
      }
    }
    queues.delete(reviewId);
  }

  return {
    append(reviewId, events, userId, refuse) {
      return new Promise((done, failed) => {
        const job: Job = { events, userId, refuse, done, failed };
        const queue = queues.get(reviewId);
        if (queue) {
          queue.push(job);
          return;
        }
        const fresh = [job];
        queues.set(reviewId, fresh);
        void drain(reviewId, fresh);
      });
    },
  };
}
