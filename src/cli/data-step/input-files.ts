import { type Dirent, existsSync, readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { DataStepError } from "./messages";
import type { SourceSpec } from "./source-spec";

/** Hà Nội's districts and boundary as GeoJSON, as in the shared reference folder. */
export const DISTRICTS_FILE = "hanoi-districts.geojson";
export const BOUNDARY_FILE = "hanoi-boundary.geojson";
/** The untouched dvhcvn source, under the names a folder may hold it. */
export const DVHCVN_FILES = ["source/dvhcvn-gis-01.json", "dvhcvn-gis-01.json", "01.json"];
export const SIMPLIFIED_PROVINCES_FILE = "vietnam-provinces-simplified.geojson";
export const DETAILED_PROVINCES_FILE = "red-river-delta-provinces.geojson";
export const STRUCTURE_FILE = "city-plan/structure.json";

/** The files of a boundary source, each as `T`: a path when planned, its text once read. */
export type SourceFiles<T> = {
  admin: { kind: "geojson"; districts: T; boundary: T } | { kind: "dvhcvn"; file: T };
  simplifiedProvinces: T | null;
  detailedProvinces: T | null;
};

/** What the build reads from the boundary source; paths absolute, or the URL. */
export type SourcePlan = SourceFiles<string>;

const isFile = (path: string) => existsSync(path) && statSync(path).isFile();

/**
 * Decides which files of the source to read: the GeoJSON pair when the folder has both, else a
 * dvhcvn file; the two province files when present. A URL is one dvhcvn file. A name counts
 * whatever it is: reading a FIFO, a device or a folder then stops the step saying so, where
 * passing it over would say the file is missing, or build without it in silence.
 *
 * @throws DataStepError (exit 2) when the folder is missing or holds neither form
 */
export function planSource(source: SourceSpec): SourcePlan {
  if (source.kind === "url") {
    return {
      admin: { kind: "dvhcvn", file: source.location },
      simplifiedProvinces: null,
      detailedProvinces: null,
    };
  }
  const dir = source.location;
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new DataStepError(
      {
        vi: `không tìm thấy thư mục dữ liệu ranh giới: ${dir}`,
        en: `boundary data folder not found: ${dir}`,
      },
      2,
    );
  }
  const districts = join(dir, DISTRICTS_FILE);
  const boundary = join(dir, BOUNDARY_FILE);
  const dvhcvn = DVHCVN_FILES.map((name) => join(dir, name)).find((path) => existsSync(path));
  const optional = (name: string) => (existsSync(join(dir, name)) ? join(dir, name) : null);
  const provinces = {
    simplifiedProvinces: optional(SIMPLIFIED_PROVINCES_FILE),
    detailedProvinces: optional(DETAILED_PROVINCES_FILE),
  };
  if (existsSync(districts) && existsSync(boundary)) {
    return { admin: { kind: "geojson", districts, boundary }, ...provinces };
  }
  if (dvhcvn) return { admin: { kind: "dvhcvn", file: dvhcvn }, ...provinces };
  throw new DataStepError(
    {
      vi: `thư mục ${dir} không có ${DISTRICTS_FILE} + ${BOUNDARY_FILE}, cũng không có tệp dvhcvn (${DVHCVN_FILES.join(", ")})`,
      en: `folder ${dir} has neither ${DISTRICTS_FILE} + ${BOUNDARY_FILE} nor a dvhcvn file (${DVHCVN_FILES.join(", ")})`,
    },
    2,
  );
}

/** Every file of a source (paths or texts), in a fixed order: admin, then the provinces. */
export function sourceFileList<T>(files: SourceFiles<T>): T[] {
  const admin =
    files.admin.kind === "geojson"
      ? [files.admin.districts, files.admin.boundary]
      : [files.admin.file];
  return [...admin, files.simplifiedProvinces, files.detailedProvinces].filter(
    (file): file is T => file !== null,
  );
}

/** Paths under `dir` (hidden names skipped, folders walked into) that `keep` accepts. */
function walk(dir: string, keep: (entry: Dirent) => boolean, out: string[]): string[] {
  if (!existsSync(dir)) return out;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, keep, out);
    else if (keep(entry)) out.push(path);
  }
  return out;
}

/**
 * Authored layer files: layers/**\/*.geojson plus city-plan/structure.json, sorted, absolute. By
 * name, whatever they are (a link, a FIFO): reading them says what is wrong with one.
 */
export function layerPaths(layersDir: string): string[] {
  const paths = walk(layersDir, (entry) => entry.name.endsWith(".geojson"), []);
  const structure = join(layersDir, STRUCTURE_FILE);
  if (existsSync(structure)) paths.push(structure);
  return paths.sort();
}

/** `path` relative to `base` with forward slashes, as the generator's `authored` keys are. */
export function relativePosix(base: string, path: string): string {
  return relative(base, path).split(sep).join("/");
}

/** Shows a path inside the project relative to its root, one outside it in full. */
export function displayPath(projectRoot: string, path: string): string {
  const relative = relativePosix(projectRoot, path);
  return relative.startsWith("../") ? path : relative;
}

/**
 * The code that turns inputs into outputs: when it changes the data must be rebuilt too, even
 * though no input did (e.g. a new generation rule in src/core/plan).
 */
export function codePaths(projectRoot: string): string[] {
  const dirs = [
    "src/core/plan",
    "src/core/admin",
    "src/core/validate",
    "src/core/geo",
    "src/io",
    "src/cli/data-step",
  ];
  const files = [
    "src/cli/data.ts",
    "src/cli/data-build.ts",
    // the checker's overlay kernel and areas, which the districts' tiling check uses
    "src/core/check/kernel.ts",
    "src/core/check/ellipsoidal-area.ts",
    "src/core/check/wgs84.ts",
    "package-lock.json",
  ];
  const paths = dirs.flatMap((dir) => walk(join(projectRoot, dir), (entry) => entry.isFile(), []));
  for (const file of files) {
    if (isFile(join(projectRoot, file))) paths.push(join(projectRoot, file));
  }
  return paths.sort();
}
