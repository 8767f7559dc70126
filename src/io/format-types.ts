import type { FeatureCollection } from "geojson";
import type { Bilingual, ValidationIssue } from "../core/validate/validation-issue";
import type { SourceFile } from "./source-files";

/** The formats the registry reads. */
export type FormatId = "geojson" | "fgb" | "shapefile" | "kml" | "kmz" | "gpkg";

/**
 * What the file itself says about its coordinates. The readers only report it; the CRS decision
 * (`src/core/crs`, then `toWgs84` in `src/core/proposal`) decides from it and the coordinates.
 */
export type CrsEvidence =
  /** A Shapefile's .prj (ESRI or OGC WKT), as written. */
  | { kind: "prj"; wkt: string }
  | { kind: "epsg"; code: number; from: "gpkg" | "fgb" | "geojson-crs" }
  /** An SRS given as WKT only (no EPSG code). */
  | { kind: "wkt"; wkt: string; from: "gpkg" | "fgb" }
  /**
   * Formats whose coordinates are longitude/latitude on WGS84 by definition: KML always; GeoJSON
   * without a `crs` member (RFC 7946 §4), which says little — files in VN-2000 metres often carry
   * no `crs` either.
   */
  | { kind: "wgs84"; from: "kml" | "geojson-spec" }
  | { kind: "none" };

/**
 * How much a reader takes before it stops with a "too-large" problem. Sizes are checked before
 * they are trusted: a zip's declared sizes on its central directory, and the bytes actually
 * inflated while inflating.
 */
export type ReadLimits = {
  /** Bytes of the file(s) as given (all the files of a Shapefile set together). */
  maxBytes: number;
  /** Bytes inflated out of a zip (.zip, .kmz), all the entries read together. */
  maxUnzippedBytes: number;
  /** Entries a zip's central directory may list. */
  maxZipEntries: number;
  /** Features read from one file. */
  maxFeatures: number;
  /** Nesting of an attribute's value (arrays and objects in GeoJSON properties). */
  maxValueDepth: number;
  /**
   * Nesting of a JSON text's arrays and objects, checked on the text before it is parsed: a file
   * nested deeper is refused at the place it goes too deep, before it costs memory.
   */
  maxTextDepth: number;
  /**
   * Arrays and objects a JSON text may open, counted on the text before it is parsed: what
   * `JSON.parse` would build, ~90 bytes of heap each.
   */
  maxTextContainers: number;
  /** Bytes of KML text (a .kml, or the KML documents of a .kmz together): its DOM costs ~100×. */
  maxXmlBytes: number;
};

/**
 * Where sql.js finds its WebAssembly binary: a URL (the page, where Vite serves the file as an
 * asset) or its bytes (Node, read from node_modules). Without it sql.js looks beside its own
 * script, which works when it runs from node_modules unbundled (tests).
 */
export type SqlWasmSource = () => Promise<{ url: string } | { bytes: Uint8Array }>;

export type ReadOptions = {
  /** Called with bytes or features done / total, at most every ~50 ms. */
  onProgress?: (done: number, total: number) => void;
  /** Aborting makes {@link FormatModule.read} reject with the signal's reason, soon. */
  signal?: AbortSignal;
  limits: ReadLimits;
  /**
   * The layer to read when a file holds several: a GeoPackage table name, or a Shapefile's name
   * inside a zip (with or without ".shp"). Without it the first is read, and a warning names the
   * others.
   */
  layer?: string;
  /**
   * How the user of this front end picks another layer, said in the messages about a file holding
   * several (the CLI: its `--source-layer` option; the app: its chooser). Without it they only
   * name the layers.
   */
  pickLayer?: Bilingual;
  /** See {@link SqlWasmSource}; only GeoPackage uses it. */
  sqlWasm?: SqlWasmSource;
};

/** Coordinates exactly as in the file (not yet reprojected), with what was wrong on the way. */
export type ReadResult = {
  format: FormatId;
  /** The file(s) read, as the user knows them (e.g. "quy-hoach.zip › ranh-gioi.shp"). */
  file: string;
  /** Features that could be read (heights dropped); the others are in `problems`. */
  collection: FeatureCollection;
  crs: CrsEvidence;
  /** Text encoding used for attributes where the format leaves it open (dbf), and why. */
  encoding?: { name: string; reason: Bilingual };
  /** File-level (featureIndex null) and per feature, numbered as in the file. */
  problems: ValidationIssue[];
  /**
   * Where the collection's features are in the file, present only when some could not be read:
   * `collection.features[i]` is the file's feature `index[i]` of `count`. Messages about the
   * collection's features translate through it, so they name the feature as the file numbers it.
   */
  positions?: { index: number[]; count: number };
  /**
   * Every layer the file holds, in its order, for the formats that hold layers (the feature tables
   * of a GeoPackage, the Shapefiles of a zip; absent for the others): the names
   * {@link ReadOptions.layer} takes, for a front end to offer when there are several.
   */
  layers?: string[];
};

/** One format's reader. Never throws on bad input: it ends in problems. */
export type FormatModule = {
  read(files: SourceFile[], options: ReadOptions): Promise<ReadResult>;
};
