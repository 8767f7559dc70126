import type { FeatureCollection } from "geojson";
import { validateLayer } from "../core/validate/validate-layer";
import type { ReadResult } from "../io/format-types";
import { FORMATS } from "../io/registry";
import type { ImportPipeline } from "./import-handler";
import type { ImportReport } from "./import-protocol";

const WGS84 = { id: "EPSG:4326", axis: "xy" as const, label: { vi: "WGS84", en: "WGS84" } };

/**
 * PROVISIONAL stand-in for the proposal pipeline of `src/core/proposal` (its API will be in
 * notes/proposal-api.md): takes the coordinates as WGS84 and the catalogue's attribute as the
 * land-use attribute, so the dialog can be built before the pipeline lands. Replaced by a call
 * to the pipeline, not grown.
 */
export const prepareReport: ImportPipeline["prepare"] = (read, _overrides, context) => {
  const validated = validateLayer(read.collection, { file: read.file, kind: "polygon" });
  const issues = [...read.problems, ...validated.issues];
  const bad = new Set(
    validated.issues.filter((i) => i.severity === "error").map((i) => i.featureIndex),
  );
  const features = read.collection.features.filter((_, index) => !bad.has(index));
  const collection: FeatureCollection | null =
    features.length > 0 && !bad.has(null) ? { type: "FeatureCollection", features } : null;
  const total = read.collection.features.length;
  const matched = read.collection.features.filter(
    (f) => f.properties?.[context.landUseKey] !== undefined,
  ).length;
  return {
    files: context.files,
    file: read.file,
    format: formatOf(read),
    encoding: read.encoding ?? null,
    crs:
      total === 0
        ? null
        : {
            used: WGS84,
            reason: { vi: "tạm thời: coi là WGS84", en: "provisional: taken as WGS84" },
            confidence: "unknown",
            options: [WGS84],
          },
    landUse:
      total === 0
        ? null
        : {
            attribute: matched > 0 ? context.landUseKey : null,
            matched,
            total,
            options: matched > 0 ? [{ attribute: context.landUseKey, matched }] : [],
          },
    issues,
    total,
    collection,
  } satisfies ImportReport;
};

/** The format read and its name; none when nothing of the file could be read as any format. */
function formatOf(read: ReadResult): ImportReport["format"] {
  const entry = FORMATS.find((f) => f.id === read.format);
  return entry ? { id: entry.id, label: entry.label } : null;
}
