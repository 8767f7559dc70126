import { describe, expect, it } from "vitest";
import { FloatSlab } from "../../../src/core/geo/float-slab";

/** Cuts `values` from the slab as its users do: reserve, write from there, cut. */
function put(slab: FloatSlab, values: number[]): Float64Array {
  const at = slab.reserve(values.length);
  slab.data.set(values, at);
  return slab.cut(at, at + values.length);
}

describe("FloatSlab", () => {
  it("hands out views that keep their numbers, in one slab while they fit", () => {
    const slab = new FloatSlab(8);
    const a = put(slab, [1, 2, 3]);
    const b = put(slab, [4, 5, 6, 7]);
    expect(a.buffer).toBe(b.buffer);
    // full: a new slab, the views cut before keep theirs
    const c = put(slab, [8, 9]);
    expect(c.buffer).not.toBe(a.buffer);
    const big = put(
      slab,
      Array.from({ length: 20 }, (_, k) => k),
    );
    expect([...a, ...b, ...c]).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(big).toHaveLength(20);
    expect(big[19]).toBe(19);
  });

  it("hands out nothing reserved but not cut", () => {
    const slab = new FloatSlab(8);
    slab.reserve(5);
    const a = put(slab, [1, 2]);
    expect(a.byteOffset).toBe(0);
  });
});
