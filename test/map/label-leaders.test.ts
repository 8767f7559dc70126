import { describe, expect, it } from "vitest";
import {
  type LabelBox,
  leaderOffsets,
  placeLabelsWithLeaders,
} from "../../src/map/label-collision";

const viewport = { width: 800, height: 600 };
const box = (key: string, x: number, y: number, priority = 0): LabelBox => ({
  key,
  x,
  y,
  width: 60,
  height: 14,
  priority,
});

function overlap(a: LabelBox, b: LabelBox): boolean {
  return (
    Math.abs(a.x - b.x) < (a.width + b.width) / 2 && Math.abs(a.y - b.y) < (a.height + b.height) / 2
  );
}

describe("placeLabelsWithLeaders", () => {
  it("keeps labels that fit on their anchor where they are", () => {
    const placed = placeLabelsWithLeaders([box("a", 100, 100), box("b", 300, 100)], viewport);
    expect([...placed.values()]).toEqual([
      { dx: 0, dy: 0 },
      { dx: 0, dy: 0 },
    ]);
  });

  it("moves a crowded label beside its anchor instead of hiding it (placeLabels would drop it)", () => {
    const placed = placeLabelsWithLeaders([box("a", 400, 300, 2), box("b", 405, 302, 1)], viewport);
    expect(placed.get("a")).toEqual({ dx: 0, dy: 0 });
    const b = placed.get("b");
    expect(b).toBeDefined();
    expect(b?.dx !== 0 || b?.dy !== 0).toBe(true);
  });

  it("places seven labels of a dense core without overlaps, inside the view", () => {
    // seven district names whose anchors lie within 40 px of each other, as the inner districts
    // do at the first view
    const core = ["001", "002", "005", "006", "007", "009", "003"].map((key, i) =>
      box(key, 400 + (i % 3) * 15, 300 + Math.floor(i / 3) * 12, -i),
    );
    const placed = placeLabelsWithLeaders(core, viewport);
    expect(placed.size).toBe(7);
    const boxes = core.map((b) => {
      const offset = placed.get(b.key) ?? { dx: 0, dy: 0 };
      return { ...b, x: b.x + offset.dx, y: b.y + offset.dy };
    });
    for (const [i, a] of boxes.entries()) {
      for (const other of boxes.slice(i + 1))
        expect(overlap(a, other), `${a.key}/${other.key}`).toBe(false);
      expect(a.x - a.width / 2).toBeGreaterThanOrEqual(0);
      expect(a.y - a.height / 2).toBeGreaterThanOrEqual(0);
    }
  });

  it("hides a label only when no spot within reach is free", () => {
    const placed = placeLabelsWithLeaders([box("a", 30, 7, 1), box("b", 30, 7, 0)], {
      width: 60,
      height: 14,
    });
    expect([...placed.keys()]).toEqual(["a"]);
  });

  it("tries nearer spots first", () => {
    const radii = leaderOffsets(14).map(({ dx, dy }) => Math.hypot(dx / 2, dy));
    // rings grow outwards (diagonal spots are rounded to whole pixels)
    for (const [i, radius] of radii.entries()) {
      expect(radius).toBeGreaterThanOrEqual((radii[i - 1] ?? 0) - 1);
    }
  });
});
