import { describe, expect, it } from "vitest";
import { layerFromRead } from "../../../src/core/proposal/index";
import { readBytes, readFixture } from "../../io/read-fixtures";

const square = (x: number, y: number, size: number) => ({
  type: "Feature",
  properties: { id: "a" },
  geometry: {
    type: "Polygon",
    coordinates: [
      [
        [x, y],
        [x + size, y],
        [x + size, y + size],
        [x, y + size],
        [x, y],
      ],
    ],
  },
});

const collection = (...features: unknown[]) =>
  JSON.stringify({ type: "FeatureCollection", features });

describe("layerFromRead: every layer read through the CRS decision and validateLayer", () => {
  it("a VN-2000 layer is reprojected to WGS84, the CRS and why returned", async () => {
    const layer = layerFromRead(await readFixture(["geojson/zones-vn2000-crs.geojson"]), "polygon");
    expect(layer.issues).toEqual([]);
    expect(layer.crs?.choice).toEqual({ id: "EPSG:5897", axis: "xy" });
    expect(layer.crs?.reason.en).toContain("EPSG:5897");
    const geometry = JSON.stringify(layer.collection?.features[0]?.geometry);
    const [x, y] = (geometry.match(/-?[\d.]+/g) ?? []).map(Number);
    expect(x).toBeCloseTo(105.8, 1);
    expect(y).toBeCloseTo(21, 1);
  });

  it("a GeoJSON layer in lon/lat outside Vietnam is read as the WGS84 it says it is", async () => {
    const layer = layerFromRead(
      await readBytes("paris.geojson", collection(square(2.3, 48.8, 0.1))),
      "polygon",
    );
    expect(layer.issues).toEqual([]);
    expect(layer.crs?.choice).toEqual({ id: "EPSG:4326", axis: "xy" });
    expect(layer.crs?.reason.en).toMatch(/as the file declares/);
    expect(layer.collection?.features).toHaveLength(1);
  });

  it("metres no CRS explains: refused with unknown-crs naming the file and --crs", async () => {
    const layer = layerFromRead(
      await readBytes("m.geojson", collection(square(10_000, 20_000, 500))),
      "polygon",
    );
    expect(layer.collection).toBeNull();
    expect(layer.issues).toMatchObject([
      { code: "unknown-crs", file: "m.geojson", featureIndex: null },
    ]);
    expect(layer.issues[0]?.message.en).toContain("--crs");
  });

  it("a caller's CRS is taken as it is", async () => {
    const read = await readBytes("m.geojson", collection(square(585_000, 2_323_000, 500)));
    const layer = layerFromRead(read, "polygon", { id: "EPSG:3405", axis: "xy" });
    expect(layer.crs?.choice.id).toBe("EPSG:3405");
    expect(layer.crs?.reason.en).toMatch(/as chosen/);
  });
});
