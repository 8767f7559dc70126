import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { DataArgs } from "./args";

/**
 * Public copy of the official Hà Nội boundaries (dvhcvn format), used only on a machine that has
 * neither the shared data folder nor a --source.
 */
export const DEFAULT_SOURCE_URL =
  "https://raw.githubusercontent.com/daohoangson/dvhcvn/master/data/gis/01.json";

/** Where the shared reference data sits, relative to the project root. */
export const DEFAULT_SOURCE_DIR = "../shared/data/vn-admin";

export const SOURCE_ENV = "PLAN_LAYERS_ADMIN_SOURCE";

export type SourceSpec =
  | { kind: "dir"; location: string; origin: "option" | "env" | "default" }
  | { kind: "url"; location: string; origin: "option" | "env" | "fallback" };

export type Locations = {
  projectRoot: string;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
};

export const isUrl = (value: string) => /^https?:\/\//i.test(value);

/**
 * Picks the boundary source: `--source`, else the PLAN_LAYERS_ADMIN_SOURCE variable, else the shared
 * folder beside the project, else the public copy. Paths the user typed resolve against the
 * working directory; the default against the project root.
 */
export function resolveSource(args: Pick<DataArgs, "source">, where: Locations): SourceSpec {
  const envValue = where.env[SOURCE_ENV]?.trim();
  const given = args.source ?? (envValue ? envValue : null);
  const origin = args.source ? "option" : "env";
  if (given) {
    return isUrl(given)
      ? { kind: "url", location: given, origin }
      : { kind: "dir", location: resolve(where.cwd, given), origin };
  }
  const shared = resolve(where.projectRoot, DEFAULT_SOURCE_DIR);
  if (existsSync(shared)) return { kind: "dir", location: shared, origin: "default" };
  return { kind: "url", location: DEFAULT_SOURCE_URL, origin: "fallback" };
}

/** Output and layers folders: as given (from the working directory) or the project's own. */
export function resolveFolders(
  args: Pick<DataArgs, "out" | "layers">,
  where: Locations,
): { outDir: string; layersDir: string } {
  return {
    outDir: args.out ? resolve(where.cwd, args.out) : resolve(where.projectRoot, "data"),
    layersDir: args.layers ? resolve(where.cwd, args.layers) : resolve(where.projectRoot, "layers"),
  };
}
