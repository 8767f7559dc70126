import type { Catalog } from "../core/catalog/parse-catalog";
import type { LayerEntry } from "../core/catalog/schema";

/** One plan component as the Department of Planning and Investment tracks it. */
export type ProgressRow = {
  layer: LayerEntry;
  /** True when the component's data predate the catalogue's data cut-off. */
  stale: boolean;
};

/**
 * True when `dataAsOf` is older than `cutoff` (both ISO dates, YYYY-MM-DD): the Capital plan asks
 * for data up to the cut-off (end of 2022), so older data must be updated. The cut-off day counts
 * as current.
 */
export function isStale(dataAsOf: string, cutoff: string): boolean {
  return dataAsOf < cutoff;
}

/**
 * Rows of the progress table: every catalogue layer except the district-level base (administrative
 * boundaries, not a plan), in hierarchy order.
 */
export function buildProgressRows(catalog: Catalog): ProgressRow[] {
  return catalog.layers
    .filter((layer) => layer.level !== "district")
    .map((layer) => ({ layer, stale: isStale(layer.dataAsOf, catalog.dataCutoff) }));
}

/** How many components are in each workflow status, for the table's summary line. */
export function countByStatus(rows: readonly ProgressRow[]): Record<LayerEntry["status"], number> {
  const counts = { drafting: 0, appraisal: 0, approved: 0 };
  for (const row of rows) counts[row.layer.status] += 1;
  return counts;
}
