import {
  FLAT_DEPTH,
  type FlatCoordinates,
  flatEndList,
  flatFirstList,
} from "../geo/flat-coordinates";
import type { Bilingual } from "./validation-issue";

/** What the fast scan of a geometry found: malformed coordinates, or the first antimeridian jump. */
export type Scan = "malformed" | Bilingual | null;

/**
 * The message for the segment from position `at` to `next` (0-based) of a list, whose longitudes
 * are a and b. The check overlays geometry in the plane of longitude and latitude but measures
 * it on the ellipsoid: such a segment means the short way across the antimeridian to the file's
 * author and the long way round the globe to the overlay, so a Pacific polygon would cover Hanoi.
 */
export function jumpText(
  where: Bilingual,
  at: number,
  next: number,
  a: number,
  b: number,
): Bilingual {
  const between = `${at + 1} → ${next + 1}`;
  return {
    vi: `${where.vi}: kinh độ nhảy từ ${a} sang ${b} giữa điểm ${between} (hơn 180°), tức hình vắt qua kinh tuyến 180°; hãy cắt nó thành các phần tại ±180° (RFC 7946 §3.1.9)`,
    en: `${where.en}: longitude jumps from ${a} to ${b} between positions ${between} (more than 180°), so it crosses the antimeridian; split it into parts at ±180° (RFC 7946 §3.1.9)`,
  };
}

/** The name of ring `index` of a polygon; `part` names the polygon within a MultiPolygon. */
export function ringName(index: number, part: number | null): Bilingual {
  const ring =
    index === 0
      ? { vi: "vòng ngoài", en: "outer ring" }
      : { vi: `lỗ thứ ${index}`, en: `hole ${index}` };
  return part === null
    ? ring
    : { vi: `đa giác thứ ${part + 1}, ${ring.vi}`, en: `polygon ${part + 1}, ${ring.en}` };
}

/**
 * Scans the list of values `[from, to)`: -2 when a position is out of range (or, from a number
 * too large for a double, infinite), else the index of the first position whose segment to the
 * next spans more than 180° of longitude (the closing segment too when `closed`), or -1.
 */
function scanList(values: Float64Array, from: number, to: number, closed: boolean): number {
  let jump = -1;
  for (let i = from; i < to; i += 2) {
    const x = values[i] as number;
    const y = values[i + 1] as number;
    if (!(x >= -180 && x <= 180 && y >= -90 && y <= 90)) return -2;
    if (jump < 0 && i > from && Math.abs(x - (values[i - 2] as number)) > 180) {
      jump = (i - 2 - from) / 2;
    }
  }
  if (jump < 0 && closed && to - from > 2) {
    if (Math.abs((values[from] as number) - (values[to - 2] as number)) > 180)
      jump = (to - from) / 2 - 1;
  }
  return jump;
}

/** The name of the k-th list of a geometry of `type`, as the arrays scan names it. */
function listName(type: string, flat: FlatCoordinates, k: number): Bilingual {
  if (type === "LineString") return { vi: "đường", en: "line" };
  if (type === "MultiLineString") return { vi: `đường thứ ${k + 1}`, en: `line ${k + 1}` };
  if (type === "Polygon") return ringName(k, null);
  const { groups } = flat.store;
  const list = (groups[flat.first] as number) + k;
  let g = flat.first;
  while ((groups[g + 1] as number) <= list) g++;
  return ringName(list - (groups[g] as number), g - flat.first);
}

/**
 * The scan of validate-layer.ts over coordinates held flat, with the same result: every position
 * in range and, for lines and rings, the first segment across the antimeridian. Undefined when the
 * nesting does not fit the type (the arrays scan then says what is wrong).
 */
export function scanFlatGeometry(type: string, flat: FlatCoordinates): Scan | undefined {
  if (!Object.hasOwn(FLAT_DEPTH, type) || FLAT_DEPTH[type] !== flat.depth) return undefined;
  const { values, lists } = flat.store;
  const isLine = type === "LineString" || type === "MultiLineString";
  const closed = type === "Polygon" || type === "MultiPolygon";
  // points are not joined: no segment of a MultiPoint crosses anything
  const joined = type !== "MultiPoint";
  const firstList = flatFirstList(flat);
  const endList = flatEndList(flat);
  let found: Bilingual | null = null;
  for (let j = firstList; j < endList; j++) {
    const from = lists[j] as number;
    const to = lists[j + 1] as number;
    // a line needs two positions (a ring's length is the check's: valid-geometry)
    if (isLine && to - from < 4) return "malformed";
    const at = scanList(values, from, to, closed);
    if (at === -2) return "malformed";
    if (at < 0 || found || !joined) continue;
    const n = (to - from) / 2;
    const next = (at + 1) % n;
    const a = values[from + 2 * at] as number;
    const b = values[from + 2 * next] as number;
    found = jumpText(listName(type, flat, j - firstList), at, next, a, b);
  }
  return found;
}
