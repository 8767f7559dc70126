import { existsSync, writeFileSync } from "node:fs";
import type { BBox, Position } from "geojson";
import { describe, expect, it } from "vitest";
import { hexLattice, type LatticeOptions } from "../../../src/core/plan/hex-lattice";
import { localFrame, planarDistance } from "../../../src/core/plan/local-frame";
import { planFixturePath, readPlanFixture } from "./plan-inputs";

type Input = {
  bbox: BBox;
  origin: Position;
  spacingM: number;
  jitter: number;
  seed: number;
  defaultStep: number;
  densify: { center: Position; radiusM: number; step: number }[];
};

function optionsOf(input: Input): LatticeOptions {
  const frame = localFrame(input.origin);
  return {
    bbox: input.bbox,
    origin: input.origin,
    spacingM: input.spacingM,
    jitter: input.jitter,
    seed: input.seed,
    stepAt: (position) =>
      input.densify
        .filter(
          (d) => planarDistance(frame.toMetres(position), frame.toMetres(d.center)) <= d.radiusM,
        )
        .reduce((step, d) => Math.min(step, d.step), input.defaultStep),
  };
}

const round = (v: number) => Math.round(v * 1e7) / 1e7;
const input = readPlanFixture("hex-lattice.input.json") as Input;

describe("hexLattice", () => {
  it("matches the fixture (test/fixtures/plan/hex-lattice.*; UPDATE=1 rewrites it)", () => {
    const seeds = hexLattice(optionsOf(input)).map((s) => ({
      key: s.key,
      position: s.position.map(round),
    }));
    const expectedPath = planFixturePath("hex-lattice.expected.json");
    if (process.env.UPDATE === "1" || !existsSync(expectedPath)) {
      writeFileSync(expectedPath, `${JSON.stringify(seeds, null, 1)}\n`);
    }
    expect(seeds).toEqual(readPlanFixture("hex-lattice.expected.json"));
  });

  it("without jitter, lays a hexagonal lattice: six neighbours at the spacing", () => {
    const seeds = hexLattice({ ...optionsOf(input), jitter: 0, stepAt: () => 1 });
    const frame = localFrame(input.origin);
    const metres = seeds.map((s) => frame.toMetres(s.position));
    const centre = metres.reduce((best, p) =>
      Math.hypot(p[0], p[1]) < Math.hypot(best[0], best[1]) ? p : best,
    );
    const distances = metres
      .map((p) => planarDistance(p, centre))
      .filter((d) => d > 0)
      .sort((a, b) => a - b);
    expect(distances.slice(0, 6).every((d) => Math.abs(d - 800) < 1e-6)).toBe(true);
    expect((distances[6] ?? 0) - 800).toBeGreaterThan(500);
  });

  it("keeps a coarser lattice where the step is larger and jitters within its reach", () => {
    const fine = hexLattice({ ...optionsOf(input), jitter: 0, stepAt: () => 1 });
    const coarse = hexLattice({ ...optionsOf(input), jitter: 0, stepAt: () => 2 });
    expect(coarse.length).toBeGreaterThan(fine.length / 5);
    expect(coarse.length).toBeLessThan(fine.length / 3);
    expect(coarse.every((s) => s.i % 2 === 0 && s.j % 2 === 0)).toBe(true);

    const frame = localFrame(input.origin);
    const jittered = hexLattice(optionsOf(input));
    const byKey = new Map(fine.map((s) => [s.key, s.position]));
    for (const seed of jittered) {
      const exact = byKey.get(seed.key);
      if (!exact) continue;
      const [x, y] = frame.toMetres(seed.position);
      const [x0, y0] = frame.toMetres(exact);
      expect(Math.max(Math.abs(x - x0), Math.abs(y - y0))).toBeLessThanOrEqual(
        0.3 * 2 * 800 + 1e-6,
      );
    }
  });

  it("is deterministic and a node's position does not depend on the box", () => {
    const a = hexLattice(optionsOf(input));
    const wider = hexLattice(optionsOf({ ...input, bbox: [105.8, 21.0, 105.9, 21.06] }));
    expect(hexLattice(optionsOf(input))).toEqual(a);
    const widerByKey = new Map(wider.map((s) => [s.key, s.position]));
    for (const seed of a) expect(widerByKey.get(seed.key)).toEqual(seed.position);
  });
});
