import { describe, expect, it } from "vitest";
import { boxCover, mayMeet } from "../../../src/core/check/box-cover";
import { seededRandom } from "../../support/seeded-random";

type Box = [number, number, number, number];

const meets = (a: Box, b: Box) => !(a[2] < b[0] || b[2] < a[0] || a[3] < b[1] || b[3] < a[1]);

function randomBox(rnd: () => number, size: number): Box {
  const x = 105.3 + rnd() * 0.9;
  const y = 20.5 + rnd() * 0.9;
  return [x, y, x + rnd() * size, y + rnd() * size];
}

describe("boxCover", () => {
  it("never says no for a box that meets one of the boxes, touching included", () => {
    const rnd = seededRandom(11);
    const boxes: Box[] = Array.from({ length: 400 }, () => randomBox(rnd, 0.01));
    // a few large ones, and one flat on each axis
    boxes.push([105.4, 20.6, 105.9, 20.7], [105.5, 21, 105.5, 21.2], [105.6, 20.9, 105.8, 20.9]);
    const cover = boxCover(Float64Array.from(boxes.flat()), boxes.length);
    let said = 0;
    let clear = 0;
    for (let k = 0; k < 20_000; k++) {
      const probe = randomBox(rnd, 0.005);
      const truth = boxes.some((b) => meets(b, probe));
      const answer = mayMeet(cover, ...probe);
      if (truth) expect(answer).toBe(true);
      if (!truth) clear++;
      if (!truth && !answer) said++;
    }
    // and it is of use: most probes clear of every box are told so
    expect(said / clear).toBeGreaterThan(0.5);
    for (const b of boxes) {
      // a box touching another at a corner only, and a point on an edge
      expect(mayMeet(cover, b[2], b[3], b[2] + 0.3, b[3] + 0.3)).toBe(true);
      expect(mayMeet(cover, b[0], b[1], b[0], b[1])).toBe(true);
    }
  });

  it("says no outside the boxes' extent, and handles one box and boxes that are points", () => {
    const one = boxCover(Float64Array.of(105.8, 21, 105.9, 21.1), 1);
    expect(mayMeet(one, 105.7, 20.9, 105.79, 20.99)).toBe(false);
    expect(mayMeet(one, 105.91, 21, 106, 21.1)).toBe(false);
    expect(mayMeet(one, 105.85, 21.05, 105.86, 21.06)).toBe(true);
    expect(mayMeet(one, 105, 20, 107, 22)).toBe(true);
    const points = boxCover(Float64Array.of(105.8, 21, 105.8, 21, 105.8, 21, 105.8, 21), 2);
    expect(mayMeet(points, 105.8, 21, 105.8, 21)).toBe(true);
    expect(mayMeet(points, 105.7, 20.9, 105.8, 21)).toBe(true);
    expect(mayMeet(points, 105.7, 20.9, 105.79, 21)).toBe(false);
  });
});
