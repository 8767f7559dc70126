import { describe, expect, it } from "vitest";
import { parseCoordinateQuery } from "../../../src/core/search/coordinate-query";

/** The domain brief's fixtures (§4, cs2cs via EPSG:6960): lat, lon → EPSG:5897 E, N. */
const VN2000_POINTS = [
  { name: "Hoàn Kiếm Lake", lat: 21.0287, lon: 105.8522, e: 588383.93, n: 2326366.34 },
  { name: "Nội Bài", lat: 21.2187, lon: 105.8047, e: 583339.92, n: 2347376.61 },
  { name: "Ba Vì", lat: 21.072, lon: 105.365, e: 537731.32, n: 2330966.94 },
  { name: "SW corner", lat: 20.564250877, lon: 105.28500419, e: 529518.26, n: 2274740.06 },
];

describe("parseCoordinateQuery: VN-2000 / TM-3 zone 482 metres", () => {
  for (const p of VN2000_POINTS) {
    it(`places ${p.name} from X (northing) first, as a Vietnamese table writes it`, () => {
      const q = parseCoordinateQuery(`X ${p.n} Y ${p.e}`);
      expect(q?.kind).toBe("vn2000");
      if (q?.kind !== "vn2000") return;
      expect(q.northing).toBe(p.n);
      expect(q.easting).toBe(p.e);
      // 1e-6° ≈ 0.1 m: the brief's values are rounded to the centimetre
      expect(q.lat).toBeCloseTo(p.lat, 6);
      expect(q.lon).toBeCloseTo(p.lon, 6);
    });
  }

  it("tells easting-first (EPSG order) from northing-first by range", () => {
    const a = parseCoordinateQuery("588383.93, 2326366.34");
    const b = parseCoordinateQuery("2326366.34 588383.93");
    expect(a).toEqual(b);
    expect(a?.kind).toBe("vn2000");
  });

  it("reads decimal commas and labels such as VN-2000, N=, E=", () => {
    const q = parseCoordinateQuery("VN-2000: N=2326366,34; E=588383,93");
    expect(q).toMatchObject({ kind: "vn2000", northing: 2326366.34, easting: 588383.93 });
  });

  it("says when metres fall outside Hà Nội's window (UTM of another zone, a typo)", () => {
    expect(parseCoordinateQuery("1326366 588383")).toEqual({
      kind: "out-of-range",
      first: 1326366,
      second: 588383,
    });
    expect(parseCoordinateQuery("2326366 688383")?.kind).toBe("out-of-range");
  });
});

describe("parseCoordinateQuery: decimal degrees", () => {
  it("reads latitude, longitude and the reverse order when only it fits", () => {
    expect(parseCoordinateQuery("21.0287, 105.8522")).toEqual({
      kind: "lat-lon",
      lat: 21.0287,
      lon: 105.8522,
    });
    expect(parseCoordinateQuery("105.8522 21.0287")).toEqual({
      kind: "lat-lon",
      lat: 21.0287,
      lon: 105.8522,
    });
    expect(parseCoordinateQuery("21,0287 105,8522")).toMatchObject({ lat: 21.0287, lon: 105.8522 });
  });

  it("follows hemisphere letters and labels", () => {
    expect(parseCoordinateQuery("105.8522°E 21.0287°N")).toMatchObject({
      lat: 21.0287,
      lon: 105.8522,
    });
    expect(parseCoordinateQuery("21.5S 105.5W")).toMatchObject({ lat: -21.5, lon: -105.5 });
    expect(parseCoordinateQuery("vĩ độ 21.03, kinh độ 105.85")).toMatchObject({
      lat: 21.03,
      lon: 105.85,
    });
    expect(parseCoordinateQuery("lat 21.03 lon 105.85")).toMatchObject({ lat: 21.03, lon: 105.85 });
  });

  it("takes two values both within ±90° as latitude, longitude", () => {
    expect(parseCoordinateQuery("45, 60")).toEqual({ kind: "lat-lon", lat: 45, lon: 60 });
  });

  it("is not coordinates: names, ids, one number, three numbers, impossible degrees", () => {
    for (const text of [
      "",
      "hoan kiem",
      "CP-002-0001",
      "21.03",
      "21 105 3",
      "200, 300",
      "21.03N 22.0N",
      "Ba Vì 21.03 105.85",
    ]) {
      expect(parseCoordinateQuery(text), text).toBeNull();
    }
  });
});
