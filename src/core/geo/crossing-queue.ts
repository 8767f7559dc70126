/** Crossings a new queue holds before its arrays grow. */
export const INITIAL_CAPACITY = 16;

/**
 * The pending crossings of a plane sweep: a binary heap, west to east (south to north on a
 * meridian), of points with the two edges that cross there, in typed arrays that double when full.
 */
export class CrossingQueue {
  private xs = new Float64Array(INITIAL_CAPACITY);
  private ys = new Float64Array(INITIAL_CAPACITY);
  private as = new Int32Array(INITIAL_CAPACITY);
  private bs = new Int32Array(INITIAL_CAPACITY);
  size = 0;

  /** Crossings it holds before its arrays grow. */
  get capacity(): number {
    return this.xs.length;
  }

  /** The first crossing's point and edges (valid while `size` > 0). */
  get x(): number {
    return this.xs[0] as number;
  }
  get y(): number {
    return this.ys[0] as number;
  }
  get a(): number {
    return this.as[0] as number;
  }
  get b(): number {
    return this.bs[0] as number;
  }

  push(x: number, y: number, a: number, b: number): void {
    if (this.size === this.xs.length) this.grow();
    const { xs, ys } = this;
    let k = this.size++;
    while (k > 0) {
      const parent = (k - 1) >> 1;
      if (!before(x, y, xs[parent] as number, ys[parent] as number)) break;
      this.move(parent, k);
      k = parent;
    }
    this.put(k, x, y, a, b);
  }

  /** Drops the first crossing. */
  pop(): void {
    const n = --this.size;
    if (n <= 0) return;
    const { xs, ys } = this;
    const x = xs[n] as number;
    const y = ys[n] as number;
    const a = this.as[n] as number;
    const b = this.bs[n] as number;
    let k = 0;
    for (;;) {
      let c = 2 * k + 1;
      if (c >= n) break;
      if (
        c + 1 < n &&
        before(xs[c + 1] as number, ys[c + 1] as number, xs[c] as number, ys[c] as number)
      )
        c++;
      if (!before(xs[c] as number, ys[c] as number, x, y)) break;
      this.move(c, k);
      k = c;
    }
    this.put(k, x, y, a, b);
  }

  private put(k: number, x: number, y: number, a: number, b: number): void {
    this.xs[k] = x;
    this.ys[k] = y;
    this.as[k] = a;
    this.bs[k] = b;
  }

  private move(from: number, to: number): void {
    this.xs[to] = this.xs[from] as number;
    this.ys[to] = this.ys[from] as number;
    this.as[to] = this.as[from] as number;
    this.bs[to] = this.bs[from] as number;
  }

  private grow(): void {
    const size = 2 * this.xs.length;
    const xs = new Float64Array(size);
    const ys = new Float64Array(size);
    const as = new Int32Array(size);
    const bs = new Int32Array(size);
    xs.set(this.xs);
    ys.set(this.ys);
    as.set(this.as);
    bs.set(this.bs);
    this.xs = xs;
    this.ys = ys;
    this.as = as;
    this.bs = bs;
  }
}

/** Lexicographic order of points: west to east, south to north on a meridian. */
export function before(ax: number, ay: number, bx: number, by: number): boolean {
  return ax < bx || (ax === bx && ay < by);
}
