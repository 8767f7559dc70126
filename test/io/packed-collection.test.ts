import type { FeatureCollection } from "geojson";
import { describe, expect, it } from "vitest";
import {
  featureAt,
  featureCount,
  forWorker,
  isPacked,
  packCollection,
  packedFeature,
  packedIds,
  unpackCollection,
} from "../../src/io/packed-collection";

/** Zones with Vietnamese names (multi-byte UTF-8), ids of every kind the check reads. */
const zones: FeatureCollection = {
  type: "FeatureCollection",
  features: [
    {
      type: "Feature",
      id: "Z-1",
      properties: { ten: "Khu đô thị Tây Hồ", land_use_code: "ODT" },
      geometry: {
        type: "Polygon",
        coordinates: [
          [
            [105.8, 21],
            [105.81, 21],
            [105.81, 21.01],
            [105.8, 21],
          ],
        ],
      },
    },
    {
      type: "Feature",
      properties: { id: 7, ten: "Đất lúa “Hoài Đức”", land_use_code: "LUC" },
      geometry: { type: "Point", coordinates: [105.9, 21.1] },
    },
    {
      type: "Feature",
      properties: { ten: "không tên" },
      geometry: {
        type: "LineString",
        coordinates: [
          [105.8, 21],
          [105.9, 21.1],
        ],
      },
    },
  ],
};

describe("a packed collection", () => {
  it("unpacks to the same features, and reads each alone by its byte range", async () => {
    const packed = packCollection(zones);
    expect(isPacked(packed)).toBe(true);
    expect(featureCount(packed)).toBe(3);
    expect(await unpackCollection(packed)).toEqual(zones);
    expect(packed.blob.type).toBe("application/geo+json");
    expect(packed.blob.size).toBe(packed.bytes.length);
    for (const [i, feature] of zones.features.entries()) {
      expect(packedFeature(packed, i)).toEqual(feature);
      expect(featureAt(packed, i)).toEqual(feature);
    }
    expect(packedFeature(packed, 3)).toBeNull();
    expect(packedFeature(packed, -1)).toBeNull();
    expect(packedFeature(packed, 0.5)).toBeNull();
  });

  it("names the features as the check does: GeoJSON id, properties.id, else the index", () => {
    expect(packedIds(packCollection(zones))).toEqual(["Z-1", "7", "2"]);
  });

  it("goes to a worker as its Blob alone: no bytes, no ids", async () => {
    const packed = packCollection(zones);
    const sent = forWorker(packed);
    expect(Object.keys(sent).sort()).toEqual(["blob", "count", "kind", "span"]);
    expect(packedIds(sent as typeof packed)).toBeNull();
    expect(featureAt(sent, 0)).toBeNull();
    expect(await unpackCollection(sent as typeof packed)).toEqual(zones);
    // parsed layers go as they are
    expect(forWorker(zones)).toBe(zones);
  });

  it("an empty collection packs to a valid empty FeatureCollection", async () => {
    const packed = packCollection({ type: "FeatureCollection", features: [] });
    expect(await unpackCollection(packed)).toEqual({ type: "FeatureCollection", features: [] });
  });
});
