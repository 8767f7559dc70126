import { describe, expect, it } from "vitest";
import { type LabelBox, placeLabels } from "../../src/map/label-collision";

const viewport = { width: 800, height: 600 };
const box = (key: string, x: number, y: number, priority: number): LabelBox => ({
  key,
  x,
  y,
  width: 80,
  height: 20,
  priority,
});

describe("placeLabels", () => {
  it("keeps labels that do not overlap", () => {
    const shown = placeLabels([box("a", 100, 100, 1), box("b", 300, 100, 1)], viewport);
    expect([...shown].sort()).toEqual(["a", "b"]);
  });

  it("drops the lower-priority label of an overlapping pair", () => {
    const shown = placeLabels([box("small", 100, 100, 1), box("big", 150, 105, 9)], viewport);
    expect([...shown]).toEqual(["big"]);
  });

  it("counts the gap as overlap and keeps input order on equal priority", () => {
    // 80 px wide boxes with centres 83 px apart leave 3 px between them, under the 4 px gap.
    const shown = placeLabels([box("first", 100, 100, 1), box("second", 183, 100, 1)], viewport);
    expect([...shown]).toEqual(["first"]);
    expect(placeLabels([box("x", 100, 100, 1), box("y", 184, 100, 1)], viewport).size).toBe(2);
  });

  it("hides labels outside the viewport", () => {
    const shown = placeLabels([box("off", -100, 100, 5), box("on", 400, 300, 1)], viewport);
    expect([...shown]).toEqual(["on"]);
  });
});
