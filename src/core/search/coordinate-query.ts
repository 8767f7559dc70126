import { positionToWgs84 } from "../crs/reproject";
import { normalizeSearch } from "../text/normalize-search";

/**
 * A search box entry read as a place: decimal degrees, or VN-2000 TM-3 metres (EPSG:5897, Hà Nội's
 * zone). `out-of-range` is two numbers that look like metres but fall outside Hà Nội's window, so
 * the box can say why nothing was found instead of listing nothing.
 */
export type CoordinateQuery =
  | { kind: "lat-lon"; lat: number; lon: number }
  | { kind: "vn2000"; northing: number; easting: number; lat: number; lon: number }
  | { kind: "out-of-range"; first: number; second: number };

/**
 * Hà Nội in EPSG:5897 with a margin (the domain brief §4: E ≈ 529 300–606 200, N ≈ 2 274 700–
 * 2 366 000; accept E 520–615 km, N 2 265–2 375 km). The two windows do not overlap, so a pair's
 * order (X = northing first as Vietnamese tables write it, or E, N as EPSG does) is told by range.
 */
export const VN2000_HANOI_WINDOW = {
  easting: [520_000, 615_000],
  northing: [2_265_000, 2_375_000],
} as const;

/** A number as typed: optional sign, digits, a decimal point or a Vietnamese decimal comma. */
const NUMBER = /[-+]?\d+(?:[.,]\d+)?/.source;
/** A number with a hemisphere letter written against it or after a degree sign ("21.03N", "21.03° N"). */
const NUMBER_WITH_HEMISPHERE = new RegExp(
  `(${NUMBER})(?:\\s*°\\s*([nsew])|°|([nsew]))?(?![a-z0-9])`,
  "g",
);
/** Words a user may put around the numbers: axis names in both languages, the CRS's names. */
const LABELS =
  /\b(?:vn-?2000|epsg:?\s*(?:5897|4326)|tm-?3|wgs-?84|latitude|longitude|lat|lon|lng|long|vi do|kinh do|x|y|n|e|s|w)\b/g;
/** What may separate the numbers and labels. */
const SEPARATORS = /[\s,;:=()/'"°]+/g;

type Number_ = { value: number; hemisphere: "n" | "s" | "e" | "w" | null };

/** The two numbers of the text with their hemisphere letters, or null if the text holds anything else. */
function readNumbers(text: string): [Number_, Number_] | null {
  const folded = normalizeSearch(text);
  if (folded === "") return null;
  const numbers: Number_[] = [];
  const rest = folded
    .replace(LABELS, " ")
    .replace(
      NUMBER_WITH_HEMISPHERE,
      (_match, digits: string, afterDegree?: string, bare?: string) => {
        const hemisphere = (afterDegree ?? bare ?? null) as Number_["hemisphere"];
        numbers.push({ value: Number(digits.replace(",", ".")), hemisphere });
        return " ";
      },
    )
    .replace(SEPARATORS, "");
  if (rest !== "" || numbers.length !== 2) return null;
  const [first, second] = numbers as [Number_, Number_];
  return Number.isFinite(first.value) && Number.isFinite(second.value) ? [first, second] : null;
}

const within = (value: number, [low, high]: readonly [number, number]) =>
  value >= low && value <= high;

/** VN-2000 TM-3 metres (zone 482, central meridian 105°) → WGS84, the same proj4 step as file import. */
const vn2000ToWgs84 = positionToWgs84({ id: "EPSG:5897", axis: "xy" });

function readMetres(first: number, second: number): CoordinateQuery {
  const { easting, northing } = VN2000_HANOI_WINDOW;
  let pair: { northing: number; easting: number } | null = null;
  if (within(first, northing) && within(second, easting))
    pair = { northing: first, easting: second };
  else if (within(first, easting) && within(second, northing)) {
    pair = { northing: second, easting: first };
  }
  if (!pair) return { kind: "out-of-range", first, second };
  const lonLat = vn2000ToWgs84([pair.easting, pair.northing]);
  if (!lonLat) return { kind: "out-of-range", first, second };
  const [lon, lat] = lonLat as [number, number];
  return { kind: "vn2000", ...pair, lat, lon };
}

function signed(number: Number_): number {
  return number.hemisphere === "s" || number.hemisphere === "w"
    ? -Math.abs(number.value)
    : number.value;
}

function readDegrees(first: Number_, second: Number_): CoordinateQuery | null {
  const isLat = (n: Number_) => n.hemisphere === "n" || n.hemisphere === "s";
  const isLon = (n: Number_) => n.hemisphere === "e" || n.hemisphere === "w";
  let lat: number;
  let lon: number;
  if (isLat(first) || isLon(second)) [lat, lon] = [signed(first), signed(second)];
  else if (isLon(first) || isLat(second)) [lat, lon] = [signed(second), signed(first)];
  // No letters: latitude first, as maps and phones write it, unless only the other order fits
  // (a longitude over 90°, as Hà Nội's 105° is, cannot be a latitude).
  else if (Math.abs(first.value) > 90 && Math.abs(second.value) <= 90) {
    [lat, lon] = [second.value, first.value];
  } else [lat, lon] = [first.value, second.value];
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) return null;
  if (isLat(first) && isLat(second)) return null;
  if (isLon(first) && isLon(second)) return null;
  return { kind: "lat-lon", lat, lon };
}

/**
 * Reads a search box entry as coordinates, or null when it is not two numbers.
 * - Decimal degrees, latitude and longitude in either order where the order is unambiguous
 *   (`21.0287, 105.8522`, `105.8522 21.0287`, `21.0287N 105.8522E`, decimal commas `21,0287 105,8522`);
 *   two numbers both within ±90° are taken as latitude, longitude.
 * - VN-2000 / TM-3 zone 482 (EPSG:5897) metres, northing and easting told apart by their ranges, so
 *   `X 2326366.34 Y 588383.93` (a Vietnamese table's order) and `588383.93, 2326366.34` (EPSG's)
 *   both work; metres outside Hà Nội's window come back as `out-of-range`.
 * Labels such as "X", "Y", "lat", "vĩ độ", "VN-2000" may surround the numbers.
 */
export function parseCoordinateQuery(text: string): CoordinateQuery | null {
  const numbers = readNumbers(text);
  if (!numbers) return null;
  const [first, second] = numbers;
  if (Math.abs(first.value) > 1000 || Math.abs(second.value) > 1000) {
    return readMetres(first.value, second.value);
  }
  return readDegrees(first, second);
}
