import { afterFrame, fenceContext } from "./first-draw";

/** The part of a MapLibre map a frame hold uses (a fake one in the unit tests). */
export type HoldableMap = {
  triggerRepaint(): void;
  /** Draws at once (MapLibre's resize observer calls it after the container's size changes). */
  redraw(): unknown;
  /** A camera animation or a gesture is under way. */
  isMoving(): boolean;
  isSourceLoaded(sourceId: string): boolean;
  getSource(sourceId: string): unknown;
  on(type: "data" | "movestart" | "render", listener: (event: HoldEvent) => void): unknown;
  off(type: "data" | "movestart" | "render", listener: (event: HoldEvent) => void): unknown;
  /** The map's canvas: its WebGL 2 context tells when the GPU has drawn a frame. */
  getCanvas?(): HTMLCanvasElement;
};

/** What a frame hold reads of MapLibre's `data` events (`tile`: a tile of the source came in). */
export type HoldEvent = {
  sourceId?: string;
  dataType?: string;
  sourceDataType?: string;
  tile?: unknown;
  /** The user's input that started a move (none for a programmatic one, or a resize). */
  originalEvent?: unknown;
};

/**
 * Longest hold, ms, where frames are cheap: the map never looks frozen for longer, whatever its
 * worker does. Where they are not, see {@link PROGRESS_SPACING}.
 */
export const MAX_HOLD_MS = 1000;

/**
 * While sources are still loading at the end of a hold, the map draws what it has and holds on;
 * the next such picture comes no sooner than this many times what the last frame took to draw.
 * With software WebGL a frame of a 100 000-zone proposal takes a second or more of a core, and
 * the workers filling the sources meanwhile share its two cores: a picture every second spent
 * half the machine's time, and most of the load, drawing pictures that were about to change.
 * With a GPU a frame costs a few milliseconds and the spacing is the hold's own.
 */
export const PROGRESS_SPACING = 4;

/**
 * Longest a hold lasts in all, ms: then the map draws as MapLibre asks, whatever is still loading
 * (a source that never settles cannot keep every later redraw waiting for the next picture).
 */
export const HOLD_LIMIT_MS = 30_000;

/**
 * What ends a source's wait: `content`, its new data's tiles (a source that has its tiles, given
 * new data); `tiles`, its first tiles (a source new to the map, or one that has never been drawn).
 */
type Until = "content" | "tiles";

type Wait = {
  until: Until;
  /** Its data is in the map's worker (`tiles`: the frame that asks for its tiles can come). */
  hasData: boolean;
  /** Its new tiles have started to come in. */
  indexed: boolean;
  /** A frame that asks for its tiles was drawn since its data was given. */
  asked: boolean;
};

type Hold = {
  /** MapLibre's own `triggerRepaint`, called when the hold ends. */
  repaint: () => void;
  holding: boolean;
  /** A redraw was asked for during the hold. */
  wanted: boolean;
  /** The sources still waited for. */
  waiting: Map<string, Wait>;
  /** The gate is closed (see {@link gateFrames}): no frame at all until it is opened. */
  gated: boolean;
  /** When the hold draws what it has, whatever is still loading (`performance.now()` ms). */
  deadline: number;
  /** The spacing of those pictures asked for by the hold's callers (ms; see `PROGRESS_SPACING`). */
  spacingMs: number;
  /** When the hold began (`performance.now()` ms): it ends `HOLD_LIMIT_MS` after. */
  startedAt: number;
  /** What the map's last frame took to draw, ms (see `measureFrame`). */
  frameMs: number;
  /** When the frame being measured was drawn (its `render` event), or null. */
  frameAt: number | null;
  /** The deadline came while that frame was still being drawn: it is met once it is. */
  deadlineDue: boolean;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** A sweep of the waits is queued (see {@link onData}). */
  sweepQueued: boolean;
  onData: (event: HoldEvent) => void;
  onRender: () => void;
  onMove: (event: HoldEvent) => void;
  /** Every frame's, hold or no hold: measures it. */
  onFrame: () => void;
};

const holds = new WeakMap<HoldableMap, Hold>();

/**
 * Holds the map's redraws while sources take the data just given to them, and draws once when
 * all their tiles are in (or after `maxMs`, or as soon as the user moves the map). MapLibre redraws
 * when a GeoJSON source's data is indexed and again as each batch of its tiles comes in: with
 * software WebGL (headless Chromium's SwiftShader) every redraw blocks the page for a hundred
 * milliseconds or more, and the redraw of the old tiles delays the pattern images the map's worker
 * asks the page for, so the new tiles came in over three or four such frames.
 *
 * Call right after `setData` (`until: "content"`, the default), or right after adding a source or
 * giving data to one never drawn (`until: "tiles"`). A source asks for its first tiles only in a
 * frame drawn once its data is in the map's worker: that frame is drawn once the data of every
 * source waiting for its first tiles is in, one frame for all of them. A hold already on takes the
 * new sources too: it ends when the last of all is in, and not before the later of the two
 * deadlines; a source given new data again waits for its new tiles.
 */
export function holdFramesWhileLoading(
  map: HoldableMap,
  sourceIds: string | readonly string[],
  { maxMs = MAX_HOLD_MS, until = "content" }: { maxMs?: number; until?: Until } = {},
): void {
  const ids = typeof sourceIds === "string" ? [sourceIds] : sourceIds;
  if (ids.length === 0) return;
  const hold = startHold(map, maxMs);
  for (const id of ids) {
    const before = hold.waiting.get(id);
    // New data for a source still waiting for its first tiles: they will hold the new data, and
    // the frame that asks for them still has to come once the new data is in.
    const firstTiles = until === "tiles" || (before?.until === "tiles" && !before.indexed);
    hold.waiting.set(id, {
      until: firstTiles ? "tiles" : "content",
      hasData: false,
      indexed: false,
      asked: until === "content" && before?.until === "tiles" ? before.asked : false,
    });
  }
}

/**
 * Holds every redraw of the map, its own too, until the returned function is called (or `maxMs`
 * has passed, or the user moves the map): for the first picture, drawn once when all its data is
 * in rather than once per source as each comes. Sources waited for meanwhile
 * ({@link holdFramesWhileLoading}) are waited for after it too.
 */
export function gateFrames(map: HoldableMap, maxMs: number): () => void {
  const hold = startHold(map, maxMs);
  hold.gated = true;
  return () => {
    if (!hold.gated) return;
    hold.gated = false;
    if (hold.holding) settle(map, hold);
  };
}

/**
 * Makes a change to the map (sources, layers, paint) with its redraws held: MapLibre asks for a
 * frame at each `addSource` and `addLayer`, and one asked for before a hold starts is drawn
 * whatever the hold; the change's sources then hold the redraws as they load
 * ({@link holdFramesWhileLoading}, called inside `change`). A change that loads nothing is drawn
 * in one frame, as MapLibre would.
 */
export function holdDuring(map: HoldableMap, change: () => void): void {
  const before = holds.get(map);
  if (before?.holding) {
    change();
    return;
  }
  const hold = startHold(map, MAX_HOLD_MS);
  try {
    change();
  } finally {
    if (hold.waiting.size === 0 && !hold.gated) release(map, hold);
  }
}

/**
 * Draws one frame even while the map's frames are held (the hold's other waits go on): a jump of
 * the camera, which no hold waits for.
 */
export function drawOnce(map: HoldableMap): void {
  const hold = holds.get(map);
  if (hold) hold.repaint();
  else map.triggerRepaint();
}

/**
 * Draws one frame as soon as every source of `sourceIds` has its tiles, a hold going on for the
 * others: a large layer's pictures (see packed-pictures.ts) are shown as soon as they are in,
 * while its vector tiles, which draw nothing at that zoom and only answer clicks, come in. Gives
 * up after `HOLD_LIMIT_MS` (the sources left the map, or were never asked for at this zoom).
 */
export function drawWhenLoaded(map: HoldableMap, sourceIds: readonly string[]): void {
  if (sourceIds.length === 0) return;
  const tiled = new Set<string>();
  const stop = () => {
    clearTimeout(timer);
    map.off("data", onData);
  };
  const onData = (event: HoldEvent) => {
    const id = event.sourceId;
    if (id === undefined || event.tile === undefined || !sourceIds.includes(id)) return;
    tiled.add(id);
    // a source looks loaded before it has asked for any tile: each must have had one come in
    if (tiled.size < sourceIds.length || !sourceIds.every((s) => isLoaded(map, s))) return;
    stop();
    drawOnce(map);
  };
  const timer = setTimeout(stop, HOLD_LIMIT_MS);
  map.on("data", onData);
}

/** The map's hold, on: created (taking over the map's `triggerRepaint`) or extended. */
function startHold(map: HoldableMap, maxMs: number): Hold {
  let hold = holds.get(map);
  if (!hold) {
    const created: Hold = {
      repaint: map.triggerRepaint.bind(map),
      holding: false,
      wanted: false,
      waiting: new Map(),
      gated: false,
      deadline: 0,
      spacingMs: 0,
      startedAt: 0,
      frameMs: 0,
      frameAt: null,
      deadlineDue: false,
      timer: undefined,
      sweepQueued: false,
      onData: (event) => onData(map, created, event),
      onRender: () => sweep(map, created, true),
      onMove: (event) => {
        // The user moves the map: drawn now. The app animates it: drawn now too, but a jump (the
        // camera set at once: its moveend comes before this task ends) is not drawn by ending the
        // hold; the app draws its one frame (`drawOnce`) and the hold goes on. A resize is no move.
        if (event.originalEvent !== undefined) release(map, created);
        else if (map.isMoving())
          queueMicrotask(() => {
            if (map.isMoving()) release(map, created);
          });
      },
      onFrame: () => measureFrame(map, created),
    };
    map.on("render", created.onFrame);
    // MapLibre asks for every redraw through this method, its own too.
    map.triggerRepaint = () => {
      if (created.holding) created.wanted = true;
      else created.repaint();
    };
    // ... except its resize observer's, which draws at once; held only while a gate is closed (a
    // resize clears the canvas: later it is drawn at once, not left blank for the rest of a hold)
    const redraw = map.redraw.bind(map);
    map.redraw = () => {
      if (created.holding && created.gated) created.wanted = true;
      else redraw();
      return map;
    };
    holds.set(map, created);
    hold = created;
  }
  const now = performance.now();
  if (!hold.holding) {
    hold.holding = true;
    hold.deadline = 0;
    hold.spacingMs = 0;
    hold.startedAt = now;
    map.on("data", hold.onData);
    map.on("render", hold.onRender);
    map.on("movestart", hold.onMove);
  }
  hold.spacingMs = Math.max(hold.spacingMs, maxMs);
  armTimer(map, hold, Math.max(hold.deadline, now + maxMs));
  return hold;
}

/** (Re)sets the time at which the hold draws what it has (see `onDeadline`). */
function armTimer(map: HoldableMap, hold: Hold, deadline: number): void {
  hold.deadline = deadline;
  clearTimeout(hold.timer);
  hold.timer = setTimeout(() => onDeadline(map, hold), deadline - performance.now());
}

/**
 * The hold's time is up, its sources still loading: a closed gate opens; the map draws what it
 * has, and the hold goes on until the sources are in, drawing again at most every spacing (the
 * hold's, or `PROGRESS_SPACING` frames' cost if longer) — or ends, when it has lasted
 * `HOLD_LIMIT_MS`.
 */
function onDeadline(map: HoldableMap, hold: Hold): void {
  // A frame still being drawn (by the GPU, beside the page): what it costs is known once it is
  // drawn, and a picture asked for now would only queue behind it. With software compositing
  // the page itself waits for the drawing, and this timer fires after it anyway.
  if (hold.frameAt !== null) {
    hold.deadlineDue = true;
    return;
  }
  const now = performance.now();
  hold.gated = false;
  if (hold.waiting.size === 0 || now - hold.startedAt >= HOLD_LIMIT_MS) {
    release(map, hold);
    return;
  }
  // the picture asks for the tiles of every new source whose data is in
  const asks = markAsked(hold.waiting.values());
  if (asks || hold.wanted) {
    hold.wanted = false;
    hold.repaint();
  }
  armTimer(map, hold, now + Math.max(hold.spacingMs, PROGRESS_SPACING * hold.frameMs));
}

/**
 * Measures a frame: the time from its `render` event (MapLibre has issued its drawing) to the
 * frame drawn (`afterFrame`: with GPU compositing, once the GPU has run its commands, beside the
 * page; with software compositing the browser reads the frame back before the next task, the page
 * waiting for it). With software WebGL either is the machine's time to draw the whole frame.
 */
function measureFrame(map: HoldableMap, hold: Hold): void {
  if (hold.frameAt !== null) return;
  const at = performance.now();
  hold.frameAt = at;
  afterFrame(
    () => {
      hold.frameMs = performance.now() - at;
      hold.frameAt = null;
      if (!hold.deadlineDue) return;
      hold.deadlineDue = false;
      if (hold.holding) onDeadline(map, hold);
    },
    map.getCanvas ? fenceContext(map.getCanvas()) : null,
  );
}

function onData(map: HoldableMap, hold: Hold, event: HoldEvent): void {
  const id = event.sourceId;
  const wait = id === undefined ? undefined : hold.waiting.get(id);
  if (!wait) return;
  // A GeoJSON source's data is in its worker at the "metadata" and "content" events (its tiles
  // are reloaded at "content"; before it, the source looks loaded). A new source looks loaded
  // until its first tile is in.
  if (event.sourceDataType === "metadata" || event.sourceDataType === "content") {
    wait.hasData = true;
  }
  if (wait.until === "content" ? event.sourceDataType === "content" : event.tile !== undefined) {
    wait.indexed = true;
  }
  // Looked at once MapLibre is done with the event: a GeoJSON source fires "content" while it still
  // counts itself as updating, and with no tile to reload it fires nothing more.
  if (hold.sweepQueued) return;
  hold.sweepQueued = true;
  queueMicrotask(() => {
    hold.sweepQueued = false;
    if (hold.holding) sweep(map, hold, false);
  });
}

/**
 * Drops the waits that are over: new tiles in and the source loaded; and, after a frame
 * (`afterFrame`), a source that was asked for its first tiles and looks loaded: it asked for none
 * (its layers hidden, or out of their zoom range) and will have no tile to wait for.
 */
function sweep(map: HoldableMap, hold: Hold, afterFrame: boolean): void {
  for (const [id, wait] of hold.waiting) {
    const over = wait.indexed || (afterFrame && wait.until === "tiles" && wait.asked);
    if (over && isLoaded(map, id)) hold.waiting.delete(id);
  }
  settle(map, hold);
}

/**
 * Ends the hold when nothing is waited for; else, once every source waiting for its first tiles
 * has its data in, draws the one frame that asks for their tiles (held, it would never ask).
 */
function settle(map: HoldableMap, hold: Hold): void {
  if (hold.gated) return;
  if (hold.waiting.size === 0) {
    release(map, hold);
    return;
  }
  const first = [...hold.waiting.values()].filter((w) => w.until === "tiles");
  if (first.some((w) => !w.hasData && !w.indexed)) return;
  if (markAsked(first)) hold.repaint();
}

/**
 * Marks the waits for first tiles whose data is in the map's worker as asked: the next frame asks
 * for their tiles. True when it marked any (a frame is then needed).
 */
function markAsked(waits: Iterable<Wait>): boolean {
  let marked = false;
  for (const wait of waits) {
    if (wait.until !== "tiles" || wait.asked || !(wait.hasData || wait.indexed)) continue;
    wait.asked = true;
    marked = true;
  }
  return marked;
}

function release(map: HoldableMap, hold: Hold): void {
  if (!hold.holding) return;
  clearTimeout(hold.timer);
  hold.deadlineDue = false;
  map.off("data", hold.onData);
  map.off("render", hold.onRender);
  map.off("movestart", hold.onMove);
  hold.holding = false;
  hold.waiting.clear();
  hold.gated = false;
  if (hold.wanted) {
    hold.wanted = false;
    hold.repaint();
  }
}

/**
 * Whether a source has all its tiles; one taken off the map meanwhile (a plan layer removed while
 * its tiles were waited for) has none to wait for. Not asked of MapLibre then: for a source it does
 * not have it answers `undefined` ("not loaded": the hold waited for its deadline) and fires an
 * error event, which the page logs.
 */
function isLoaded(map: HoldableMap, sourceId: string): boolean {
  if (map.getSource(sourceId) === undefined) return true;
  try {
    return map.isSourceLoaded(sourceId);
  } catch {
    return true;
  }
}
