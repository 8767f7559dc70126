import type { Bilingual } from "../../core/validate/validation-issue";

/** What {@link scanJsonText} found: where the text first nests too deep, and its containers. */
export type JsonTextShape = {
  /** Index of the first bracket nested more than `maxDepth` deep, or -1. */
  tooDeepAt: number;
  /** Arrays and objects opened, counted up to one past `maxContainers` (the scan stops there). */
  containers: number;
};

/**
 * One pass over a JSON text's characters, strings skipped, nothing allocated, before `JSON.parse`
 * builds it: where it first nests arrays and objects more than `maxDepth` deep, and how many it
 * opens. `JSON.parse` built a text nested 10 000 000 deep (17 s, 1 GiB) before anything could look
 * at it, and 480 MiB of empty arrays (160 000 000) did not end in 3 minutes under Node's 4 GiB
 * heap. Brackets that do not balance are left to the parser to report.
 */
export function scanJsonText(text: string, maxDepth: number, maxContainers: number): JsonTextShape {
  let depth = 0;
  let tooDeepAt = -1;
  let containers = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (inString) {
      if (code === 0x5c)
        i++; // a backslash: the next character is escaped
      else if (code === 0x22) inString = false;
    } else if (code === 0x22) {
      inString = true;
    } else if (code === 0x5b || code === 0x7b) {
      if (++depth > maxDepth && tooDeepAt < 0) tooDeepAt = i;
      if (++containers > maxContainers) break;
    } else if (code === 0x5d || code === 0x7d) {
      if (depth > 0) depth--;
    }
  }
  return { tooDeepAt, containers };
}

/** Where a JSON text first nests more than `max` deep, or -1 (see {@link scanJsonText}). */
export const tooDeepAt = (text: string, max: number): number =>
  scanJsonText(text, max, Number.POSITIVE_INFINITY).tooDeepAt;

/** The problem of a text nested too deep, `where` saying the line (and column) it happens at. */
export function tooDeepText(where: Bilingual, max: number): Bilingual {
  return {
    vi: `lồng nhau quá ${max} tầng (mảng, đối tượng lồng trong nhau) ${where.vi}; GeoJSON chỉ cần dưới 10 tầng: tệp bị hỏng hoặc không phải GeoJSON`,
    en: `is nested more than ${max} deep (arrays or objects inside each other) ${where.en}; a GeoJSON needs fewer than 10 levels: the file is damaged or not GeoJSON`,
  };
}

/** The problem of a text holding more arrays and objects than can be built in memory. */
export function tooManyContainersText(max: number): Bilingual {
  return {
    vi: `chứa hơn ${max} mảng và đối tượng JSON, vượt mức đọc được trong bộ nhớ; hãy chia nhỏ tệp hoặc chuyển sang FlatGeobuf (.fgb), ví dụ: ogr2ogr -f FlatGeobuf lop.fgb lop.geojson`,
    en: `holds more than ${max} JSON arrays and objects, more than can be read in memory; split the file or convert it to FlatGeobuf (.fgb), e.g. ogr2ogr -f FlatGeobuf layer.fgb layer.geojson`,
  };
}
