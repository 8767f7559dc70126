/** The part of a MapLibre map a frame hold uses (a fake one in the unit tests). */
export type HoldableMap = {
  triggerRepaint(): void;
  isSourceLoaded(sourceId: string): boolean;
  on(type: "data" | "movestart", listener: (event: HoldEvent) => void): unknown;
  off(type: "data" | "movestart", listener: (event: HoldEvent) => void): unknown;
};

/** What a frame hold reads of MapLibre's `data` events (`tile`: a tile of the source came in). */
export type HoldEvent = {
  sourceId?: string;
  dataType?: string;
  sourceDataType?: string;
  tile?: unknown;
};

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
};

const holds = new WeakMap<HoldableMap, Hold>();

/**
 * Holds the map's redraws while source `sourceId` takes the data just given to it, and draws once
 * when its tiles are in (or after `maxMs`, or as soon as the user moves the map). MapLibre redraws
 * when a GeoJSON source's data is indexed and again as each batch of its tiles comes in: with
 * software WebGL (headless Chromium's SwiftShader) every redraw blocks the page for hundreds of
 * milliseconds, and the redraw of the old tiles delays the pattern images the map's worker asks the
 * page for, so the new tiles came in over three or four such frames. Call right after `setData`
 * (`until: "content"`, the default), or, for a source just added, after the frame that asked for
 * its tiles (`until: "tiles"`: its first tile starts the wait). A hold already on is restarted.
 */
export function holdFramesWhileLoading(
  map: HoldableMap,
  sourceId: string,
  { maxMs = MAX_HOLD_MS, until = "content" }: { maxMs?: number; until?: "content" | "tiles" } = {},
): void {
  let hold = holds.get(map);
  if (!hold) {
    const repaint = map.triggerRepaint.bind(map);
    const created: Hold = { repaint, holding: false, wanted: false, forget: () => {} };
    // MapLibre asks for every redraw through this method, its own too.
    map.triggerRepaint = () => {
      if (created.holding) created.wanted = true;
      else repaint();
    };
    holds.set(map, created);
    hold = created;
  }
  hold.forget();
  const current = hold;
  let indexed = false;
  const onData = (event: HoldEvent) => {
    if (event.sourceId !== sourceId) return;
    // A GeoJSON source's tiles are reloaded on the "content" event; before it, the source looks
    // loaded. A new source looks loaded until its first tile is in.
    if (until === "content" ? event.sourceDataType === "content" : event.tile !== undefined) {
      indexed = true;
    }
    if (indexed && map.isSourceLoaded(sourceId)) release();
  };
  const timer = setTimeout(() => release(), maxMs);
  const onMove = () => release();
  const forget = () => {
    clearTimeout(timer);
    map.off("data", onData);
    map.off("movestart", onMove);
  };
  const release = () => {
    forget();
    current.forget = () => {};
    current.holding = false;
    if (current.wanted) {
      current.wanted = false;
      current.repaint();
    }
  };
  current.holding = true;
  current.forget = forget;
  map.on("data", onData);
  map.on("movestart", onMove);
}
