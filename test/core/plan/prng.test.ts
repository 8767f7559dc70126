import { describe, expect, it } from "vitest";
import { hashString, keyedRandom, mulberry32 } from "../../../src/core/plan/prng";

describe("hashString", () => {
  it("is the 32-bit FNV-1a hash", () => {
    // Published FNV-1a test vectors.
    expect(hashString("")).toBe(0x811c9dc5);
    expect(hashString("a")).toBe(0xe40c292c);
    expect(hashString("foobar")).toBe(0xbf9cf968);
  });
});

describe("mulberry32 and keyedRandom", () => {
  it("repeat the same sequence for the same seed and key, in [0, 1)", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const draws = Array.from({ length: 1000 }, () => a());
    expect(draws).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(draws.every((u) => u >= 0 && u < 1)).toBe(true);
    // keyed by the FNV-1a hash of "seed:key", so a key's sequence is mulberry32's for that hash
    const keyed = keyedRandom(7, "node:1,2");
    const direct = mulberry32(hashString("7:node:1,2"));
    expect(Array.from({ length: 5 }, () => keyed())).toEqual(
      Array.from({ length: 5 }, () => direct()),
    );
  });

  it("give different sequences for different keys and spread draws evenly", () => {
    expect(keyedRandom(7, "node:1,2")()).not.toBe(keyedRandom(7, "node:2,1")());
    const random = mulberry32(1);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 10_000; i++) {
      const bucket = Math.floor(random() * 10);
      buckets[bucket] = (buckets[bucket] ?? 0) + 1;
    }
    for (const count of buckets) expect(count).toBeGreaterThan(900);
  });
});
