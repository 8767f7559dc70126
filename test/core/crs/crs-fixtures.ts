import { readFileSync } from "node:fs";
import type { Position } from "geojson";
import type { CrsChoice, CrsId } from "../../../src/core/crs/crs-definitions";

/** A CRS declaration from `test/fixtures/crs/prj/` (see its README for where each comes from). */
export const prj = (name: string) =>
  readFileSync(new URL(`../../fixtures/crs/prj/${name}`, import.meta.url), "utf8");

/** The domain brief's fixture points in EPSG:5897 (E, N): Hoàn Kiếm, Nội Bài, Ba Vì, the SW corner. */
export const HANOI_EN: Position[] = [
  [588383.93, 2326366.34],
  [583339.92, 2347376.61],
  [537731.32, 2330966.94],
  [529518.26, 2274740.06],
];
/** The same as a Vietnamese survey table writes them: X = northing first. */
export const HANOI_NE = HANOI_EN.map(([e, n]) => [n, e] as Position);
/** The same places in WGS84 lon/lat. */
export const HANOI_LONLAT: Position[] = [
  [105.8522, 21.0287],
  [105.8047, 21.2187],
  [105.365, 21.072],
  [105.28500419, 20.564250877],
];
export const HANOI_LATLON = HANOI_LONLAT.map(([lon, lat]) => [lat, lon] as Position);
/** The same places in VN-2000 / UTM 48N (PROJ, test/fixtures/crs/proj-answers.json): N ≈ 700 m lower. */
export const HANOI_UTM48: Position[] = [
  [588357.41, 2325668.36],
  [583314.92, 2346672.33],
  [537719.99, 2330267.58],
  [529509.41, 2274057.57],
];

export const xy = (id: CrsId): CrsChoice => ({ id, axis: "xy" });
export const yx = (id: CrsId): CrsChoice => ({ id, axis: "yx" });
