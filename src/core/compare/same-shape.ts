import { type PreparedGeometry, ringCount } from "../check/prepared-geometry";

/**
 * Whether ring r of a and ring r of b (open rings of n vertices starting at `sa` and `sb`) have the
 * same vertices in the same cyclic order, either way round: a file that went through a Shapefile
 * comes back with its rings clockwise, and an editor may start a ring at another vertex.
 */
function sameRing(a: Float64Array, sa: number, b: Float64Array, sb: number, n: number): boolean {
  const x = a[2 * sa] as number;
  const y = a[2 * sa + 1] as number;
  // a ring may pass a vertex twice (touching itself): try every place b has a's first vertex
  for (let k = 0; k < n; k++) {
    if (b[2 * (sb + k)] !== x || b[2 * (sb + k) + 1] !== y) continue;
    let forward = true;
    let backward = true;
    for (let i = 1; i < n && (forward || backward); i++) {
      const ax = a[2 * (sa + i)] as number;
      const ay = a[2 * (sa + i) + 1] as number;
      const f = sb + ((k + i) % n);
      const r = sb + ((k - i + n) % n);
      if (forward && (b[2 * f] !== ax || b[2 * f + 1] !== ay)) forward = false;
      if (backward && (b[2 * r] !== ax || b[2 * r + 1] !== ay)) backward = false;
    }
    if (forward || backward) return true;
  }
  return false;
}

/**
 * Whether a and b are the same polygons: the same rings in the same order, each with the same
 * vertices up to its start and direction. Most zones of a proposal are the current zones as they
 * were; such a pair overlaps wholly and leaves nothing added or removed, which clipping would
 * only confirm at the cost of three kernel calls (their shared boundary makes every test of
 * `relate` say "contact"). Exact comparison only: a zone moved by a rounding is clipped as usual.
 */
export function sameShape(a: PreparedGeometry, b: PreparedGeometry): boolean {
  if (
    a.bbox[0] !== b.bbox[0] ||
    a.bbox[1] !== b.bbox[1] ||
    a.bbox[2] !== b.bbox[2] ||
    a.bbox[3] !== b.bbox[3]
  )
    return false;
  const rings = ringCount(a);
  if (rings !== ringCount(b)) return false;
  for (let r = 0; r < rings; r++) {
    const sa = a.ringStart[r] as number;
    const sb = b.ringStart[r] as number;
    const n = (a.ringStart[r + 1] as number) - sa;
    if (n !== (b.ringStart[r + 1] as number) - sb) return false;
    if (a.ringIsOuter[r] !== b.ringIsOuter[r] || a.ringPart[r] !== b.ringPart[r]) return false;
    if (!sameRing(a.coords, sa, b.coords, sb, n)) return false;
  }
  return true;
}
