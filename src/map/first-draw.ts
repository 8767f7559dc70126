/**
 * The performance mark the app sets when the map first shows what it opened with: the first `idle`
 * of the map (nothing left to load or animate, the frame drawn) at which the districts and every
 * plan layer switched on at the start — each loaded, or failed and reported in the sidebar — are
 * drawn. `npm run bench:app` times navigation → this mark; the loading indicator goes away at it.
 */
export const FIRST_MAP_MARK = "plan-layers:first-map";

/** Sets {@link FIRST_MAP_MARK} (once per page; a browser without the User Timing API is skipped). */
export function markFirstMap(): void {
  if (typeof performance === "undefined" || typeof performance.mark !== "function") return;
  if (performance.getEntriesByName(FIRST_MAP_MARK).length > 0) return;
  performance.mark(FIRST_MAP_MARK);
}
