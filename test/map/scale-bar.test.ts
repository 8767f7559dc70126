import { describe, expect, it } from "vitest";
import { scaleBar } from "../../src/map/scale-bar";

describe("scaleBar", () => {
  it("picks the longest 1, 2 or 5 × 10ⁿ metres that fits", () => {
    expect(scaleBar(10, 150)).toEqual({ meters: 1000, pixels: 100, label: "1 km" });
    expect(scaleBar(1, 150)).toEqual({ meters: 100, pixels: 100, label: "100 m" });
    expect(scaleBar(3, 150)).toEqual({ meters: 200, pixels: 200 / 3, label: "200 m" });
    expect(scaleBar(40, 150)).toEqual({ meters: 5000, pixels: 125, label: "5 km" });
    expect(scaleBar(0.01, 150)).toEqual({ meters: 1, pixels: 100, label: "1 m" });
    expect(scaleBar(0.001, 150)?.label).toBe("0.1 m");
  });

  it("never exceeds the room given", () => {
    for (const mpp of [0.37, 1.9, 7.3, 55, 410, 2222]) {
      const bar = scaleBar(mpp, 120);
      expect(bar?.pixels).toBeLessThanOrEqual(120);
      expect(bar?.pixels).toBeGreaterThan(120 / 5);
    }
  });

  it("is null for a scale a map that has not drawn gives", () => {
    expect(scaleBar(0, 100)).toBeNull();
    expect(scaleBar(Number.NaN, 100)).toBeNull();
    expect(scaleBar(Number.POSITIVE_INFINITY, 100)).toBeNull();
  });
});
