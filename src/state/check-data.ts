import type { FeatureCollection } from "geojson";
import { districtLayer } from "../core/catalog/catalog-queries";
import { type Rule, referencedLayers } from "../core/catalog/rules-schema";
import type { LayerEntry } from "../core/catalog/schema";
import type { LayerData } from "../io/packed-collection";
import type { CheckData } from "../worker/check-protocol";
import type { LoadFailure } from "./load-failure";

/** Where a layer file stands, as far as the check cares. */
export type LayerStatus =
  | { status: "loading" }
  | { status: "ready"; data: LayerData }
  | { status: "error"; failure: LoadFailure };

/** A layer the rules read whose file could not be used, and why (the file as the catalogue names it). */
export type LayerFailure = { layer: string; failure: LoadFailure };

/** The data to check, or which layers it still waits for. */
export type CheckDataState =
  | { status: "waiting"; loading: string[] }
  /** `failed`: layers the rules read whose file did not load (their rules cannot run). */
  | { status: "ready"; data: CheckData; failed: LayerFailure[] };

/**
 * Gathers what the check workers need once every file it reads has settled: every layer any rule
 * reads (whether ticked or not, so the data is sent once for all runs), the catalogue and the
 * district polygons (the catalogue's district layer, else the base map's districts). Layers that
 * failed to load are left out and listed with their failure, so the panel can say which rules
 * cannot run and why.
 */
export function buildCheckData(
  catalog: readonly LayerEntry[],
  rules: readonly Rule[],
  sources: Readonly<Record<string, LayerStatus | undefined>>,
  baseDistricts: FeatureCollection | null,
): CheckDataState {
  const referenced = new Set(rules.flatMap((r) => referencedLayers(r).map((l) => l.id)));
  const district = districtLayer(catalog);
  const ids = [...referenced];
  if (district && !referenced.has(district.id)) ids.push(district.id);
  const inCatalog = new Set(catalog.map((l) => l.id));
  const loading = ids.filter(
    (id) => inCatalog.has(id) && (sources[id]?.status ?? "loading") === "loading",
  );
  if (loading.length > 0) return { status: "waiting", loading };
  const layers: Record<string, LayerData> = {};
  const failed: LayerFailure[] = [];
  for (const id of ids) {
    const source = sources[id];
    if (source?.status === "ready") layers[id] = source.data;
    else if (source?.status === "error" && referenced.has(id))
      failed.push({ layer: id, failure: source.failure });
  }
  const districts = (district && layers[district.id]) || baseDistricts;
  return {
    status: "ready",
    data: { layers, catalog: [...catalog], districts: districts ?? null },
    failed,
  };
}
