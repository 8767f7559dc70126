import type { Feature, Polygon, Position } from "geojson";
import { describe, expect, it } from "vitest";
import type { CheckInput } from "../../src/core/check/index";
import { pinnedKernel } from "../../src/node/pinned-kernel";

/** An irregular pentagon around (x, y), so coordinates do not sit on the kernel's grid. */
function blob(x: number, y: number, r: number): Position[][][] {
  const ring: Position[] = [];
  for (let k = 0; k < 5; k++) {
    const a = (2 * Math.PI * k) / 5 + 0.3;
    ring.push([x + r * Math.cos(a) * (1 + 0.13 * k), y + r * Math.sin(a) * (1 - 0.07 * k)]);
  }
  ring.push(ring[0] as Position);
  return [[ring]];
}
const feature = (polygons: Position[][][]): Feature<Polygon> => ({
  type: "Feature",
  properties: {},
  geometry: { type: "Polygon", coordinates: polygons[0] as Position[][] },
});

describe("pinnedKernel", () => {
  it("gives the same answers whatever the order the pairs come in", () => {
    // zones on both sides of 21° N: an unpinned kernel's origin depends on which it meets first
    const south = [blob(105.71234567, 20.98765432, 0.004), blob(105.71534567, 20.98865432, 0.003)];
    const north = [blob(105.81234567, 21.01765432, 0.004), blob(105.81534567, 21.01865432, 0.003)];
    const input = {
      layers: { zones: { type: "FeatureCollection", features: [...north, ...south].map(feature) } },
      rules: [{ subject: { layer: "zones" } }],
      catalog: [],
    } as unknown as CheckInput;
    const a = pinnedKernel(input);
    const b = pinnedKernel(input);
    const southFirst = [
      a.intersection(south[0] as Position[][][], south[1] as Position[][][]),
      a.intersection(north[0] as Position[][][], north[1] as Position[][][]),
    ];
    const northFirst = [
      b.intersection(north[0] as Position[][][], north[1] as Position[][][]),
      b.intersection(south[0] as Position[][][], south[1] as Position[][][]),
    ];
    expect(southFirst[0]?.length).toBeGreaterThan(0);
    expect(southFirst[1]).toEqual(northFirst[0]);
    expect(southFirst[0]).toEqual(northFirst[1]);
  });
});
