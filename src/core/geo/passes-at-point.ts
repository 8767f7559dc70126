import { orient } from "./orientation";

/**
 * The turn from (px, py) towards vertex a of `xy` (x0, y0, x1, …) to vertex b: 1 when b lies to
 * the left (counter-clockwise), −1 to the right, 0 when collinear. Exact.
 */
export function turnAt(xy: Float64Array, px: number, py: number, a: number, b: number): number {
  return orient(
    px,
    py,
    xy[2 * a] as number,
    xy[2 * a + 1] as number,
    xy[2 * b] as number,
    xy[2 * b + 1] as number,
  );
}

/** Whether the directions from (px, py) to vertices a and b are the same: collinear, not opposite. */
export function sameDirection(xy: Float64Array, px: number, py: number, a: number, b: number) {
  if (turnAt(xy, px, py, a, b) !== 0) return false;
  // for collinear vectors the sign of the floating-point dot product is exact
  const ax = (xy[2 * a] as number) - px;
  const ay = (xy[2 * a + 1] as number) - py;
  return ax * ((xy[2 * b] as number) - px) + ay * ((xy[2 * b + 1] as number) - py) > 0;
}

/**
 * The rings passing through one point: each pass (a vertex of a ring there, or an edge through it)
 * leaves the point by two half-edges, towards the vertices before and after. Reused from point to
 * point.
 */
export class PassesAtPoint {
  /** Ring and part of each pass. */
  private readonly ring: number[] = [];
  private readonly part: number[] = [];
  /** The vertices the half-edges of pass p lead to: to[2p] and to[2p + 1]. */
  private readonly to: number[] = [];

  clear(): void {
    this.ring.length = 0;
    this.part.length = 0;
    this.to.length = 0;
  }

  add(ring: number, part: number, before: number, after: number): void {
    this.ring.push(ring);
    this.part.push(part);
    this.to.push(before, after);
  }

  /**
   * Whether the rings meet wrongly at (px, py): a ring passing twice (it touches or crosses
   * itself), two half-edges of one part leaving the same way (edges running along each other, or
   * a spike), or two rings' passes interleaving around the point (they cross there). Parts may
   * touch and share edges; a single touching point of two rings of one part is valid OGC.
   */
  wrong(xy: Float64Array, px: number, py: number): boolean {
    const { ring, part, to } = this;
    const passes = ring.length;
    if (passes === 1) return sameDirection(xy, px, py, to[0] as number, to[1] as number);
    if (new Set(ring).size < passes) return true;
    // half-edges around the point, counter-clockwise from east
    const m = to.length;
    const half = (k: number) => {
      const v = to[k] as number;
      const y = xy[2 * v + 1] as number;
      return y > py || (y === py && (xy[2 * v] as number) > px) ? 0 : 1;
    };
    const turn = (a: number, b: number) => turnAt(xy, px, py, to[a] as number, to[b] as number);
    const order = Array.from({ length: m }, (_, k) => k);
    order.sort((a, b) => half(a) - half(b) || -turn(a, b));
    // passes sharing a direction: whether they cross is not decided at this point
    const sharing = new Set<number>();
    for (let k = 0; k < m; k++) {
      const a = order[k] as number;
      const b = order[(k + 1) % m] as number;
      if (half(a) !== half(b) || turn(a, b) !== 0) continue;
      const pa = a >> 1;
      const pb = b >> 1;
      if (part[pa] === part[pb]) return true;
      sharing.add(pa * passes + pb).add(pb * passes + pa);
    }
    if (sharing.size === 0) {
      // chords around a circle cross unless, read from any point, each closes the last one opened
      const open: number[] = [];
      const seen = new Uint8Array(passes);
      for (const k of order) {
        const pass = k >> 1;
        if (seen[pass] === 0) {
          seen[pass] = 1;
          open.push(pass);
        } else if (open.pop() !== pass) {
          return true;
        }
      }
      return false;
    }
    const at = new Int32Array(m);
    for (let k = 0; k < m; k++) at[order[k] as number] = k;
    for (let a = 0; a < passes; a++) {
      const a1 = Math.min(at[2 * a] as number, at[2 * a + 1] as number);
      const a2 = Math.max(at[2 * a] as number, at[2 * a + 1] as number);
      for (let b = a + 1; b < passes; b++) {
        if (sharing.has(a * passes + b)) continue;
        const b1 = at[2 * b] as number;
        const b2 = at[2 * b + 1] as number;
        if (a1 < b1 && b1 < a2 !== (a1 < b2 && b2 < a2)) return true;
      }
    }
    return false;
  }
}
