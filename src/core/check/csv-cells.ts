/** A number with `digits` decimals; empty for none (null, undefined, not finite). */
export const fixed = (value: number | null | undefined, digits: number) =>
  value === null || value === undefined || !Number.isFinite(value) ? "" : value.toFixed(digits);
