import { describe, expect, it, vi } from "vitest";
import {
  CLOCK_READ_MS,
  finishSteps,
  ITEMS_PER_STEP,
  MAX_CLOCK_STRIDE,
  sortSteps,
  sparseClock,
  stepsInSlices,
} from "../../../src/core/check/steps";
import { seededRandom } from "../../support/seeded-random";

type Item = { key: number; at: number };
const byKey = (a: Item, b: Item) => a.key - b.key;

/** `n` items with keys from `key(i)`, each knowing its first place (to see stability). */
const items = (n: number, key: (i: number) => number): Item[] =>
  Array.from({ length: n }, (_, at) => ({ key: key(at), at }));

/** The steps run to the end, with how many times they paused. */
function counted<T>(steps: Generator<void, T>): { value: T; pauses: number } {
  let pauses = 0;
  for (;;) {
    const next = steps.next();
    if (next.done) return { value: next.value, pauses };
    pauses++;
  }
}

describe("sortSteps", () => {
  const rnd = seededRandom(11);
  const cases: [string, Item[]][] = [
    ["empty", []],
    ["one", items(1, () => 1)],
    ["random, many equal keys", items(5000, () => Math.floor(rnd() * 50))],
    ["random, distinct keys", items(3001, () => rnd())],
    ["sorted", items(2000, (i) => i)],
    ["reversed", items(2000, (i) => -i)],
    ["nearly sorted", items(4000, (i) => (i % 97 === 0 ? i - 50 : i))],
    ["two interleaved sorted halves", items(3000, (i) => (i % 2 === 0 ? i : i - 1500))],
  ];
  for (const [name, list] of cases) {
    it(`orders as the built-in (stable) sort does: ${name}`, () => {
      const expected = [...list].sort(byKey);
      const sorted = [...list];
      const { value } = counted(sortSteps(sorted, byKey));
      expect(value).toBe(sorted);
      expect(sorted).toEqual(expected);
    });
  }

  it("pauses every few hundred comparisons, also on a list already in order", () => {
    for (const list of [items(10_000, (i) => i), items(10_000, () => rnd())]) {
      let compared = 0;
      let longest = 0;
      let since = 0;
      const steps = sortSteps(list, (a, b) => {
        compared++;
        since++;
        return byKey(a, b);
      });
      for (let next = steps.next(); !next.done; next = steps.next()) {
        longest = Math.max(longest, since);
        since = 0;
      }
      longest = Math.max(longest, since);
      expect(compared).toBeGreaterThanOrEqual(9_999);
      expect(longest).toBeLessThanOrEqual(ITEMS_PER_STEP);
    }
  });
});

describe("stepsInSlices", () => {
  function* countTo(n: number): Generator<void, number> {
    let sum = 0;
    for (let i = 1; i <= n; i++) {
      sum += i;
      yield;
    }
    return sum;
  }

  it("gives what finishSteps gives, waiting between slices", async () => {
    const wait = vi.fn(() => Promise.resolve());
    expect(await stepsInSlices(countTo(100), { sliceMs: 0, wait })).toBe(finishSteps(countTo(100)));
    // a slice of 0 ms ends after each step
    expect(wait).toHaveBeenCalledTimes(100);
  });

  it("rejects with the signal's reason once aborted, without taking further steps", async () => {
    const abort = new AbortController();
    let taken = 0;
    function* endless(): Generator<void, never> {
      for (;;) {
        taken++;
        yield;
      }
    }
    const wait = () => {
      if (taken >= 3) abort.abort(new Error("newer run"));
      return Promise.resolve();
    };
    await expect(
      stepsInSlices(endless(), { sliceMs: 0, wait, signal: abort.signal }),
    ).rejects.toThrow("newer run");
    expect(taken).toBe(3);
  });
});

describe("sparseClock", () => {
  /** A clock whose time moves by what each unit of work costs, and counts its reads. */
  function fakeClock() {
    const clock = { t: 0, reads: 0 };
    const now = () => {
      clock.reads++;
      return clock.t;
    };
    return { clock, now };
  }
  /** Units of `cost(k)` ms until the slice is up: how many ran, and when it ended. */
  function slice(up: () => boolean, clock: { t: number }, cost: (k: number) => number) {
    for (let k = 0; ; k++) {
      clock.t += cost(k);
      if (up()) return { units: k + 1, end: clock.t };
    }
  }

  it("reads the clock every few dozen cheap units, and still ends the slice on time", () => {
    const { clock, now } = fakeClock();
    const sparse = sparseClock(now);
    sparse.slice(50);
    // units of a microsecond: 50 000 of them in a 50 ms slice
    const { units, end } = slice(sparse.up, clock, () => 0.001);
    expect(units).toBeGreaterThanOrEqual(50_000);
    expect(end - 50).toBeLessThanOrEqual(MAX_CLOCK_STRIDE * 0.001);
    expect(clock.reads).toBeLessThan(units / (MAX_CLOCK_STRIDE / 2));
  });

  it("reads it after each slow unit", () => {
    const { clock, now } = fakeClock();
    const sparse = sparseClock(now);
    sparse.slice(50);
    const { units, end } = slice(sparse.up, clock, () => 5);
    expect(units).toBe(10);
    expect(end).toBe(50);
    expect(clock.reads).toBe(11);
  });

  it("reads it more often again when units turn slow: a slice overruns by a few units only", () => {
    const { clock, now } = fakeClock();
    const sparse = sparseClock(now);
    sparse.slice(100);
    // cheap units until just before the end, then units of 5 ms: at most a stride of them late
    const worst = slice(sparse.up, clock, (k) => (k < 99_990 ? 0.001 : 5));
    expect(worst.end).toBeGreaterThanOrEqual(100);
    expect(worst.end - 100).toBeLessThanOrEqual(MAX_CLOCK_STRIDE * 5);
    // units of 0.5 ms from then on: the stride comes down to reads about 2 ms apart
    for (let k = 0; k < 3; k++) {
      sparse.slice(20);
      const start = clock.t;
      const next = slice(sparse.up, clock, () => 0.5);
      if (k === 2) expect(next.end - start - 20).toBeLessThanOrEqual(2 * CLOCK_READ_MS);
    }
  });
});
