import { readdirSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { groupFiles } from "../io/registry";

/**
 * The files that make up the layer at `path`: the file itself, or for a Shapefile part the whole
 * set beside it (.shp, .shx, .dbf, .prj, .cpg of the same name, in any letter case), so
 * `--proposal ranh-gioi.shp` reads its attributes and its .prj too. The given path comes first.
 */
export function sourcePaths(path: string): string[] {
  const folder = dirname(path);
  const name = basename(path);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return [path]; // reading the file says what is wrong
  }
  if (!names.includes(name)) return [path];
  const group = groupFiles(names).find((g) => g.names.includes(name));
  if (group?.format !== "shapefile") return [path];
  return [path, ...group.names.filter((n) => n !== name).map((n) => join(folder, n))];
}
