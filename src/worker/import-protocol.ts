import type { Bilingual, ValidationIssue } from "../core/validate/validation-issue";
import type { FormatId } from "../io/format-types";
import type { PackedCollection } from "../io/packed-collection";
import type { Bbox } from "../state/bounds";

/**
 * A coordinate system the user can read a file in: the CRS id (e.g. "EPSG:5897"), the order of
 * the two numbers of each position, and its name to show. The worker names them, so the page
 * never loads the CRS definitions.
 */
export type CrsOption = { id: string; axis: "xy" | "yx"; label: Bilingual };

/** What the user changed in the import dialog; null: the pipeline decides. */
export type ImportOverrides = {
  crs: { id: string; axis: "xy" | "yx" } | null;
  landUseAttribute: string | null;
  /**
   * The layer read from a file holding several (a GeoPackage table, a .shp of a zip); absent or
   * null: the first. Changing it reads the file again.
   */
  layer?: string | null;
};

export const NO_OVERRIDES: ImportOverrides = { crs: null, landUseAttribute: null, layer: null };

/** How sure the CRS used is: the file says so, it was inferred from coordinates, the user chose. */
export type CrsConfidence = "declared" | "inferred" | "unknown" | "chosen";

/** An attribute that may hold the land-use code, with how many features have an official code. */
export type LandUseOption = { attribute: string; matched: number };

/**
 * Everything the import dialog shows about one input, and the proposal layer it would load: the
 * file(s) and the format read, the CRS used and why with the others to choose from, the land-use
 * attribute guessed with the others, every problem per feature, and the valid features in WGS84.
 */
export type ImportReport = {
  /** The names of the files given, as the user chose or dropped them. */
  files: string[];
  /** The input as messages name it (e.g. "quy-hoach.zip › ranh-gioi.shp"). */
  file: string;
  format: { id: FormatId; label: Bilingual } | null;
  /** Text encoding of the attributes, where the format leaves it open (dbf), and why. */
  encoding: { name: string; reason: Bilingual } | null;
  /**
   * The layers of a file holding several (GeoPackage, a zip of Shapefiles), to choose from: the
   * one read (null: none, a name the file lacks) and all of them in the file's order. Null when
   * the file holds one layer or none.
   */
  layers: { read: string | null; options: string[] } | null;
  /** Null when nothing could be read (no coordinates to decide on). */
  crs: {
    used: CrsOption | null;
    reason: Bilingual;
    confidence: CrsConfidence;
    options: CrsOption[];
  } | null;
  /** Null when nothing could be read. `attribute` null: no attribute holds land-use codes. */
  landUse: {
    attribute: string | null;
    matched: number;
    total: number;
    options: LandUseOption[];
  } | null;
  /** File-level problems first, then per feature, in file order. */
  issues: ValidationIssue[];
  /** Features read from the file. */
  total: number;
  /**
   * The valid features, in WGS84, the land-use attribute under the catalogue's name, packed (the
   * page never parses them all: they go on to MapLibre's and the check's workers as bytes); null:
   * none.
   */
  collection: PackedCollection | null;
  /** The box around the valid features (null: none), measured in the worker. */
  bbox: Bbox | null;
};

/** Messages the page sends the import worker. */
export type ToImportWorker =
  /**
   * Read `files` (one input: one file, or a Shapefile's parts) and prepare the proposal with
   * `overrides`. The same `readId` as the last read reuses what was read (a changed override).
   */
  | {
      type: "import";
      runId: number;
      readId: number;
      files: File[];
      overrides: ImportOverrides;
      /** The catalogue's land-use attribute name, which the proposal's attribute is renamed to. */
      landUseKey: string;
    }
  /** Stop job `runId` soon; the worker answers `cancelled`. */
  | { type: "cancel"; runId: number };

/** What stage a job is at: reading the file, or turning it into a proposal. */
export type ImportStage = "read" | "prepare";

/** Messages the import worker sends back; each names its job. */
export type FromImportWorker =
  | { type: "progress"; runId: number; stage: ImportStage; done: number; total: number }
  | { type: "report"; runId: number; report: ImportReport }
  | { type: "cancelled"; runId: number }
  /** A bug, not bad data: bad data ends in a report with problems. */
  | { type: "error"; runId: number; message: string };
