import { describe, expect, it } from "vitest";
import { type LabelBox, placeLabelsWithLeaders } from "../../src/map/label-collision";

const viewport = { width: 800, height: 600 };
const box = (key: string, x: number, y: number, priority: number): LabelBox => ({
  key,
  x,
  y,
  width: 80,
  height: 20,
  priority,
});
/** Placed on their anchors only (no spot beside them), with a gap of 4 px. */
const onAnchors = (boxes: LabelBox[], obstacles: LabelBox[] = []) => [
  ...placeLabelsWithLeaders(boxes, viewport, 4, 0, obstacles).keys(),
];

describe("placeLabelsWithLeaders on anchors only", () => {
  it("keeps labels that do not overlap", () => {
    expect(onAnchors([box("a", 100, 100, 1), box("b", 300, 100, 1)]).sort()).toEqual(["a", "b"]);
  });

  it("drops the lower-priority label of an overlapping pair", () => {
    expect(onAnchors([box("small", 100, 100, 1), box("big", 150, 105, 9)])).toEqual(["big"]);
  });

  it("counts the gap as overlap and keeps input order on equal priority", () => {
    // 80 px wide boxes with centres 83 px apart leave 3 px between them, under the 4 px gap.
    expect(onAnchors([box("first", 100, 100, 1), box("second", 183, 100, 1)])).toEqual(["first"]);
    expect(onAnchors([box("x", 100, 100, 1), box("y", 185, 100, 1)])).toHaveLength(2);
  });

  it("hides labels outside the viewport", () => {
    expect(onAnchors([box("off", -100, 100, 5), box("on", 400, 300, 1)])).toEqual(["on"]);
  });

  it("keeps off the obstacles, whatever their priority, and never returns them", () => {
    const district = box("district", 400, 300, -100);
    expect(onAnchors([box("lake", 420, 305, 50), box("river", 100, 100, 1)], [district])).toEqual([
      "river",
    ]);
  });
});

describe("placeLabelsWithLeaders with obstacles and room to move", () => {
  it("nudges a label off an obstacle to the nearest free spot", () => {
    const district = box("district", 400, 300, 0);
    const placed = placeLabelsWithLeaders([box("lake", 405, 302, 1)], viewport, 4, 40, [district]);
    const offset = placed.get("lake");
    expect(offset).toBeDefined();
    const at = { ...box("lake", 405 + (offset?.dx ?? 0), 302 + (offset?.dy ?? 0), 1) };
    expect(Math.abs(at.y - district.y) >= 20 + 4 || Math.abs(at.x - district.x) >= 80 + 4).toBe(
      true,
    );
  });
});
