import type { Position } from "geojson";
import { describe, expect, it } from "vitest";
import { localFrame, localLength, toLocal } from "../../../src/core/check/local-metric";

/** The lengths of toLocal's segments, added up line by line. */
function lengthOfArrays(lines: Float64Array[]): number {
  let total = 0;
  for (const line of lines) {
    let sum = 0;
    for (let i = 0; i + 3 < line.length; i += 2) {
      sum += Math.hypot(
        (line[i + 2] as number) - (line[i] as number),
        (line[i + 3] as number) - (line[i + 1] as number),
      );
    }
    total += sum;
  }
  return total;
}

describe("localLength", () => {
  const frame = localFrame(105.85, 21.03);

  it("is the length of toLocal's lines, to the last bit", () => {
    const shell: Position[] = [
      [105.8, 21.0],
      [105.9, 21.0],
      [105.9, 21.1],
      [105.83, 21.07],
      [105.8, 21.0],
    ];
    const hole: Position[] = [
      [105.85, 21.02],
      [105.86, 21.02],
      [105.85, 21.03],
      [105.85, 21.02],
    ];
    const lines = [shell, hole, [[105.7, 20.9]], []];
    expect(localLength(frame, lines)).toBe(lengthOfArrays(toLocal(frame, lines)));
  });

  it("measures a square of 0.001° at 21° N: about 104 m east-west and 111 m north-south", () => {
    const square: Position[] = [
      [105.85, 21.03],
      [105.851, 21.03],
      [105.851, 21.031],
      [105.85, 21.031],
      [105.85, 21.03],
    ];
    const perimeter = localLength(frame, [square]);
    expect(perimeter).toBeCloseTo(2 * (frame.kx + frame.ky) * 0.001, 6);
    expect(perimeter).toBeGreaterThan(2 * (103.5 + 110.5));
    expect(perimeter).toBeLessThan(2 * (104.5 + 111));
  });
});
