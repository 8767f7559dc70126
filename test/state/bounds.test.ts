import type { Feature, FeatureCollection } from "geojson";
import { describe, expect, it } from "vitest";
import { collectionBbox } from "../../src/state/bounds";

/** RFC 7946 allows a feature without geometry; @types/geojson does not say so. */
const unlocated = { type: "Feature", properties: {}, geometry: null } as unknown as Feature;

describe("collectionBbox", () => {
  it("spans every geometry", () => {
    const collection: FeatureCollection = {
      type: "FeatureCollection",
      features: [
        {
          type: "Feature",
          properties: {},
          geometry: { type: "Point", coordinates: [105.5, 21.2] },
        },
        {
          type: "Feature",
          properties: {},
          geometry: {
            type: "LineString",
            coordinates: [
              [105.8, 20.9],
              [106.0, 21.0],
            ],
          },
        },
        unlocated,
      ],
    };
    expect(collectionBbox(collection)).toEqual([105.5, 20.9, 106.0, 21.2]);
  });

  it("is null when there is nothing to measure", () => {
    expect(collectionBbox({ type: "FeatureCollection", features: [] })).toBeNull();
    expect(
      collectionBbox({
        type: "FeatureCollection",
        features: [unlocated],
      }),
    ).toBeNull();
  });
});
