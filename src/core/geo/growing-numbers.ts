/**
 * Growable list of numbers in typed arrays from `make` (a `SharedArrayBuffer`'s, for a pack
 * shared between threads): its users keep a view of the last array (no copy at the end; the spare
 * capacity stays with it). Shared by the threads' geometry packs and the flat GeoJSON read.
 */
export class GrowingNumbers<T extends Float64Array | Int32Array> {
  data: T;
  /** Numbers written; lower it to drop the last ones. */
  length = 0;
  constructor(
    private readonly make: (length: number) => T,
    capacity: number,
  ) {
    this.data = make(Math.max(16, capacity));
  }
  /** Room for `n` more numbers: the array to write them into, from `length`. */
  reserve(n: number): T {
    if (this.length + n > this.data.length) {
      const grown = this.make(Math.max(this.length + n, 2 * this.data.length));
      grown.set(this.data.subarray(0, this.length));
      this.data = grown;
    }
    return this.data;
  }
  push(x: number): void {
    this.reserve(1)[this.length++] = x;
  }
  /** The numbers written. */
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }
}
