/**
 * Exact orientation tests on double coordinates. A validity check must not call a ring that touches
 * itself simple, nor a simple ring touching: the sign of a 2 × 2 determinant computed in floating
 * point is wrong when points are nearly collinear, so the floating-point answer is taken only when
 * its error bound proves the sign (Shewchuk's first stage, "Adaptive Precision Floating-Point
 * Arithmetic and Fast Robust Geometric Predicates", 1997), and the rare rest is computed exactly
 * with BigInt. Coordinates are lon/lat degrees, so no product underflows.
 */

const EPSILON = 2 ** -53;
/** Shewchuk's ccwerrboundA: the relative error of the floating-point determinant below. */
const ERROR_BOUND = (3 + 16 * EPSILON) * EPSILON;

/**
 * Sign of the orientation of c relative to the directed line a → b: 1 when c lies to its left
 * (counter-clockwise turn), −1 to its right, 0 on the line. Exact.
 */
export function orient(
  ax: number,
  ay: number,
  bx: number,
  by: number,
  cx: number,
  cy: number,
): number {
  // differences from c, as Shewchuk's orient2d: c equal to a or b then gives exact zeros at once
  const left = (ax - cx) * (by - cy);
  const right = (ay - cy) * (bx - cx);
  const det = left - right;
  let sum: number;
  // opposite signs (or a zero, which only an exact zero difference gives) decide the sign alone
  if (left > 0) {
    if (right <= 0) return det > 0 ? 1 : det < 0 ? -1 : 0;
    sum = left + right;
  } else if (left < 0) {
    if (right >= 0) return det > 0 ? 1 : det < 0 ? -1 : 0;
    sum = -left - right;
  } else {
    return det > 0 ? 1 : det < 0 ? -1 : 0;
  }
  if (det >= ERROR_BOUND * sum) return 1;
  if (-det >= ERROR_BOUND * sum) return -1;
  return exactOrient(ax, ay, bx, by, cx, cy);
}

const view = new DataView(new ArrayBuffer(8));

/** A finite double as m · 2^e with m an integer (53 bits at most). */
function decompose(x: number): { m: bigint; e: number } {
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let m = BigInt(hi & 0xfffff) * 0x100000000n + BigInt(lo);
  let e = -1074;
  if (biased !== 0) {
    m += 1n << 52n;
    e = biased - 1075;
  }
  return { m: hi >>> 31 === 1 ? -m : m, e };
}

/** The exact orientation: every coordinate scaled to an integer by one power of two. */
function exactOrient(...values: number[]): number {
  const parts = values.map(decompose);
  let lowest = 0;
  for (const p of parts) if (p.m !== 0n && p.e < lowest) lowest = p.e;
  const [ax, ay, bx, by, cx, cy] = parts.map((p) => p.m << BigInt(p.e - lowest)) as [
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
    bigint,
  ];
  const det = (ax - cx) * (by - cy) - (ay - cy) * (bx - cx);
  return det > 0n ? 1 : det < 0n ? -1 : 0;
}
