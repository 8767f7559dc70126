/** Types of paired-difference.mjs, for its tests. */
export type PairedDifference = { n: number; mean: number; standardError: number; longer: number };
export declare function pairedDifference(
  these: readonly number[],
  baseline: readonly number[],
): PairedDifference | null;
export declare function formatPairedDifference(difference: PairedDifference): string;
