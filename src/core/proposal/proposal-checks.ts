import type { Feature, Position } from "geojson";
import { VIETNAM_LONLAT } from "../crs/sample-shape";
import { OFFICIAL_CODES } from "../plan/official-land-use-codes";
import { didYouMean } from "../text/did-you-mean";
import { showValue } from "../text/show-value";
import type { Bilingual, ProblemCode } from "../validate/validation-issue";
import { codeOf } from "./land-use-attribute";

/** A problem of one feature of the WGS84 collection (its index there). */
export type FeatureProblem = { index: number; code: ProblemCode; message: Bilingual };

type Box = { minX: number; maxX: number; minY: number; maxY: number };

/** Arrays between `coordinates` and a position, per geometry type. */
const DEPTH: Record<string, number> = {
  Point: 0,
  MultiPoint: 1,
  LineString: 1,
  MultiLineString: 2,
  Polygon: 2,
  MultiPolygon: 3,
};

/** The box of a valid geometry's positions (validated: well formed, finite), or null. */
function boxOf(geometry: Feature["geometry"]): Box | null {
  if (!geometry || geometry.type === "GeometryCollection") return null;
  const depth = DEPTH[geometry.type];
  if (depth === undefined) return null;
  const box = { minX: Infinity, maxX: -Infinity, minY: Infinity, maxY: -Infinity };
  const visit = (value: unknown, level: number) => {
    if (level === 0) {
      const [x, y] = value as Position as [number, number];
      if (x < box.minX) box.minX = x;
      if (x > box.maxX) box.maxX = x;
      if (y < box.minY) box.minY = y;
      if (y > box.maxY) box.maxY = y;
      return;
    }
    for (const item of value as unknown[]) visit(item, level - 1);
  };
  visit(geometry.coordinates, depth);
  return box.minX === Infinity ? null : box;
}

const overlaps = (a: Box, b: Box) =>
  a.minX <= b.maxX && a.maxX >= b.minX && a.minY <= b.maxY && a.maxY >= b.minY;

const degrees = (n: number) => n.toFixed(4);

/**
 * Features (of `indexes`, already valid) lying wholly outside Vietnam once in WGS84: a stray
 * vertex typed in the wrong unit, or the whole file read in the wrong CRS. `all` tells the caller
 * that every feature checked is outside, which is said once for the file instead.
 */
export function outsideVietnam(
  features: readonly Feature[],
  indexes: Iterable<number>,
): { problems: FeatureProblem[]; all: boolean; checked: number } {
  const problems: FeatureProblem[] = [];
  let checked = 0;
  for (const index of indexes) {
    const box = boxOf((features[index] as Feature).geometry);
    if (!box) continue;
    checked++;
    if (overlaps(box, VIETNAM_LONLAT)) continue;
    const where = `${degrees(box.minX)}…${degrees(box.maxX)}, ${degrees(box.minY)}…${degrees(box.maxY)}`;
    problems.push({
      index,
      code: "outside-vietnam",
      message: {
        vi: `nằm ngoài Việt Nam (kinh độ, vĩ độ ${where} sau khi chuyển sang WGS84); hãy kiểm tra tọa độ của nó`,
        en: `lies outside Vietnam (longitude, latitude ${where} once in WGS84); check its coordinates`,
      },
    });
  }
  return { problems, all: checked > 0 && problems.length === checked, checked };
}

/** What reading the land-use attribute of every feature found. */
export type CodeReadings = {
  /** Per feature: the official code, or null when it has none (then it has a problem). */
  codes: (string | null)[];
  problems: FeatureProblem[];
  /** Values read as a code only once tidied ("odt", "ODT ") → the features holding them. */
  tidied: Map<string, { code: string; indexes: number[] }>;
};

/**
 * Reads `attribute` of `features[i]` for each of `indexes` as an official land-use code
 * (Circular 01/2021). A missing value or one that is no code is a problem of the feature: the
 * check's rules compare codes, so such a zone would pass every rule unseen. Values that are a code
 * once trimmed and upper-cased are read as it and listed, to be said once per value.
 */
export function readCodes(
  features: readonly Feature[],
  indexes: Iterable<number>,
  attribute: string,
): CodeReadings {
  const codes: (string | null)[] = new Array(features.length).fill(null);
  const problems: FeatureProblem[] = [];
  const tidied = new Map<string, { code: string; indexes: number[] }>();
  const name = showValue(attribute);
  for (const index of indexes) {
    const properties = (features[index] as Feature).properties;
    const value = properties && Object.hasOwn(properties, attribute) ? properties[attribute] : null;
    const code = codeOf(value);
    codes[index] = code;
    if (code !== null) {
      if (code !== value) {
        const written = value as string;
        const seen = tidied.get(written);
        if (seen) seen.indexes.push(index);
        else tidied.set(written, { code, indexes: [index] });
      }
      continue;
    }
    if (value === null || value === undefined || (typeof value === "string" && !value.trim())) {
      problems.push({
        index,
        code: "missing-land-use-code",
        message: {
          vi: `không có mã loại đất (thuộc tính ${name} trống); hãy điền mã theo Thông tư 01/2021, ví dụ ODT`,
          en: `has no land-use code (attribute ${name} is empty); fill in a code of Circular 01/2021, e.g. ODT`,
        },
      });
      continue;
    }
    const hint = typeof value === "string" ? didYouMean(value, OFFICIAL_CODES) : { vi: "", en: "" };
    problems.push({
      index,
      code: "unknown-land-use-code",
      message: {
        vi: `${name} = ${showValue(value)} không phải mã loại đất của Thông tư 01/2021${hint.vi}; hãy sửa thành một mã trong danh mục, ví dụ ODT, TMD, LUA`,
        en: `${name} = ${showValue(value)} is not a land-use code of Circular 01/2021${hint.en}; change it to a code of the list, e.g. ODT, TMD, LUA`,
      },
    });
  }
  return { codes, problems, tidied };
}
