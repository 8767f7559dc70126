import type { FeatureCollection } from "geojson";
import { describe, expect, it } from "vitest";
import { forWorker, packCollection } from "../../src/io/packed-collection";
import { findFeature } from "../../src/state/check-selection";

const zones: FeatureCollection = {
  type: "FeatureCollection",
  features: ["Z-1", "Z-2", "Z-3"].map((id, i) => ({
    type: "Feature",
    id,
    properties: { ten: `Khu số ${i + 1}` },
    geometry: { type: "Point", coordinates: [105.8 + i / 100, 21] },
  })),
};

describe("a finding's feature in a packed proposal", () => {
  it("is found by the engine's id and read alone, equal to the feature packed", () => {
    const packed = packCollection(zones);
    expect(findFeature(packed, "Z-2")).toEqual(zones.features[1]);
    expect(findFeature(packed, "Z-9")).toBeNull();
    // a worker's copy has no bytes to read from: nothing, never a throw
    expect(findFeature(forWorker(packed), "Z-2")).toBeNull();
  });
});
