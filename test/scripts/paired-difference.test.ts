import { describe, expect, it } from "vitest";
import { formatPairedDifference, pairedDifference } from "../../scripts/paired-difference.mjs";

describe("pairedDifference", () => {
  it("takes the loads two by two: their mean difference, its standard error, the pairs longer", () => {
    // this session's 15 first-map pairs, to the millisecond
    const these = [
      1777, 2216, 2064, 1868, 1766, 2047, 1833, 1913, 2200, 1841, 1912, 2239, 2128, 2251, 1887,
    ];
    const baseline = [
      1656, 1836, 1883, 1781, 1799, 1772, 2078, 2012, 1850, 1866, 2016, 1927, 2108, 1887, 1750,
    ];
    const difference = pairedDifference(these, baseline);
    expect(difference?.n).toBe(15);
    expect(difference?.mean).toBeCloseTo(114.73, 2);
    expect(difference?.standardError).toBeCloseTo(50.4, 0);
    expect(difference?.longer).toBe(10);
    expect(formatPairedDifference(difference as NonNullable<typeof difference>)).toBe(
      "+115 ms ± 50 (standard error), longer in 10 of 15 pairs",
    );
  });

  it("pairs as many loads as the shorter series has, and says when there is one pair or none", () => {
    const one = pairedDifference([900, 1000], [1000]);
    expect(one).toMatchObject({ n: 1, mean: -100, longer: 0 });
    expect(formatPairedDifference(one as NonNullable<typeof one>)).toBe("−100 ms (one pair)");
    expect(pairedDifference([], [1000])).toBeNull();
  });
});
