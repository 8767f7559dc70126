/*
 * Login attempts limited per key (the client address, and the account name): a fixed window of
 * `limit` failures per `windowMs`. In memory: one server process, and a restart forgets, which only
 * gives an attacker another window after an administrator restarted the server.
 */

/** What a limiter says about a key. */
export type Limited = { ok: true } | { ok: false; retryAfterSeconds: number };

export type RateLimiter = {
  /** Whether the key may try now. */
  check(key: string): Limited;
  /** A failed attempt of the key. */
  fail(key: string): void;
  /** A successful login forgets the key's failures. */
  reset(key: string): void;
};

/** Most keys remembered: an attacker cycling addresses cannot fill the memory. */
const MAX_KEYS = 100_000;

export function rateLimiter(
  limit: number,
  windowMs: number,
  now: () => number = Date.now,
): RateLimiter {
  const failures = new Map<string, { count: number; since: number }>();
  const current = (key: string) => {
    const entry = failures.get(key);
    if (entry && now() - entry.since >= windowMs) {
      failures.delete(key);
      return undefined;
    }
    return entry;
  };
  return {
    check(key) {
      const entry = current(key);
      if (!entry || entry.count < limit) return { ok: true };
      return { ok: false, retryAfterSeconds: Math.ceil((entry.since + windowMs - now()) / 1000) };
    },
    fail(key) {
      const entry = current(key);
      if (entry) entry.count++;
      else {
        if (failures.size >= MAX_KEYS) {
          // the oldest window goes first (a Map iterates in insertion order)
          const oldest = failures.keys().next().value;
          if (oldest !== undefined) failures.delete(oldest);
        }
        failures.set(key, { count: 1, since: now() });
      }
    },
    reset(key) {
      failures.delete(key);
    },
  };
}
