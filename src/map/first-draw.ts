/**
 * The performance mark the app sets when the map first shows what it opened with: the first `idle`
 * of the map (nothing left to load or animate, the frame drawn) at which the districts and every
 * plan layer switched on at the start — each loaded, or failed and reported in the sidebar — are
 * drawn, once the GPU has finished drawing that frame. `npm run bench:app` times navigation →
 * this mark; the loading indicator goes away at it.
 */
export const FIRST_MAP_MARK = "plan-layers:first-map";

/** Sets {@link FIRST_MAP_MARK} (once per page; a browser without the User Timing API is skipped). */
export function markFirstMap(): void {
  if (typeof performance === "undefined" || typeof performance.mark !== "function") return;
  if (performance.getEntriesByName(FIRST_MAP_MARK).length > 0) return;
  performance.mark(FIRST_MAP_MARK);
}

/** What {@link afterFrame} asks of the map's WebGL 2 context: a fence, polled without waiting. */
export type FenceContext = Pick<
  WebGL2RenderingContext,
  | "fenceSync"
  | "flush"
  | "clientWaitSync"
  | "deleteSync"
  | "SYNC_GPU_COMMANDS_COMPLETE"
  | "TIMEOUT_EXPIRED"
>;

/** How often the page asks whether the GPU has drawn the frame, ms. */
export const GPU_POLL_MS = 4;

/**
 * Longest wait for the GPU, ms: then `then` runs anyway (a lost context answers nothing useful;
 * no picture is worth a loading indicator that never goes).
 */
export const GPU_WAIT_LIMIT_MS = 10_000;

/**
 * Calls `then` once the frame MapLibre is drawing is drawn: in a task of its own, queued from
 * inside the frame (MapLibre's `idle` and `render` events come from an animation-frame callback),
 * and, given the map's WebGL 2 context, once the GPU has run every command of that frame. With
 * GPU compositing the page hands the frame's commands to the GPU process and goes on: the picture
 * is on the screen only when that process has drawn it, which a fence tells without making the
 * page wait. (With software compositing the browser reads the frame back while compositing, so
 * the fence has signalled by the time it is asked.) No context, or WebGL 1: after the frame's task.
 */
export function afterFrame(then: () => void, gl?: FenceContext | null): void {
  setTimeout(() => {
    const sync = gl ? gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0) : null;
    if (!gl || !sync) {
      then();
      return;
    }
    // without a flush the fence may sit in the page's command buffer and never be reached
    gl.flush();
    const started = performance.now();
    const poll = () => {
      // timeout 0: WebGL never lets the page block on a fence; the status moves between tasks
      const status = gl.clientWaitSync(sync, 0, 0);
      if (status === gl.TIMEOUT_EXPIRED && performance.now() - started < GPU_WAIT_LIMIT_MS) {
        setTimeout(poll, GPU_POLL_MS);
        return;
      }
      gl.deleteSync(sync);
      then();
    };
    poll();
  }, 0);
}

/** The map canvas's WebGL 2 context (the one MapLibre drew with), or null under WebGL 1. */
export function fenceContext(canvas: HTMLCanvasElement): FenceContext | null {
  // getContext of the type a canvas already has returns that context; of another type, null
  const gl = canvas.getContext("webgl2");
  return gl && typeof gl.fenceSync === "function" ? gl : null;
}
