import { afterEach, describe, expect, it, vi } from "vitest";
import {
  drawWhenLoaded,
  gateFrames,
  HOLD_LIMIT_MS,
  type HoldableMap,
  type HoldEvent,
  holdDuring,
  holdFramesWhileLoading,
  MAX_HOLD_MS,
} from "../../src/map/frame-hold";

type Listener = (event: HoldEvent) => void;

/**
 * A map that counts its redraws (asked for, or drawn at once by its resize observer), whose
 * sources load as the test says, and whose frames the test draws (`frame`: the render event).
 */
function fakeMap() {
  const listeners = {
    data: new Set<Listener>(),
    movestart: new Set<Listener>(),
    render: new Set<Listener>(),
  };
  const state = {
    redraws: 0,
    immediate: 0,
    moving: false,
    loaded: new Map<string, boolean>(),
    /** Sources taken off the map: MapLibre answers undefined for them, and an error event. */
    removed: new Set<string>(),
    errors: 0,
    onFrame: () => {},
  };
  const map: HoldableMap = {
    triggerRepaint: () => {
      state.redraws++;
    },
    redraw: () => {
      state.immediate++;
    },
    isMoving: () => state.moving,
    isSourceLoaded: (id) => {
      if (!state.removed.has(id)) return state.loaded.get(id) ?? true;
      state.errors++;
      return undefined as unknown as boolean;
    },
    getSource: (id) => (state.removed.has(id) ? undefined : {}),
    on: (type, listener) => listeners[type].add(listener),
    off: (type, listener) => listeners[type].delete(listener),
  };
  const emit = (type: keyof typeof listeners, event: HoldEvent) => {
    for (const listener of [...listeners[type]]) listener(event);
  };
  /** MapLibre's data event, then what it does once done with it (the hold looks then). */
  const fire = async (event: HoldEvent) => {
    emit("data", event);
    await Promise.resolve();
  };
  const frame = () => emit("render", {});
  state.onFrame = frame;
  const move = (event: HoldEvent = { originalEvent: {} }) => emit("movestart", event);
  // the hold's own listeners (it measures every frame, hold or no hold, with one more)
  const listening = () => listeners.data.size + listeners.movestart.size;
  return { map, state, fire, frame, move, listening };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("holding the map's redraws while the findings load", () => {
  it("draws once when the source's new tiles are in, not at each step of their loading", async () => {
    const { map, state, fire, listening } = fakeMap();
    holdFramesWhileLoading(map, "check:findings");
    // Indexed: MapLibre asks for a redraw, and the source looks loaded before its tiles reload.
    await fire({ sourceId: "check:findings", sourceDataType: "metadata" });
    map.triggerRepaint();
    expect(state.redraws).toBe(0);
    state.loaded.set("check:findings", false);
    await fire({ sourceId: "check:findings", sourceDataType: "content" });
    map.triggerRepaint();
    // Another source's data, a first batch of tiles: still held.
    await fire({ sourceId: "plan:zones" });
    await fire({ sourceId: "check:findings", tile: {} });
    map.triggerRepaint();
    expect(state.redraws).toBe(0);
    state.loaded.set("check:findings", true);
    await fire({ sourceId: "check:findings", tile: {} });
    expect(state.redraws).toBe(1);
    expect(listening()).toBe(0);
    // Held no more: redraws go through.
    map.triggerRepaint();
    expect(state.redraws).toBe(2);
  });

  it("ends when the source is done with its new data, though it fires nothing more", async () => {
    // MapLibre fires "content" while its GeoJSON source still counts itself as updating; a source
    // with no tile to reload (its layers hidden) fires nothing after it.
    const { map, state, fire } = fakeMap();
    holdFramesWhileLoading(map, "review:own-flags");
    map.triggerRepaint();
    state.loaded.set("review:own-flags", false);
    const event = fire({ sourceId: "review:own-flags", sourceDataType: "content" });
    state.loaded.set("review:own-flags", true);
    await event;
    expect(state.redraws).toBe(1);
  });

  it("draws what it has after the longest hold, whatever its worker does, and holds on", async () => {
    vi.useFakeTimers();
    const { map, state, fire, listening } = fakeMap();
    holdFramesWhileLoading(map, "check:findings");
    map.triggerRepaint();
    vi.advanceTimersByTime(MAX_HOLD_MS - 1);
    expect(state.redraws).toBe(0);
    vi.advanceTimersByTime(1);
    expect(state.redraws).toBe(1);
    // still loading: the next redraws wait for the tiles, or for the next picture
    map.triggerRepaint();
    expect(state.redraws).toBe(1);
    vi.advanceTimersByTime(MAX_HOLD_MS);
    expect(state.redraws).toBe(2);
    map.triggerRepaint();
    await fire({ sourceId: "check:findings", sourceDataType: "content" });
    expect(state.redraws).toBe(3);
    expect(listening()).toBe(0);
  });

  it("lets the map draw as it asks once the hold has lasted its limit", () => {
    vi.useFakeTimers();
    const { map, state, listening } = fakeMap();
    holdFramesWhileLoading(map, "check:findings");
    vi.advanceTimersByTime(HOLD_LIMIT_MS);
    expect(listening()).toBe(0);
    const before = state.redraws;
    map.triggerRepaint();
    expect(state.redraws).toBe(before + 1);
  });

  it("spaces those pictures by what a frame costs, where frames are dear", async () => {
    // real timers: the frame's cost is the page's time from its render event to the next task
    const { map, state, listening } = fakeMap();
    const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
    const frameOf = (ms: number) => {
      map.triggerRepaint();
      const end = performance.now() + ms;
      state.onFrame();
      while (performance.now() < end) {
        // the page drawing (a software rasterizer, read back before the next task)
      }
    };
    holdFramesWhileLoading(map, "plan:proposal", { until: "tiles", maxMs: 20 });
    frameOf(60);
    await sleep(40);
    // the first picture: due after the hold's 20 ms
    expect(state.redraws).toBe(1);
    map.triggerRepaint();
    // the next: after 4 × 60 ms, not 20
    await sleep(120);
    expect(state.redraws).toBe(1);
    await sleep(400);
    expect(state.redraws).toBe(2);
    expect(listening()).toBeGreaterThan(0);
  });

  it("spaces them by the GPU's time to draw a frame, where the page does not wait for it", async () => {
    // GPU compositing: the page issues the frame and goes on; a fence tells when it is drawn
    const { map, state } = fakeMap();
    const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));
    let drawnAt = Number.POSITIVE_INFINITY;
    const gl = {
      SYNC_GPU_COMMANDS_COMPLETE: 0x9117,
      TIMEOUT_EXPIRED: 0x911b,
      fenceSync: () => ({}),
      flush: () => {},
      clientWaitSync: () => (performance.now() >= drawnAt ? 0x911c : 0x911b),
      deleteSync: () => {},
    };
    map.getCanvas = () =>
      ({ getContext: (type: string) => (type === "webgl2" ? gl : null) }) as never;
    holdFramesWhileLoading(map, "plan:proposal", { until: "tiles", maxMs: 20 });
    map.triggerRepaint();
    drawnAt = performance.now() + 60;
    state.onFrame();
    // the hold's 20 ms are over, but the frame is still being drawn: the picture waits for it
    await sleep(40);
    expect(state.redraws).toBe(0);
    await sleep(60);
    expect(state.redraws).toBe(1);
    map.triggerRepaint();
    // the next: after 4 × 60 ms, not 20
    await sleep(100);
    expect(state.redraws).toBe(1);
    await sleep(300);
    expect(state.redraws).toBe(2);
  });

  it("does not draw at the end of a hold no redraw was asked for", async () => {
    const { map, state, fire } = fakeMap();
    holdFramesWhileLoading(map, "check:findings");
    await fire({ sourceId: "check:findings", sourceDataType: "content" });
    expect(state.redraws).toBe(0);
  });

  it("new data during a hold restarts it: the first data's tiles do not end it", async () => {
    const { map, state, fire } = fakeMap();
    holdFramesWhileLoading(map, "check:findings");
    map.triggerRepaint();
    state.loaded.set("check:findings", false);
    await fire({ sourceId: "check:findings", sourceDataType: "content" });
    holdFramesWhileLoading(map, "check:findings");
    state.loaded.set("check:findings", true);
    await fire({ sourceId: "check:findings", tile: {} });
    expect(state.redraws).toBe(0);
    await fire({ sourceId: "check:findings", sourceDataType: "content" });
    expect(state.redraws).toBe(1);
  });

  it("draws at once when the user moves the map or the app animates it, not when it is resized", async () => {
    const { map, state, move, listening } = fakeMap();
    holdFramesWhileLoading(map, "check:findings");
    map.triggerRepaint();
    move({});
    await Promise.resolve();
    expect(state.redraws).toBe(0);
    // an animation: still moving once the task that started it is done
    state.moving = true;
    move({});
    await Promise.resolve();
    expect(state.redraws).toBe(1);
    expect(listening()).toBe(0);
    // the user's gesture: at once
    holdFramesWhileLoading(map, "check:findings");
    map.triggerRepaint();
    move({ originalEvent: {} });
    expect(state.redraws).toBe(2);
  });

  it("holds on through a jump of the camera (moved and done in one task)", async () => {
    const { map, state, move, listening } = fakeMap();
    holdFramesWhileLoading(map, "plan:proposal", { until: "tiles" });
    map.triggerRepaint();
    state.moving = true;
    move({});
    state.moving = false;
    await Promise.resolve();
    expect(state.redraws).toBe(0);
    expect(listening()).toBeGreaterThan(0);
  });
});

describe("a change made with the redraws held", () => {
  it("draws the change in one frame when it loads nothing", () => {
    const { map, state, listening } = fakeMap();
    holdDuring(map, () => {
      map.triggerRepaint();
      map.triggerRepaint();
      expect(state.redraws).toBe(0);
    });
    expect(state.redraws).toBe(1);
    expect(listening()).toBe(0);
  });

  it("draws nothing before its new source is in: its frame is the one that asks for the tiles", async () => {
    const { map, state, fire, frame } = fakeMap();
    holdDuring(map, () => {
      // MapLibre asks for a frame as the source and its layers are added
      map.triggerRepaint();
      holdFramesWhileLoading(map, "compare:pieces", { until: "tiles" });
    });
    expect(state.redraws).toBe(0);
    await fire({ sourceId: "compare:pieces", sourceDataType: "metadata" });
    expect(state.redraws).toBe(1);
    state.loaded.set("compare:pieces", false);
    frame();
    state.loaded.set("compare:pieces", true);
    await fire({ sourceId: "compare:pieces", tile: {} });
    expect(state.redraws).toBe(2);
  });
});

describe("holding the map's redraws while new sources' first tiles come in", () => {
  it("draws one frame to ask for the tiles once every new source has its data, then once when all are in", async () => {
    const { map, state, fire, frame } = fakeMap();
    // added: a source asks for its tiles in a frame drawn once its data is in the map's worker
    holdFramesWhileLoading(map, ["plan:a", "plan:b"], { until: "tiles", maxMs: 5000 });
    map.triggerRepaint();
    expect(state.redraws).toBe(0);
    await fire({ sourceId: "plan:a", sourceDataType: "metadata" });
    expect(state.redraws).toBe(0);
    await fire({ sourceId: "plan:b", sourceDataType: "metadata" });
    expect(state.redraws).toBe(1);
    // that frame asked for their tiles: they load
    state.loaded.set("plan:a", false);
    state.loaded.set("plan:b", false);
    frame();
    map.triggerRepaint();
    await fire({ sourceId: "plan:a", tile: {} });
    await fire({ sourceId: "plan:b", sourceDataType: "metadata" });
    expect(state.redraws).toBe(1);
    state.loaded.set("plan:a", true);
    await fire({ sourceId: "plan:a", tile: {} });
    expect(state.redraws).toBe(1);
    state.loaded.set("plan:b", true);
    await fire({ sourceId: "plan:b", tile: {} });
    expect(state.redraws).toBe(2);
  });

  it("does not wait for tiles from a source that asked for none in that frame", async () => {
    // its layers hidden, or out of their zoom range: it looks loaded after the frame
    const { map, state, fire, frame } = fakeMap();
    holdFramesWhileLoading(map, ["plan:a", "plan:hidden"], { until: "tiles", maxMs: 5000 });
    map.triggerRepaint();
    await fire({ sourceId: "plan:a", sourceDataType: "metadata" });
    await fire({ sourceId: "plan:hidden", sourceDataType: "metadata" });
    expect(state.redraws).toBe(1);
    state.loaded.set("plan:a", false);
    frame();
    state.loaded.set("plan:a", true);
    await fire({ sourceId: "plan:a", tile: {} });
    expect(state.redraws).toBe(2);
  });

  it("keeps waiting for first tiles when a source waiting for them is given new data", async () => {
    const { map, state, fire } = fakeMap();
    holdFramesWhileLoading(map, "base:districts", { until: "tiles" });
    holdFramesWhileLoading(map, "base:districts");
    map.triggerRepaint();
    // its new data is in: the frame that asks for its tiles is drawn
    await fire({ sourceId: "base:districts", sourceDataType: "content" });
    expect(state.redraws).toBe(1);
    await fire({ sourceId: "base:districts", tile: {} });
    expect(state.redraws).toBe(2);
  });

  it("waits for every source of a hold, whichever way each one ends", async () => {
    const { map, state, fire, listening } = fakeMap();
    holdFramesWhileLoading(map, ["check:findings", "check:highlight"]);
    holdFramesWhileLoading(map, ["plan:a", "plan:b"], { until: "tiles" });
    map.triggerRepaint();
    await fire({ sourceId: "check:findings", sourceDataType: "content" });
    await fire({ sourceId: "plan:a", tile: {} });
    await fire({ sourceId: "check:highlight", sourceDataType: "content" });
    // a content event is not a tile: plan:b still waits for its own
    await fire({ sourceId: "plan:b", sourceDataType: "content" });
    state.redraws = 0;
    map.triggerRepaint();
    expect(state.redraws).toBe(0);
    await fire({ sourceId: "plan:b", tile: {} });
    expect(state.redraws).toBe(1);
    expect(listening()).toBe(0);
  });

  it("lets the map draw after the hold asked for, not the default one", () => {
    vi.useFakeTimers();
    const { map, state } = fakeMap();
    holdFramesWhileLoading(map, "plan:proposal", { until: "tiles", maxMs: 5000 });
    map.triggerRepaint();
    vi.advanceTimersByTime(MAX_HOLD_MS);
    expect(state.redraws).toBe(0);
    vi.advanceTimersByTime(5000 - MAX_HOLD_MS);
    expect(state.redraws).toBe(1);
  });
});

describe("the gate of the first picture", () => {
  it("draws no frame at all until it is opened, then one to ask for the tiles and one with them", async () => {
    const { map, state, fire, frame } = fakeMap();
    const open = gateFrames(map, 5000);
    map.triggerRepaint();
    // MapLibre's resize observer draws at once: not while the gate is closed
    map.redraw();
    expect(state.immediate).toBe(0);
    holdFramesWhileLoading(map, "base:districts", { until: "tiles" });
    await fire({ sourceId: "base:districts", sourceDataType: "metadata" });
    expect(state.redraws).toBe(0);
    holdFramesWhileLoading(map, "plan:zones", { until: "tiles" });
    await fire({ sourceId: "plan:zones", sourceDataType: "metadata" });
    expect(state.redraws).toBe(0);
    open();
    expect(state.redraws).toBe(1);
    state.loaded.set("base:districts", false);
    state.loaded.set("plan:zones", false);
    frame();
    state.loaded.set("base:districts", true);
    await fire({ sourceId: "base:districts", tile: {} });
    state.loaded.set("plan:zones", true);
    await fire({ sourceId: "plan:zones", tile: {} });
    expect(state.redraws).toBe(2);
    // open: the resize observer's redraws go through
    map.redraw();
    expect(state.immediate).toBe(1);
  });

  it("opens by itself after its longest time", () => {
    vi.useFakeTimers();
    const { map, state } = fakeMap();
    gateFrames(map, 2500);
    map.triggerRepaint();
    vi.advanceTimersByTime(2499);
    expect(state.redraws).toBe(0);
    vi.advanceTimersByTime(1);
    expect(state.redraws).toBe(1);
  });
});

describe("a large layer's pictures, drawn while its vector tiles still come in", () => {
  it("one frame once every picture source has its tiles; the hold goes on for the rest", async () => {
    const { map, state, fire } = fakeMap();
    const sources = ["plan:proposal", "plan:proposal:pictures", "check:findings:pictures"];
    for (const id of sources) state.loaded.set(id, false);
    holdFramesWhileLoading(map, sources, { until: "tiles" });
    drawWhenLoaded(map, ["plan:proposal:pictures", "check:findings:pictures"]);
    const asked = state.redraws;
    // a picture source that looks loaded before any of its tiles came: not yet
    state.loaded.set("check:findings:pictures", true);
    state.loaded.set("plan:proposal:pictures", true);
    await fire({ sourceId: "plan:proposal:pictures", tile: {} });
    map.triggerRepaint();
    expect(state.redraws).toBe(asked);
    await fire({ sourceId: "check:findings:pictures", tile: {} });
    expect(state.redraws).toBe(asked + 1);
    // the vector tiles' own redraws stay held until they are in; no second picture frame
    await fire({ sourceId: "check:findings:pictures", tile: {} });
    map.triggerRepaint();
    expect(state.redraws).toBe(asked + 1);
    state.loaded.set("plan:proposal", true);
    await fire({ sourceId: "plan:proposal", tile: {} });
    expect(state.redraws).toBe(asked + 2);
  });
});

describe("a source taken off the map while it is waited for", () => {
  it("has nothing to wait for, and MapLibre is not asked about it", async () => {
    const { map, state, fire } = fakeMap();
    state.loaded.set("plan:proposal", false);
    holdFramesWhileLoading(map, "plan:proposal");
    map.triggerRepaint();
    state.removed.add("plan:proposal");
    await fire({ sourceId: "plan:proposal", sourceDataType: "content" });
    expect(state.redraws).toBe(1);
    expect(state.errors).toBe(0);
  });
});
