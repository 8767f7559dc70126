import type { Position } from "geojson";
import { preparePolygons } from "../check/prepared-geometry";
import { findRingIntersections, type MisplacedHole } from "../geo/ring-intersections";
import { showValue } from "../text/show-value";
import type { Bilingual, ProblemCode } from "./validation-issue";

/** One thing wrong with a geometry; the caller adds the file and feature. */
export type GeometryProblem = { code: ProblemCode; message: Bilingual };

export type GeometryCheckOptions = {
  /**
   * Look for rings that cross or touch themselves, rings of a polygon that cross or run along each
   * other, parts of a multipolygon that cross, holes outside their outer ring and holes inside
   * another hole (one sweep, O(n log n): `findRingIntersections`). Only polygons are checked: a
   * line that crosses itself (a loop road) is legitimate.
   */
  selfIntersection: boolean;
};

type Where = Bilingual;

/** Places and holes named in one message, at most (the rest are counted). */
const LIMIT_SHOWN = 3;

const at = (where: Where, vi: string, en: string): Bilingual => ({
  vi: where.vi ? `${where.vi}: ${vi}` : vi,
  en: where.en ? `${where.en}: ${en}` : en,
});

const join = (where: Where, vi: string, en: string): Where => ({
  vi: where.vi ? `${where.vi}, ${vi}` : vi,
  en: where.en ? `${where.en}, ${en}` : en,
});

/** Values of a position shown at most: a "position" may be any array the file holds. */
const POSITION_VALUES_SHOWN = 4;

const showPosition = (value: readonly unknown[]) => {
  const shown = value
    .slice(0, POSITION_VALUES_SHOWN)
    .map((v) => (typeof v === "number" ? String(v) : showValue(v)));
  if (value.length > POSITION_VALUES_SHOWN) shown.push("…");
  return `[${shown.join(", ")}]`;
};

/** Why a value is not a usable WGS84 [longitude, latitude] position, or null when it is one. */
function positionProblem(value: unknown): Bilingual | null {
  if (!Array.isArray(value)) {
    return { vi: "không phải cặp [kinh độ, vĩ độ]", en: "is not a [longitude, latitude] pair" };
  }
  if (value.length < 2) {
    return {
      vi: `${showPosition(value)} có ít hơn 2 số`,
      en: `${showPosition(value)} has fewer than 2 numbers`,
    };
  }
  if (value.some((v) => typeof v !== "number")) {
    return {
      vi: `${showPosition(value)} chứa giá trị không phải số`,
      en: `${showPosition(value)} holds a value that is not a number`,
    };
  }
  const numbers = value as number[];
  if (numbers.some((v) => !Number.isFinite(v))) {
    return {
      vi: `${showPosition(value)} chứa số không hữu hạn`,
      en: `${showPosition(value)} holds a number that is not finite`,
    };
  }
  const [x, y] = numbers as [number, number];
  if (Math.abs(x) <= 180 && Math.abs(y) <= 90) return null;
  let hintVi = "";
  let hintEn = "";
  if (Math.abs(x) > 1000 && Math.abs(y) > 1000) {
    hintVi =
      " — có vẻ là tọa độ phẳng tính bằng mét (VN-2000/UTM); hãy chuyển sang kinh độ, vĩ độ WGS84";
    hintEn = " — looks like projected metres (VN-2000/UTM); convert to WGS84 longitude/latitude";
  } else if (Math.abs(x) <= 90 && Math.abs(y) <= 180) {
    hintVi = " — có vẻ bị đảo thành [vĩ độ, kinh độ]; GeoJSON cần [kinh độ, vĩ độ]";
    hintEn = " — looks like [latitude, longitude]; GeoJSON wants [longitude, latitude]";
  }
  return {
    vi: `${showPosition(value)} nằm ngoài phạm vi kinh độ −180…180, vĩ độ −90…90${hintVi}`,
    en: `${showPosition(value)} is outside longitude −180…180, latitude −90…90${hintEn}`,
  };
}

class Collector {
  readonly problems: GeometryProblem[] = [];
  private badPositions = 0;
  private firstBadPosition: GeometryProblem | null = null;

  add(code: ProblemCode, message: Bilingual): void {
    this.problems.push({ code, message });
  }

  /** Bad coordinates come in floods (a whole file in metres): keep the first, count the rest. */
  badPosition(message: Bilingual): void {
    this.badPositions++;
    if (!this.firstBadPosition) this.firstBadPosition = { code: "bad-coordinate", message };
  }

  finish(): GeometryProblem[] {
    if (this.firstBadPosition) {
      const more = this.badPositions - 1;
      const { vi, en } = this.firstBadPosition.message;
      this.problems.unshift({
        code: "bad-coordinate",
        message:
          more > 0
            ? { vi: `${vi} (và ${more} điểm khác)`, en: `${en} (and ${more} more positions)` }
            : { vi, en },
      });
    }
    return this.problems;
  }
}

function checkPositionList(
  value: unknown,
  where: Where,
  minLength: number,
  out: Collector,
): value is Position[] {
  if (!Array.isArray(value)) {
    out.add(
      "invalid-geojson",
      at(where, "tọa độ phải là một mảng điểm", "coordinates must be an array of positions"),
    );
    return false;
  }
  let ok = true;
  value.forEach((position, index) => {
    const problem = positionProblem(position);
    if (problem) {
      ok = false;
      out.badPosition(
        at(join(where, `điểm thứ ${index + 1}`, `position ${index + 1}`), problem.vi, problem.en),
      );
    }
  });
  if (ok && value.length < minLength) {
    out.add(
      minLength === 4 ? "short-ring" : "invalid-geojson",
      at(
        where,
        `chỉ có ${value.length} điểm, cần ít nhất ${minLength}`,
        `has ${value.length} positions, at least ${minLength} needed`,
      ),
    );
    return false;
  }
  return ok;
}

function checkRing(value: unknown, where: Where, out: Collector): boolean {
  if (!checkPositionList(value, where, 4, out)) return false;
  const first = value[0] as Position;
  const last = value[value.length - 1] as Position;
  if (first[0] !== last[0] || first[1] !== last[1]) {
    out.add(
      "unclosed-ring",
      at(
        where,
        `không khép kín (điểm đầu ${showPosition(first)} khác điểm cuối ${showPosition(last)})`,
        `is not closed (first position ${showPosition(first)} differs from last ${showPosition(last)})`,
      ),
    );
    return false;
  }
  // around a closed ring, the steps to a different position count its distinct vertices
  let distinct = 0;
  for (let i = 1; i < value.length; i++) {
    const p = value[i] as Position;
    const q = value[i - 1] as Position;
    if (p[0] !== q[0] || p[1] !== q[1]) distinct++;
  }
  if (distinct < 3) {
    out.add(
      "short-ring",
      at(
        where,
        `chỉ có ${distinct} điểm phân biệt, cần ít nhất 3 (vòng không bao diện tích nào)`,
        `has ${distinct} distinct positions, at least 3 needed (the ring encloses no area)`,
      ),
    );
    return false;
  }
  return true;
}

function checkRings(value: unknown, where: Where, out: Collector): boolean {
  if (!Array.isArray(value) || value.length === 0) {
    out.add(
      "invalid-geojson",
      at(where, "phải là một mảng vòng không rỗng", "must be a non-empty array of rings"),
    );
    return false;
  }
  let ok = true;
  value.forEach((ring, index) => {
    const name =
      index === 0
        ? join(where, "vòng ngoài", "outer ring")
        : join(where, `lỗ thứ ${index}`, `hole ${index}`);
    if (!checkRing(ring, name, out)) ok = false;
  });
  return ok;
}

/** "hole 2" or "polygon 3, hole 2", and where the hole starts. */
function holeName(polygons: Position[][][], multi: boolean, hole: MisplacedHole): Bilingual {
  let ring = hole.ring;
  let part = 0;
  for (; part < polygons.length; part++) {
    const rings = polygons[part]?.length ?? 0;
    if (ring < rings) break;
    ring -= rings;
  }
  const place = showPosition(hole.at.map((v) => Math.round(v * 1e6) / 1e6));
  return {
    vi: `${multi ? `đa giác thứ ${part + 1}, ` : ""}lỗ thứ ${ring} (tại ${place})`,
    en: `${multi ? `polygon ${part + 1}, ` : ""}hole ${ring} (at ${place})`,
  };
}

/** The first holes by name, and how many more. */
function holeList(polygons: Position[][][], multi: boolean, holes: MisplacedHole[]): Bilingual {
  const names = holes.slice(0, LIMIT_SHOWN).map((hole) => holeName(polygons, multi, hole));
  const more = holes.length - names.length;
  return {
    vi: names.map((n) => n.vi).join("; ") + (more > 0 ? ` (và ${more} lỗ khác)` : ""),
    en: names.map((n) => n.en).join("; ") + (more > 0 ? ` (and ${more} more holes)` : ""),
  };
}

/**
 * Rings that cross, touch themselves or run along each other, and misplaced holes (see
 * `GeometryCheckOptions.selfIntersection`).
 */
function checkRingTopology(
  polygons: Position[][][],
  multi: boolean,
  where: Where,
  out: Collector,
): void {
  // every ring was checked to have three distinct positions: none is dropped, so ring r of the
  // tables is ring r of `polygons` (holeName counts on it)
  const tables = preparePolygons(polygons);
  if (!tables) return;
  const found = findRingIntersections(tables, { examples: LIMIT_SHOWN });
  if (found.count > 0) {
    const shown = found.points
      .map((p) => showPosition(p.map((v) => Math.round(v * 1e6) / 1e6)))
      .join(", ");
    const more = found.count - found.points.length;
    out.add(
      "self-intersection",
      at(
        where,
        `đường biên tự cắt hoặc tự chạm tại ${shown}${more > 0 ? ` (và ${more} điểm khác)` : ""}; sửa ranh giới tại đó`,
        `boundary crosses or touches itself at ${shown}${more > 0 ? ` (and ${more} more)` : ""}; fix the boundary there`,
      ),
    );
  }
  const misplaced = [
    {
      code: "hole-outside-shell",
      holes: found.holesOutside,
      vi: [
        "lỗ nằm ngoài vòng ngoài",
        "lỗ phải nằm trong vòng ngoài của đa giác: sửa hoặc bỏ lỗ đó",
      ],
      en: [
        "hole outside the outer ring",
        "a hole must lie inside its polygon's outer ring: fix or remove it",
      ],
    },
    {
      code: "nested-holes",
      holes: found.nestedHoles,
      vi: [
        "lỗ nằm trong một lỗ khác",
        "các lỗ không được lồng nhau: bỏ lỗ bên trong, hoặc tách nó thành một đa giác riêng",
      ],
      en: [
        "hole inside another hole",
        "holes must not nest: remove the inner hole, or make it a polygon of its own",
      ],
    },
  ] as const;
  for (const { code, holes, vi, en } of misplaced) {
    if (holes.length === 0) continue;
    const list = holeList(polygons, multi, holes);
    out.add(code, at(where, `${vi[0]}: ${list.vi}; ${vi[1]}`, `${en[0]}: ${list.en}; ${en[1]}`));
  }
}

/**
 * Geometry collections nested deeper than this are refused, not walked: RFC 7946 §3.1.8 already
 * advises against nesting them, and a file nesting them without end would overflow the stack.
 */
const MAX_COLLECTION_DEPTH = 16;

function checkGeometryInto(
  geometry: unknown,
  where: Where,
  options: GeometryCheckOptions,
  out: Collector,
  depth = 0,
): void {
  if (typeof geometry !== "object" || geometry === null || Array.isArray(geometry)) {
    out.add(
      "invalid-geojson",
      at(where, "hình học phải là một đối tượng", "geometry must be an object"),
    );
    return;
  }
  const { type, coordinates, geometries } = geometry as {
    type?: unknown;
    coordinates?: unknown;
    geometries?: unknown;
  };
  switch (type) {
    case "Point": {
      const problem = positionProblem(coordinates);
      if (problem) out.badPosition(at(where, problem.vi, problem.en));
      return;
    }
    case "MultiPoint":
      checkPositionList(coordinates, where, 1, out);
      return;
    case "LineString":
      checkPositionList(coordinates, where, 2, out);
      return;
    case "MultiLineString":
      if (!Array.isArray(coordinates)) {
        out.add(
          "invalid-geojson",
          at(where, "tọa độ phải là mảng các đường", "coordinates must be an array of lines"),
        );
        return;
      }
      coordinates.forEach((line, index) => {
        checkPositionList(line, join(where, `đường thứ ${index + 1}`, `line ${index + 1}`), 2, out);
      });
      return;
    case "Polygon":
      if (checkRings(coordinates, where, out) && options.selfIntersection) {
        checkRingTopology([coordinates as Position[][]], false, where, out);
      }
      return;
    case "MultiPolygon": {
      if (!Array.isArray(coordinates) || coordinates.length === 0) {
        out.add(
          "invalid-geojson",
          at(
            where,
            "tọa độ phải là mảng đa giác không rỗng",
            "coordinates must be a non-empty array of polygons",
          ),
        );
        return;
      }
      let ok = true;
      coordinates.forEach((polygon, index) => {
        if (
          !checkRings(polygon, join(where, `đa giác thứ ${index + 1}`, `polygon ${index + 1}`), out)
        )
          ok = false;
      });
      if (ok && options.selfIntersection)
        checkRingTopology(coordinates as Position[][][], true, where, out);
      return;
    }
    case "GeometryCollection":
      if (!Array.isArray(geometries)) {
        out.add(
          "invalid-geojson",
          at(where, "thiếu mảng geometries", "geometries must be an array"),
        );
        return;
      }
      if (depth >= MAX_COLLECTION_DEPTH) {
        out.add(
          "invalid-geojson",
          at(
            where,
            `GeometryCollection lồng nhau quá ${MAX_COLLECTION_DEPTH} tầng; hãy làm phẳng thành một tầng`,
            `GeometryCollections nested more than ${MAX_COLLECTION_DEPTH} deep; flatten them into one`,
          ),
        );
        return;
      }
      geometries.forEach((part, index) => {
        checkGeometryInto(
          part,
          join(where, `hình thứ ${index + 1}`, `geometry ${index + 1}`),
          options,
          out,
          depth + 1,
        );
      });
      return;
    default:
      out.add(
        "wrong-geometry-type",
        at(
          where,
          `kiểu hình học ${showValue(type)} không hợp lệ`,
          `geometry type ${showValue(type)} is not a GeoJSON geometry type`,
        ),
      );
  }
}

/**
 * Geometry validity beyond the GeoJSON grammar: every position a finite WGS84 [lon, lat] in range,
 * rings of at least 4 positions (3 distinct) and closed, polygons free of self-intersections and
 * with their holes inside their outer ring and not inside each other. Returns the
 * problems found (empty when valid); never throws on bad input.
 */
export function findGeometryProblems(
  geometry: unknown,
  options: GeometryCheckOptions,
): GeometryProblem[] {
  const out = new Collector();
  checkGeometryInto(geometry, { vi: "", en: "" }, options, out);
  return out.finish();
}
