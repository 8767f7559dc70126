import { describe, expect, it } from "vitest";
import {
  checkLayerSpecs,
  findingsCollection,
  hatchImageId,
  hatchPattern,
  hexToRgb,
  highlightCollection,
} from "../../src/map/check-layers";
import { finding } from "../state/check-finding";

/** Alpha of pixel (x, y) of a pattern. */
const alpha = (p: ReturnType<typeof hatchPattern>, x: number, y: number) =>
  p.data[(y * p.width + x) * 4 + 3] ?? -1;

describe("hatchPattern", () => {
  it("draws 45° lines in the given colour on a transparent tile", () => {
    const p = hatchPattern([198, 40, 40], false, 12, 2);
    expect([p.width, p.height, p.data.length]).toEqual([12, 12, 12 * 12 * 4]);
    expect([...p.data.slice(0, 3)]).toEqual([198, 40, 40]);
    // On the line x + y + 1 = 12 and half a tile away from it.
    expect(alpha(p, 5, 6)).toBe(255);
    expect(alpha(p, 0, 5)).toBe(0);
    const opaque = [...Array(144).keys()].filter((i) => (p.data[i * 4 + 3] ?? 0) > 0).length;
    expect(opaque).toBeGreaterThan(12);
    expect(opaque).toBeLessThan(72);
  });

  it("tiles seamlessly: a line leaving one edge comes back on the opposite edge", () => {
    const p = hatchPattern([0, 0, 0], false, 16, 2);
    for (let y = 0; y < 16; y++) {
      for (let x = 0; x < 16; x++) {
        // One step right and one up stays on the same diagonal, wrapping around the tile.
        expect(alpha(p, (x + 1) % 16, (y + 15) % 16), `${x},${y}`).toBe(alpha(p, x, y));
      }
    }
    const cross = hatchPattern([0, 0, 0], true, 16, 2);
    for (let y = 0; y < 16; y++) {
      for (let x = 0; x < 16; x++) expect(alpha(cross, y, x)).toBe(alpha(cross, x, y));
    }
  });

  it("cross-hatches errors so they differ from warnings by shape, not only colour", () => {
    const single = hatchPattern([0, 0, 0], false);
    const cross = hatchPattern([0, 0, 0], true);
    const covered = (p: typeof single) => p.data.filter((_, i) => i % 4 === 3 && _ > 0).length;
    expect(covered(cross)).toBeGreaterThan(covered(single) * 1.5);
  });
});

describe("hexToRgb", () => {
  it("reads #rrggbb", () => {
    expect(hexToRgb("#c62828")).toEqual([198, 40, 40]);
  });
});

describe("check map data", () => {
  it("draws findings that have a geometry, tagged with id and severity", () => {
    const drawn = findingsCollection([
      finding({ id: "a" }),
      finding({ id: "b", severity: "warning" }),
      finding({ id: "q", geometry: null }),
    ]);
    expect(drawn.features.map((f) => f.properties)).toEqual([
      { id: "a", severity: "error" },
      { id: "b", severity: "warning" },
    ]);
  });

  it("tags the selected finding's features by role", () => {
    const f = finding();
    const subject = { type: "Feature" as const, properties: {}, geometry: f.geometry };
    const drawn = highlightCollection({
      severity: "warning",
      conflict: f.geometry,
      subject: subject as GeoJSON.Feature,
      constraint: null,
    });
    expect(drawn.features.map((x) => x.properties)).toEqual([
      { role: "subject", severity: "warning" },
      { role: "conflict", severity: "warning" },
    ]);
    expect(highlightCollection(null).features).toEqual([]);
  });

  it("fills conflicts with the runtime hatch images, one per severity", () => {
    const hatch = checkLayerSpecs().find((s) => s.id === "check:findings-hatch");
    expect(JSON.stringify(hatch)).toContain(hatchImageId("error"));
    expect(JSON.stringify(hatch)).toContain(hatchImageId("warning"));
  });
});
