import { describe, expect, it } from "vitest";
import { RecentCache } from "../../../src/core/check/lazy-layer";

/** The same cache as a plain list, least recently used first: what RecentCache must hold. */
class ListModel {
  entries: [number, string | null][] = [];
  constructor(private readonly capacity: number) {}
  get(index: number): string | null | undefined {
    const at = this.entries.findIndex(([i]) => i === index);
    if (at < 0) return undefined;
    const [entry] = this.entries.splice(at, 1);
    this.entries.push(entry as [number, string | null]);
    return (entry as [number, string | null])[1];
  }
  set(index: number, value: string | null): void {
    const at = this.entries.findIndex(([i]) => i === index);
    if (at >= 0) this.entries.splice(at, 1);
    else if (this.entries.length >= this.capacity) this.entries.shift();
    this.entries.push([index, value]);
  }
}

describe("RecentCache", () => {
  it("keeps the most recently used values, a hit counting as a use", () => {
    const cache = new RecentCache<string>(2, 10);
    cache.set(1, "a");
    cache.set(2, "b");
    expect(cache.get(1)).toBe("a"); // 1 is now newer than 2
    cache.set(3, "c"); // evicts 2
    expect(cache.get(2)).toBeUndefined();
    expect(cache.get(1)).toBe("a");
    expect(cache.get(3)).toBe("c");
    cache.set(3, "c2"); // a new value for a held index evicts nothing
    expect(cache.get(1)).toBe("a");
    expect(cache.get(3)).toBe("c2");
  });

  it("holds null as a value, and does as a list does over a long random run", () => {
    let seed = 5;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (const capacity of [1, 3, 17]) {
      const cache = new RecentCache<string | null>(capacity, 40);
      const model = new ListModel(capacity);
      for (let step = 0; step < 5000; step++) {
        const index = Math.floor(next() * 40);
        if (next() < 0.5) {
          expect(cache.get(index), `step ${step}`).toBe(model.get(index));
        } else {
          const value = next() < 0.2 ? null : `v${step}`;
          cache.set(index, value);
          model.set(index, value);
        }
      }
      for (let index = 0; index < 40; index++) expect(cache.get(index)).toBe(model.get(index));
    }
  });
});
