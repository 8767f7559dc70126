import { MAX_JSON_TEXT_BYTES } from "../core/validate/json-text";
import type { SizeLimit } from "../core/validate/size-limit";
import type { ReadLimits } from "./format-types";

/**
 * Limits every caller starts from. 512 MiB of file or of inflated zip entries: what a JSON or KML
 * text can be as one JavaScript string (V8's longest), and more than any plan file needs (the
 * 100 000-zone GeoJSON is 25 MiB). 10 000 zip entries: a Shapefile zip has a handful. 2 000 000
 * features: ten times the largest land-use layer of a province. Attribute values nested 32 deep:
 * no plan attribute nests at all, and a value nested a million deep would overflow the stack of
 * whatever copies it next (structuredClone to a worker, JSON.stringify of the findings). JSON text
 * nested 256 deep: a GeoJSON needs 4 levels above an attribute's 32 and 6 for a MultiPolygon's
 * coordinates; parsing a text nested 10 000 000 deep took 17 s and 1 GiB only to be refused after.
 * 25 000 000 JSON arrays and objects: a 500 MiB GeoJSON of 3 600 000 small zones opens 32 000 000
 * and took 2.9 GiB; 480 MiB of empty arrays (160 000 000) did not end in 3 minutes under Node's
 * 4 GiB heap (and a page's is smaller).
 * 16 MiB of KML: xmldom's DOM and togeojson take ~1.5 s and ~70–110 MiB of memory per MiB of KML
 * here (15 MiB, 60 000 placemarks: 21 s, 1–1.7 GiB; 31 MiB: 2 minutes, 2.2 GiB; 200 MiB did not
 * end in 3 minutes), more than a browser tab should spend; a plan in KML is rarely over 10 MiB.
 */
export const DEFAULT_READ_LIMITS: ReadLimits = {
  maxBytes: MAX_JSON_TEXT_BYTES,
  maxUnzippedBytes: MAX_JSON_TEXT_BYTES,
  maxZipEntries: 10_000,
  maxFeatures: 2_000_000,
  maxValueDepth: 32,
  maxTextDepth: 256,
  maxTextContainers: 25_000_000,
  maxXmlBytes: 16 * 2 ** 20,
};

/** What to do with a layer file too large to read, whatever its format. */
export const LAYER_TOO_LARGE: SizeLimit["advice"] = {
  vi: "hãy chuyển lớp sang FlatGeobuf (.fgb), ví dụ: ogr2ogr -f FlatGeobuf lop.fgb lop.geojson",
  en: "convert the layer to FlatGeobuf (.fgb), e.g. ogr2ogr -f FlatGeobuf layer.fgb layer.geojson",
};

/** The size limit of a layer file read as text or unpacked whole (every format but FlatGeobuf). */
export const LAYER_LIMIT: SizeLimit = { bytes: MAX_JSON_TEXT_BYTES, advice: LAYER_TOO_LARGE };
