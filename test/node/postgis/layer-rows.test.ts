import type { Feature } from "geojson";
import { describe, expect, it } from "vitest";
import { areaOf, prepareGeometry } from "../../../src/core/check/prepared-geometry";
import { layerRows } from "../../../src/node/postgis/layer-rows";

/*
 * The COPY rows of a layer carry each feature's area as the in-process engine measures it
 * (`areaOf` of the prepared geometry), the denominator of `shareOfSubject` in the PostGIS engine's
 * findings, for layers read whole and streamed alike (issue 11).
 */
const square = (x: number, id: string): Feature => ({
  type: "Feature",
  id,
  properties: { landuse: "ODT" },
  geometry: {
    type: "Polygon",
    coordinates: [
      [
        [x, 21],
        [x + 0.01, 21],
        [x + 0.01, 21.01],
        [x, 21.01],
        [x, 21],
      ],
    ],
  },
});

describe("layerRows", () => {
  it("gives each feature's in-process area, and null where nothing is polygonal", () => {
    const features: Feature[] = [
      square(105, "a"),
      {
        type: "Feature",
        id: "p",
        properties: {},
        geometry: { type: "Point", coordinates: [105, 21] },
      },
      {
        type: "Feature",
        id: "n",
        properties: {},
        geometry: null as unknown as Feature["geometry"],
      },
    ];
    const rows = [...layerRows(features, false)];
    const expected = areaOf(prepareGeometry(features[0]?.geometry ?? null) as never);
    expect(expected).toBeGreaterThan(1_000_000);
    expect(rows.map((r) => r[7])).toEqual([expected, null, null]);
    // the other columns keep their places
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      [0, "a"],
      [1, "p"],
      [2, "n"],
    ]);
  });

  it("measures only the features a rule checks as its subject", () => {
    const features = [square(105, "a"), square(105.1, "b"), square(105.2, "c")];
    const rows = [...layerRows(features, false, (f) => f.id !== "b")];
    expect(rows.map((r) => r[7] === null)).toEqual([false, true, false]);
    // the polygonal part is written all the same
    expect(rows.every((r) => typeof r[4] === "string")).toBe(true);
  });

  it("numbers a later batch of a layer from where the previous one ended", () => {
    const features: Feature[] = [square(105, "a"), { ...square(105.1, "b"), id: undefined }];
    const rows = [...layerRows(features, false, () => true, 4096)];
    // a feature without an id is named by its place in the layer, as the in-process engine does
    expect(rows.map((r) => [r[0], r[1]])).toEqual([
      [4096, "a"],
      [4097, "4097"],
    ]);
  });
});
