/**
 * Numbers cut from shared slabs: many small typed arrays, each a view of a large one. A typed array
 * of its own per geometry (a separate backing store for anything over 64 bytes) cost more than
 * filling it, for tens of thousands of small zones, and added to garbage collection: the
 * scavenger tracks every backing store. A slab stays alive while any view of it does.
 */
export class FloatSlab {
  data: Float64Array;
  /** Numbers of `data` already handed out. */
  used = 0;
  constructor(private readonly size: number) {
    this.data = new Float64Array(size);
  }
  /** Room for `n` numbers: `data` has them free from `used` on (a new slab when it had not). */
  reserve(n: number): number {
    if (n > this.size) {
      this.data = new Float64Array(n);
      this.used = 0;
    } else if (this.used + n > this.data.length) {
      this.data = new Float64Array(this.size);
      this.used = 0;
    }
    return this.used;
  }
  /** The numbers written from `from` to `to` (both in `data`), handed out: later reserves skip them. */
  cut(from: number, to: number): Float64Array {
    this.used = to;
    return this.data.subarray(from, to);
  }
}
