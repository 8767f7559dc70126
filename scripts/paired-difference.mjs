// How two builds loaded in turn differ, load by load (`npm run bench:app -- --baseline DIR`).

/**
 * The difference `these[i] − baseline[i]` over the pairs of loads made in turn: its mean, the
 * standard error of that mean, and in how many pairs `these` took longer. Loads made in turn see
 * the same moment of a machine whose speed drifts (±30 % from minute to minute here): the medians
 * of two such series moved apart and back by more than the difference looked for, the pairs
 * do not. Null without a pair.
 *
 * @param {readonly number[]} these
 * @param {readonly number[]} baseline
 * @returns {{ n: number, mean: number, standardError: number, longer: number } | null}
 */
export function pairedDifference(these, baseline) {
  const n = Math.min(these.length, baseline.length);
  if (n === 0) return null;
  const differences = Array.from({ length: n }, (_, i) => these[i] - baseline[i]);
  const mean = differences.reduce((sum, d) => sum + d, 0) / n;
  const variance =
    n > 1 ? differences.reduce((sum, d) => sum + (d - mean) ** 2, 0) / (n - 1) : Number.NaN;
  return {
    n,
    mean,
    standardError: Math.sqrt(variance / n),
    longer: differences.filter((d) => d > 0).length,
  };
}

/**
 * One line of a paired difference: "+115 ms ± 50 (standard error), longer in 10 of 15 pairs", or
 * with one pair "+115 ms (one pair)".
 *
 * @param {{ n: number, mean: number, standardError: number, longer: number }} difference
 */
export function formatPairedDifference({ n, mean, standardError, longer }) {
  const sign = mean > 0 ? "+" : mean < 0 ? "−" : "±";
  const size = `${sign}${Math.round(Math.abs(mean))} ms`;
  if (n < 2) return `${size} (one pair)`;
  return `${size} ± ${Math.round(standardError)} (standard error), longer in ${longer} of ${n} pairs`;
}
