/** The part of a MapLibre map a frame hold uses (a fake one in the unit tests). */
export type HoldableMap = {
  triggerRepaint(): void;
  isSourceLoaded(sourceId: string): boolean;
  on(type: "data", listener: (event: HoldEvent) => void): unknown;
  off(type: "data", listener: (event: HoldEvent) => void): unknown;
};

/** What a frame hold reads of MapLibre's `data` events. */
export type HoldEvent = { sourceId?: string; dataType?: string; sourceDataType?: string };

/** Longest hold, ms: the map never looks frozen for longer, whatever its worker does. */
export const MAX_HOLD_MS = 1000;

type Hold = {
  /** MapLibre's own `triggerRepaint`, called when the hold ends. */
  repaint: () => void;
  holding: boolean;
  /** A redraw was asked for during the hold. */
  wanted: boolean;
  /** Stops watching for the hold's end (its listener and timer), without drawing. */
  forget: () => void;
  /** A redraw passes the gate now (see {@link gateFrames}); null: no gate. */
  gate: (() => boolean) | null;
};

const holds = new WeakMap<HoldableMap, Hold>();

/** The map's hold, its `triggerRepaint` taken over the first time. */
function holdOf(map: HoldableMap): Hold {
  const existing = holds.get(map);
  if (existing) return existing;
  const repaint = map.triggerRepaint.bind(map);
  const created: Hold = { repaint, holding: false, wanted: false, forget: () => {}, gate: null };
  // MapLibre asks for every redraw through this method, its own too.
  map.triggerRepaint = () => {
    if (created.holding || (created.gate && !created.gate())) created.wanted = true;
    else repaint();
  };
  holds.set(map, created);
  return created;
}

/** Draws the redraw asked for meanwhile, if nothing holds it any more. */
function drawIfDue(hold: Hold): void {
  if (!hold.wanted || hold.holding || (hold.gate && !hold.gate())) return;
  hold.wanted = false;
  hold.repaint();
}

/**
 * Lets the map redraw only when `settled()` holds (the app's test: every source it draws has
 * its tiles) or `maxMs` after the last redraw, until the returned function opens the gate for
 * good. A redraw asked for meanwhile is drawn at the first `data` event after which the map is
 * settled. Meant for frames nobody sees (the map's canvas hidden before its first picture): each
 * batch of tiles asked for a redraw, and software WebGL, not made to show them, kept them all
 * and drew them in one go when the canvas was shown (a task of seconds). MapLibre still gets a
 * frame whenever it is settled, which it needs to ask for the tiles of a source just added.
 */
export function gateFrames(map: HoldableMap, settled: () => boolean, maxMs: number): () => void {
  const hold = holdOf(map);
  let opened = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const passes = () => {
    if (!settled() && Date.now() - opened < maxMs) {
      timer ??= setTimeout(
        () => {
          timer = undefined;
          drawIfDue(hold);
        },
        Math.max(0, opened + maxMs - Date.now()),
      );
      return false;
    }
    opened = Date.now();
    return true;
  };
  const onData = () => drawIfDue(hold);
  hold.gate = passes;
  map.on("data", onData);
  return () => {
    if (hold.gate !== passes) return;
    clearTimeout(timer);
    map.off("data", onData);
    hold.gate = null;
    drawIfDue(hold);
  };
}

/**
 * Holds the map's redraws while GeoJSON source `sourceId` takes the data just given to it, and
 * draws once when its tiles are in (or after `maxMs`). MapLibre redraws when the source's data is
 * indexed and again as each batch of its tiles comes in: with software WebGL (headless Chromium's
 * SwiftShader) every redraw blocks the page for hundreds of milliseconds, and the redraw of the old
 * tiles delays the pattern images the map's worker asks the page for, so the new tiles came in over
 * three or four such frames. Call right after `setData`; a hold already on is restarted.
 */
export function holdFramesWhileLoading(
  map: HoldableMap,
  sourceId: string,
  maxMs = MAX_HOLD_MS,
): void {
  const hold = holdOf(map);
  hold.forget();
  const current = hold;
  let indexed = false;
  const onData = (event: HoldEvent) => {
    if (event.sourceId !== sourceId) return;
    // The tiles are reloaded on the "content" event; before it, the source looks loaded.
    if (event.sourceDataType === "content") indexed = true;
    if (indexed && map.isSourceLoaded(sourceId)) release();
  };
  const timer = setTimeout(() => release(), maxMs);
  const forget = () => {
    clearTimeout(timer);
    map.off("data", onData);
  };
  const release = () => {
    forget();
    current.forget = () => {};
    current.holding = false;
    drawIfDue(current);
  };
  current.holding = true;
  current.forget = forget;
  map.on("data", onData);
}
