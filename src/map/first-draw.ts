/**
 * The performance mark the app sets when the map first shows what it opened with: the first `idle`
 * of the map (nothing left to load or animate, the frame drawn) at which the districts and every
 * plan layer switched on at the start — each loaded, or failed and reported in the sidebar — are
 * drawn, once that frame is on the screen. `npm run bench:app` times navigation → this mark; the
 * loading indicator goes away at it.
 */
export const FIRST_MAP_MARK = "plan-layers:first-map";

/** Sets {@link FIRST_MAP_MARK} (once per page; a browser without the User Timing API is skipped). */
export function markFirstMap(): void {
  if (typeof performance === "undefined" || typeof performance.mark !== "function") return;
  if (performance.getEntriesByName(FIRST_MAP_MARK).length > 0) return;
  performance.mark(FIRST_MAP_MARK);
}

/**
 * Calls `then` in a task of its own, queued from inside one of MapLibre's frames (its `idle` and
 * `render` events come from an animation-frame callback): the task runs after that frame's
 * rendering, in which the browser composites the canvas (and, with software WebGL, reads its
 * pixels back, waiting for every draw of the frame). A mark set there counts the frame it marks.
 */
export function afterFrame(then: () => void): void {
  setTimeout(then, 0);
}
