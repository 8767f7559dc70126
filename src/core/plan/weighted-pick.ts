/** Weights of land-use codes, e.g. `{ ODT: 6, TMD: 2 }`; order of keys is the order of the file. */
export type CodeMix = Record<string, number>;

/**
 * Picks one key of `mix` with probability proportional to its weight, from a draw `unit` in [0, 1).
 * Deterministic: the same mix and draw always give the same code.
 *
 * @throws Error when the mix has no positive weight
 */
export function pickWeighted(mix: CodeMix, unit: number): string {
  const entries = Object.entries(mix).filter(([, weight]) => weight > 0);
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  if (entries.length === 0 || total <= 0) throw new Error("a code mix needs a positive weight");
  let threshold = Math.min(Math.max(unit, 0), 1 - Number.EPSILON) * total;
  for (const [code, weight] of entries) {
    if (threshold < weight) return code;
    threshold -= weight;
  }
  return (entries[entries.length - 1] as [string, number])[0];
}
