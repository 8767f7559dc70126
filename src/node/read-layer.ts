import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import type { FeatureCollection } from "geojson";
import { parseJsonText } from "../core/validate/validate-feature-collection";
import { readFlatGeobuf } from "../io/fgb-reader";
import { inputError, shownPath } from "./check-error";
import { checkLayerShape, type GeometryKind } from "./layer-shape";

/**
 * Reads a file's bytes.
 *
 * @throws CheckInputError naming the file when it is missing or unreadable; `hint` says how to get it
 */
export async function readInputFile(path: string, hint?: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const extra = hint ? ` (${hint})` : "";
    if (code === "ENOENT") {
      throw inputError(shownPath(path), {
        vi: `không tìm thấy tệp${extra}`,
        en: `file not found${extra}`,
      });
    }
    const detail = error instanceof Error ? error.message : String(error);
    throw inputError(shownPath(path), {
      vi: `không đọc được tệp (${detail})`,
      en: `cannot read the file (${detail})`,
    });
  }
}

/** Parses JSON text; a syntax error becomes an input error naming the file. */
export function parseJsonFile(bytes: Buffer, file: string): unknown {
  const parsed = parseJsonText(bytes.toString("utf8"), file);
  if (!parsed.ok) throw inputError(file, parsed.issue.message);
  return parsed.value;
}

/**
 * Reads a layer file (.geojson/.json, or .fgb) as a FeatureCollection of `kind` geometries.
 *
 * @throws CheckInputError naming the file (and the feature) when it is missing or malformed
 */
export async function readLayerFile(
  path: string,
  kind: GeometryKind,
  hint?: string,
): Promise<FeatureCollection> {
  const file = shownPath(path);
  const bytes = await readInputFile(path, hint);
  if (extname(path).toLowerCase() === ".fgb") {
    let collection: FeatureCollection;
    try {
      collection = await readFlatGeobuf(bytes);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw inputError(file, {
        vi: `không phải FlatGeobuf đọc được (${detail})`,
        en: `is not a readable FlatGeobuf file (${detail})`,
      });
    }
    return checkLayerShape(collection, file, kind);
  }
  return checkLayerShape(parseJsonFile(bytes, file), file, kind);
}
