// When the map's drawing is on the screen, for the benchmarks that time "drawn". With GPU
// compositing (scripts/chromium.mjs) the page hands a frame's WebGL commands to the GPU process
// and goes on; the picture shows once that process has run them (here SwiftShader, on the CPU).
// A fence after the frame tells when, without making the page wait (the app's first-map mark
// does the same: src/map/first-draw.ts).

/**
 * In the page (self-contained: installed with `addInitScript` or passed to `page.evaluate`):
 * calls `then(performance.now())` once the GPU has run every command given to the map's WebGL 2
 * context so far; at once where the map has no WebGL 2 context.
 */
export function whenGpuDrawn(then) {
  const gl = window.__planLayersMap?.getCanvas().getContext("webgl2");
  const sync = gl?.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
  if (!sync) {
    then(performance.now());
    return;
  }
  gl.flush();
  const poll = () => {
    if (gl.clientWaitSync(sync, 0, 0) === gl.TIMEOUT_EXPIRED) {
      setTimeout(poll, 4);
      return;
    }
    gl.deleteSync(sync);
    then(performance.now());
  };
  poll();
}

/** Installs {@link whenGpuDrawn} in every page of `context` as `window.__whenGpuDrawn`. */
export function installWhenGpuDrawn(context) {
  return context.addInitScript({ content: `window.__whenGpuDrawn = ${whenGpuDrawn.toString()};` });
}

/** `performance.now()` in `page` once the GPU has run what the map has drawn so far. */
export function gpuDrawnAt(page) {
  return page.evaluate(() => new Promise((done) => window.__whenGpuDrawn(done)));
}
