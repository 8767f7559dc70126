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

type Until = "content" | "tiles";

type Hold = {
  /** MapLibre's own `triggerRepaint`, called when the hold ends. */
  repaint: () => void;
  holding: boolean;
  /** A redraw was asked for during the hold. */
  wanted: boolean;
  /** The sources still waited for: what ends each one's wait, and whether that has come. */
  waiting: Map<string, { until: Until; indexed: boolean }>;
  /** When the hold ends whatever is still loading (`performance.now()` ms). */
  deadline: number;
  /** Stops watching for the hold's end (its listeners and timer), without drawing. */
  forget: () => void;
};

const holds = new WeakMap<HoldableMap, Hold>();

/**
 * Holds the map's redraws while sources take the data just given to them, and draws once when
 * all their tiles are in (or after `maxMs`, or as soon as the user moves the map). MapLibre redraws
 * when a GeoJSON source's data is indexed and again as each batch of its tiles comes in: with
 * software WebGL (headless Chromium's SwiftShader) every redraw blocks the page for hundreds of
 * milliseconds, and the redraw of the old tiles delays the pattern images the map's worker asks the
 * page for, so the new tiles came in over three or four such frames. Call right after `setData`
 * (`until: "content"`, the default), or right after adding a source (`until: "tiles"`). A new
 * source asks for its tiles only in a frame drawn once its data is in: so the frame asked for now,
 * and the one after its data, are drawn, and its wait ends with its tiles. A hold already on takes
 * the new sources too: it ends when the last of all is in, and not before the later of the two
 * deadlines; a source given new data again waits for its new tiles.
 */
export function holdFramesWhileLoading(
  map: HoldableMap,
  sourceIds: string | readonly string[],
  { maxMs = MAX_HOLD_MS, until = "content" }: { maxMs?: number; until?: Until } = {},
): void {
  const ids = typeof sourceIds === "string" ? [sourceIds] : sourceIds;
  if (ids.length === 0) return;
  let hold = holds.get(map);
  if (!hold) {
    const repaint = map.triggerRepaint.bind(map);
    const created: Hold = {
      repaint,
      holding: false,
      wanted: false,
      waiting: new Map(),
      deadline: 0,
      forget: () => {},
    };
    // MapLibre asks for every redraw through this method, its own too.
    map.triggerRepaint = () => {
      if (created.holding) created.wanted = true;
      else repaint();
    };
    holds.set(map, created);
    hold = created;
  }
  hold.forget();
  if (!hold.holding) hold.waiting.clear();
  const current = hold;
  for (const id of ids) current.waiting.set(id, { until, indexed: false });
  current.deadline = Math.max(current.holding ? current.deadline : 0, performance.now() + maxMs);
  const onData = (event: HoldEvent) => {
    const id = event.sourceId;
    if (id === undefined) return;
    const wait = current.waiting.get(id);
    if (!wait) return;
    // A GeoJSON source's tiles are reloaded on the "content" event; before it, the source looks
    // loaded. A new source looks loaded until its first tile is in.
    if (wait.until === "content" ? event.sourceDataType === "content" : event.tile !== undefined) {
      wait.indexed = true;
    }
    // A new source asks for its tiles in the first frame after its data is in (a GeoJSON source's
    // data goes to the map's worker first): that frame is drawn, held it would never ask.
    if (wait.until === "tiles" && !wait.indexed && event.sourceDataType === "metadata") {
      current.repaint();
    }
    if (wait.indexed && map.isSourceLoaded(id)) current.waiting.delete(id);
    if (current.waiting.size === 0) release();
  };
  const timer = setTimeout(() => release(), Math.max(0, current.deadline - performance.now()));
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
    current.waiting.clear();
    if (current.wanted) {
      current.wanted = false;
      current.repaint();
    }
  };
  current.holding = true;
  current.forget = forget;
  map.on("data", onData);
  map.on("movestart", onMove);
  // MapLibre draws no more than one frame for both: one already asked for stays one
  if (until === "tiles") current.repaint();
}
