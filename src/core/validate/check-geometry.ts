import { cleanCoords, kinks } from "@turf/turf";
import type { MultiPolygon, Polygon, Position } from "geojson";
import type { Bilingual, ProblemCode } from "./validation-issue";

/** One thing wrong with a geometry; the caller adds the file and feature. */
export type GeometryProblem = { code: ProblemCode; message: Bilingual };

export type GeometryCheckOptions = {
  /**
   * Look for rings that cross or touch themselves or each other (turf `kinks`). Only polygons are
   * checked: a line that crosses itself (a loop road) is legitimate.
   */
  selfIntersection: boolean;
};

type Where = Bilingual;

const LIMIT_KINK_POINTS = 3;

const at = (where: Where, vi: string, en: string): Bilingual => ({
  vi: where.vi ? `${where.vi}: ${vi}` : vi,
  en: where.en ? `${where.en}: ${en}` : en,
});

const join = (where: Where, vi: string, en: string): Where => ({
  vi: where.vi ? `${where.vi}, ${vi}` : vi,
  en: where.en ? `${where.en}, ${en}` : en,
});

const showPosition = (value: readonly unknown[]) =>
  `[${value.map((v) => (typeof v === "number" ? String(v) : JSON.stringify(v))).join(", ")}]`;

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

function kinkLocations(geometry: Polygon | MultiPolygon): Position[] {
  let cleaned: Polygon | MultiPolygon = geometry;
  try {
    // Repeated consecutive points make adjacent segments look like a crossing; drop them first.
    cleaned = cleanCoords(geometry) as Polygon | MultiPolygon;
  } catch {
    cleaned = geometry;
  }
  return kinks(cleaned).features.map((point) => point.geometry.coordinates);
}

function checkSelfIntersection(
  geometry: Polygon | MultiPolygon,
  where: Where,
  out: Collector,
): void {
  const points = kinkLocations(geometry);
  if (points.length === 0) return;
  const shown = points
    .slice(0, LIMIT_KINK_POINTS)
    .map((p) => showPosition(p.map((v) => Math.round(v * 1e6) / 1e6)))
    .join(", ");
  const more = points.length - LIMIT_KINK_POINTS;
  out.add(
    "self-intersection",
    at(
      where,
      `đường biên tự cắt hoặc tự chạm tại ${shown}${more > 0 ? ` (và ${more} điểm khác)` : ""}`,
      `boundary crosses or touches itself at ${shown}${more > 0 ? ` (and ${more} more)` : ""}`,
    ),
  );
}

function checkGeometryInto(
  geometry: unknown,
  where: Where,
  options: GeometryCheckOptions,
  out: Collector,
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
        checkSelfIntersection(geometry as Polygon, where, out);
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
        checkSelfIntersection(geometry as MultiPolygon, where, out);
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
      geometries.forEach((part, index) => {
        checkGeometryInto(
          part,
          join(where, `hình thứ ${index + 1}`, `geometry ${index + 1}`),
          options,
          out,
        );
      });
      return;
    default:
      out.add(
        "wrong-geometry-type",
        at(
          where,
          `kiểu hình học ${JSON.stringify(type)} không hợp lệ`,
          `geometry type ${JSON.stringify(type)} is not a GeoJSON geometry type`,
        ),
      );
  }
}

/**
 * Geometry validity beyond the GeoJSON grammar: every position a finite WGS84 [lon, lat] in range,
 * rings of at least 4 positions and closed, polygons free of self-intersections. Returns the
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
