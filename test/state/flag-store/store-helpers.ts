import type { FlagStore, FlagStoreSnapshot, StoreClock } from "../../../src/state/flag-store/index";

/** A clock whose retries run only when the test says so; it records every wait asked for. */
export function manualClock(): StoreClock & {
  delays: number[];
  runDue(): boolean;
  waiting(): number;
} {
  let now = 1_000_000;
  const queue: { run: () => void; at: number }[] = [];
  const delays: number[] = [];
  return {
    now: () => now,
    schedule(run, ms) {
      delays.push(ms);
      const item = { run, at: now + ms };
      queue.push(item);
      return () => {
        const i = queue.indexOf(item);
        if (i >= 0) queue.splice(i, 1);
      };
    },
    delays,
    /** Advances to the next scheduled retry and runs it; false when none waits. */
    runDue() {
      const item = queue.shift();
      if (!item) return false;
      now = item.at;
      item.run();
      return true;
    },
    waiting: () => queue.length,
  };
}

/** Resolves with the snapshot once `test` holds for it (checked now and after every change). */
export function until(
  store: FlagStore,
  test: (s: FlagStoreSnapshot) => boolean,
): Promise<FlagStoreSnapshot> {
  return new Promise((resolve) => {
    const check = () => {
      const s = store.getSnapshot();
      if (!test(s)) return false;
      resolve(s);
      return true;
    };
    if (check()) return;
    const stop = store.subscribe(() => {
      if (check()) stop();
    });
  });
}

export const saved = (s: FlagStoreSnapshot) => s.save.kind === "saved";
export const failed = (s: FlagStoreSnapshot) => s.save.kind === "failed";
