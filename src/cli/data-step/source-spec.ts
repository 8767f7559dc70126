import { existsSync, statSync } from "node:fs";
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

/** How the user gave a source: `--source`, or the PLAN_LAYERS_ADMIN_SOURCE variable. */
export type SourceGiven = "option" | "env";

/**
 * The boundary source of a run. `origin` says how it was picked this time ("remembered": from the
 * manifest of an earlier run); `given`, how the user gave it, now or then — absent for the
 * defaults, which are never remembered.
 */
export type SourceSpec =
  | {
      kind: "dir";
      location: string;
      origin: SourceGiven | "remembered" | "default";
      given?: SourceGiven;
    }
  | {
      kind: "url";
      location: string;
      origin: SourceGiven | "remembered" | "fallback";
      given?: SourceGiven;
    };

/** The source as data/manifest.json records it (see `Manifest.source`). */
export type RecordedSource = { kind: "dir" | "url"; location: string; given?: SourceGiven };

export type Locations = {
  projectRoot: string;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
};

export const isUrl = (value: string) => /^https?:\/\//i.test(value);

/**
 * A source the user gave in an earlier run (recorded in the manifest), if it can still be used: a
 * folder that still exists, or a URL (whether it answers is the download's to say).
 */
function rememberedSource(recorded: RecordedSource | null | undefined): SourceSpec | null {
  if (!recorded || (recorded.given !== "option" && recorded.given !== "env")) return null;
  const { kind, location, given } = recorded;
  if (typeof location !== "string") return null;
  if (kind === "url" && isUrl(location)) return { kind, location, origin: "remembered", given };
  if (kind === "dir" && existsSync(location) && statSync(location).isDirectory()) {
    return { kind, location, origin: "remembered", given };
  }
  return null;
}

/**
 * Picks the boundary source: `--source`, else the PLAN_LAYERS_ADMIN_SOURCE variable, else the
 * source the user gave in an earlier run (`recorded`, from the output folder's manifest) while it
 * still exists — so that a clone without the shared folder, set up once with
 * `npm run data -- --source DIR`, keeps using DIR in `npm start` and `npm test` — else the shared
 * folder beside the project, else the public copy. Paths the user typed resolve against the
 * working directory; the default against the project root.
 */
export function resolveSource(
  args: Pick<DataArgs, "source">,
  where: Locations,
  recorded?: RecordedSource | null,
): SourceSpec {
  const envValue = where.env[SOURCE_ENV]?.trim();
  const given = args.source ?? (envValue ? envValue : null);
  const origin = args.source ? "option" : "env";
  if (given) {
    return isUrl(given)
      ? { kind: "url", location: given, origin, given: origin }
      : { kind: "dir", location: resolve(where.cwd, given), origin, given: origin };
  }
  const remembered = rememberedSource(recorded);
  if (remembered) return remembered;
  const shared = resolve(where.projectRoot, DEFAULT_SOURCE_DIR);
  if (existsSync(shared)) return { kind: "dir", location: shared, origin: "default" };
  return { kind: "url", location: DEFAULT_SOURCE_URL, origin: "fallback" };
}

/** The source as the manifest records it: with `given` when the user gave it, to remember it. */
export function recordedSource(source: SourceSpec): RecordedSource {
  const { kind, location, given } = source;
  return given ? { kind, location, given } : { kind, location };
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
