import { describe, expect, it } from "vitest";
import { compareIds, idKeys } from "../../../src/core/check/id-order";

/** A small deterministic generator (tests must give the same ids every run). */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** The ids in the order of their keys (ties by position, as a stable sort keeps them). */
function byKeys(ids: (string | null)[], keys: Float64Array): (string | null)[] {
  const positions = ids.map((_, i) => i);
  positions.sort((i, j) => (keys[i] as number) - (keys[j] as number) || i - j);
  return positions.map((i) => ids[i] as string | null);
}

const byCollation = (ids: (string | null)[]) => [...ids].sort(compareIds);

describe("idKeys", () => {
  it("orders ids of one shape as compareIds does, by numbers", () => {
    const next = random(7);
    const digits = (n: number) => String(Math.floor(next() * 10 ** n)).padStart(n, "0");
    const shapes: (() => string)[] = [
      () => `Z${digits(7)}`,
      () => `RP-${digits(6)}`,
      () => `${digits(3)}/${digits(2)} lô ${digits(1)}`.replace(" lô ", " lo "),
      () => `A${digits(2)}b${digits(3)}.${digits(1)}`,
      () => digits(15),
    ];
    for (const make of shapes) {
      const ids = Array.from({ length: 3000 }, make);
      ids.push(ids[5] as string); // equal ids, equal keys
      const keys = idKeys(ids);
      expect(keys, ids[0]).not.toBeNull();
      expect(byKeys(ids, keys as Float64Array)).toEqual(byCollation(ids));
    }
  });

  it("gives no keys where code units and the numeric collation may disagree", () => {
    const cases: (string | null)[][] = [
      ["Z2", "Z10", "Z1"], // digit runs of different lengths
      ["a1", "B1", "a2"], // letters differ: the collator orders them regardless of case
      ["Z01", "Y01", "X10"],
      ["Kiếm 01", "Kiếm 02"], // not ASCII
      ["Z001", null, "Z002"], // an absent id is the empty one
      ["1234567890123456", "1234567890123457"], // more digits than a double holds exactly
    ];
    for (const ids of cases) {
      expect(idKeys(ids), ids.join(",")).toBeNull();
      // the sort falls back to compareIds, whatever it says
    }
  });

  it("gives equal keys to absent ids, and none to no ids", () => {
    expect(Array.from(idKeys([null, undefined, ""]) as Float64Array)).toEqual([0, 0, 0]);
    expect(idKeys([])?.length).toBe(0);
  });
});
