// Catalogue and rules for the generator's data (../shared/bench/gen-plan-data.mjs): the reference
// overlay of ../shared/bench/README.md as no-overlap rules — city zones with landuse in
// ODT, ONT, SKK, TMD, DGT against each of the three constraint layers, tolerance 1 m².
// Used by scripts/bench.mjs and the agreement test; layer ids are the PostGIS anchor's layer names.
import { writeFileSync } from "node:fs";
import { join } from "node:path";

export const DEVELOPMENT_CODES = ["ODT", "ONT", "SKK", "TMD", "DGT"];
export const CONSTRAINT_LAYERS = ["rice-protection", "flood-corridor", "transport-corridors"];

const basis = (instrument, date, vi, en) => ({ instrument, date, issuer: { vi, en } });
const layer = (ext, id, vi, en, level, extra) => ({
  id,
  title: { vi, en },
  level,
  legalBasis: basis("0000/QĐ-TTg", "2023-01-01", "Thủ tướng Chính phủ", "Prime Minister"),
  agency: { vi: "Dữ liệu tổng hợp", en: "Synthetic data" },
  status: "approved",
  dataAsOf: "2023-01-01",
  illustrative: true,
  source: `${id}.${ext}`,
  geometryType: "polygon",
  style: { type: "simple", color: "#888888" },
  attributes: [],
  ...extra,
});

/** The catalogue object (layers relative to the data folder, files of extension `ext`). */
export function benchCatalog(ext = "geojson") {
  return {
    version: 1,
    title: { vi: "Dữ liệu đo hiệu năng", en: "Benchmark data" },
    dataCutoff: "2022-12-31",
    rules: "rules.json",
    layers: [
      layer(ext, "city-plan", "Quy hoạch thành phố (tổng hợp)", "City plan (synthetic)", "city"),
      layer(ext, "rice-protection", "Đất lúa cần bảo vệ", "Protected rice land", "national", {
        sector: "land-use",
      }),
      layer(ext, "flood-corridor", "Hành lang thoát lũ", "Flood corridor", "sector", {
        sector: "water-flood",
      }),
      layer(ext, "transport-corridors", "Hành lang giao thông", "Transport corridors", "sector", {
        sector: "transport",
      }),
    ],
  };
}

/** The rules object: one no-overlap rule per constraint layer. */
export function benchRules() {
  return {
    version: 1,
    rules: CONSTRAINT_LAYERS.map((id) => ({
      id: `city-vs-${id}`,
      type: "no-overlap",
      title: { vi: `Không chồng lấn ${id}`, en: `No overlap with ${id}` },
      description: { vi: "Lớp phủ tham chiếu", en: "The reference overlay" },
      severity: "error",
      subject: { layer: "city-plan", filter: { attribute: "landuse", in: DEVELOPMENT_CODES } },
      constraint: { layer: id },
      toleranceSquareMeters: 1,
    })),
  };
}

/**
 * Writes catalog.json (layers of extension `ext`: "geojson", or "fgb" for the streamed sizes) and
 * rules.json into the generator's output folder; returns the catalogue path.
 */
export function writeBenchCatalog(dir, ext = "geojson") {
  writeFileSync(join(dir, "catalog.json"), `${JSON.stringify(benchCatalog(ext), null, 2)}\n`);
  writeFileSync(join(dir, "rules.json"), `${JSON.stringify(benchRules(), null, 2)}\n`);
  return join(dir, "catalog.json");
}
