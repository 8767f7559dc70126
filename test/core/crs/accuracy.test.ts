import geographiclib from "geographiclib-geodesic";
import type { FeatureCollection, Point } from "geojson";
import { describe, expect, it } from "vitest";
import { type CrsId, isCrsId } from "../../../src/core/crs/crs-definitions";
import { positionFromWgs84, positionToWgs84, reproject } from "../../../src/core/crs/reproject";
import answers from "../../fixtures/crs/proj-answers.json";

const { Geodesic } = geographiclib;

/**
 * PROJ's own answers (PROJ 9.1.1, operation EPSG:6960 "VN-2000 to WGS 84 (2)" for VN-2000): proj4
 * with our definitions must agree within 5 cm, the bound (it agrees within 1 mm). Made by
 * `node test/fixtures/crs/make-proj-answers.mjs` (test/fixtures/crs/README.md), which runs, per CRS,
 *
 *   cs2cs -f %.11f EPSG:5897 EPSG:4326 <<< "588383.93 2326366.34"   # E N → lat lon
 *   cs2cs -f %.5f EPSG:4326 EPSG:5897 <<< "21.0287 105.8522"        # lat lon → E N
 *
 * over the brief's four points, a 21 × 21 grid over Hanoi (E 525–610 km step 4.25 km, N 2 270–2 370
 * km step 5 km) and places in every other zone, and checks cs2cs against `cct` with the pipeline
 * `projinfo -s EPSG:5897 -t EPSG:4326 -o PROJ` prints (the one operation PROJ picks).
 */
const TOLERANCE_METRES = 0.05;

type Case = { crs: string; name: string; projected: number[]; wgs84: number[] };

const cases = (answers.cases as Case[]).map((c) => {
  if (!isCrsId(c.crs)) throw new Error(`fixture CRS ${c.crs} is not one of ours`);
  return { ...c, id: c.crs as CrsId };
});
const byCrs = new Map<CrsId, typeof cases>();
for (const c of cases) byCrs.set(c.id, [...(byCrs.get(c.id) ?? []), c]);

/** Metres between two WGS84 [lon, lat] points on the ellipsoid. */
const geodesicMetres = (a: number[], b: number[]) =>
  Geodesic.WGS84.Inverse(a[1] as number, a[0] as number, b[1] as number, b[0] as number)
    .s12 as number;

const stats = (errors: number[]) => ({
  max: Math.max(...errors),
  mean: errors.reduce((sum, e) => sum + e, 0) / errors.length,
});

describe("VN-2000 → WGS84 against PROJ", () => {
  it("covers the brief's points, a 21 × 21 grid over Hanoi and every other CRS", () => {
    expect(byCrs.get("EPSG:5897")?.length).toBe(4 + 441 + 4);
    for (const id of [
      "EPSG:9208",
      "EPSG:9209",
      "EPSG:9210",
      "EPSG:9211",
      "EPSG:3405",
      "EPSG:3406",
      "EPSG:32648",
      "EPSG:32649",
      "EPSG:4756",
    ] as const) {
      expect(byCrs.get(id)?.length ?? 0, id).toBeGreaterThanOrEqual(2);
    }
  });

  for (const [id, group] of byCrs) {
    it(`${id}: projected → WGS84 within ${TOLERANCE_METRES} m of PROJ (${group.length} points)`, () => {
      const toWgs84 = positionToWgs84({ id, axis: "xy" });
      const errors = group.map((c) => {
        const got = toWgs84(c.projected);
        if (!got) throw new Error(`${c.name}: no result`);
        return geodesicMetres(got, c.wgs84);
      });
      expect(stats(errors).max).toBeLessThan(TOLERANCE_METRES);
    });

    it(`${id}: WGS84 → projected within ${TOLERANCE_METRES} m of PROJ`, () => {
      const fromWgs84 = positionFromWgs84(id);
      for (const c of group) {
        const [e, n] = fromWgs84(c.wgs84) as [number, number];
        // lon/lat CRSs (4756) compare on the ellipsoid, projected ones in their own metres
        const error =
          id === "EPSG:4756"
            ? geodesicMetres([e, n], c.projected)
            : Math.hypot(e - (c.projected[0] as number), n - (c.projected[1] as number));
        expect(error, c.name).toBeLessThan(TOLERANCE_METRES);
      }
    });
  }

  it("gives the brief's E, N for its WGS84 points (Hoàn Kiếm Lake in 5897 and 3405)", () => {
    const [e, n] = positionFromWgs84("EPSG:5897")([105.8522, 21.0287]) as [number, number];
    expect(e).toBeCloseTo(588383.93, 2);
    expect(n).toBeCloseTo(2326366.34, 2);
    const [ue, un] = positionFromWgs84("EPSG:3405")([105.8522, 21.0287]) as [number, number];
    expect(ue).toBeCloseTo(588357.41, 2);
    expect(un).toBeCloseTo(2325668.36, 2);
  });

  it("reproject: the brief's points and the Hanoi grid as 3D, northing-first features, within 5 cm", () => {
    const hanoi = byCrs.get("EPSG:5897") ?? [];
    const collection: FeatureCollection<Point> = {
      type: "FeatureCollection",
      features: hanoi.map((c, i) => ({
        type: "Feature",
        properties: { name: c.name },
        // X = northing first, as survey tables write it, with a height
        geometry: { type: "Point", coordinates: [c.projected[1], c.projected[0], 12.5 + i] },
      })) as FeatureCollection<Point>["features"],
    };
    const out = reproject(collection, { id: "EPSG:5897", axis: "yx" });
    const errors = out.features.map((feature, i) => {
      const got = (feature.geometry as Point).coordinates;
      expect(got).toHaveLength(2);
      return geodesicMetres(got, (hanoi[i] as Case).wgs84);
    });
    expect(errors).toHaveLength(449);
    expect(stats(errors).max).toBeLessThan(TOLERANCE_METRES);
  });

  it("reads northing-first (yx) positions as the same points", () => {
    const c = byCrs.get("EPSG:5897")?.[0] as Case;
    const swapped = [c.projected[1] as number, c.projected[0] as number];
    const got = positionToWgs84({ id: "EPSG:5897", axis: "yx" })(swapped) as number[];
    expect(geodesicMetres(got, c.wgs84)).toBeLessThan(TOLERANCE_METRES);
  });
});
