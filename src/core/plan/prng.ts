/**
 * FNV-1a hash of a string to an unsigned 32-bit integer. Seeds the generator's randomness from
 * readable keys (a lattice node, a zone id), so each draw depends only on its own key and not on
 * the order in which draws happen.
 */
export function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

/**
 * Mulberry32: a tiny, well-mixed 32-bit PRNG. Returns a function yielding numbers in [0, 1).
 * Written out here (a dozen lines) rather than pulling a dependency, because the generator only
 * needs a fixed, portable sequence per key.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A PRNG seeded by the global seed and a key, e.g. `keyedRandom(20241212, "node:3,-4")`.
 * Same seed and key → same sequence, on every machine.
 */
export function keyedRandom(seed: number, key: string): () => number {
  return mulberry32(hashString(`${seed >>> 0}:${key}`));
}
