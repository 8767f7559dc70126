import { afterEach, describe, expect, it, vi } from "vitest";
import {
  type HoldableMap,
  type HoldEvent,
  holdFramesWhileLoading,
  MAX_HOLD_MS,
} from "../../src/map/frame-hold";

/** A map that counts its redraws and whose source loads as the test says. */
function fakeMap() {
  const listeners = new Set<(event: HoldEvent) => void>();
  const moveListeners = new Set<(event: HoldEvent) => void>();
  const state = { redraws: 0, loaded: true };
  const of = (type: string) => (type === "data" ? listeners : moveListeners);
  const map: HoldableMap = {
    triggerRepaint: () => {
      state.redraws++;
    },
    isSourceLoaded: () => state.loaded,
    on: (type, listener) => of(type).add(listener),
    off: (type, listener) => of(type).delete(listener),
  };
  const fire = (event: HoldEvent) => {
    for (const listener of [...listeners]) listener(event);
  };
  /** The user starts moving the map. */
  const move = () => {
    for (const listener of [...moveListeners]) listener({});
  };
  return { map, state, fire, move, listeners, moveListeners };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("holding the map's redraws while the findings load", () => {
  it("draws once when the source's new tiles are in, not at each step of their loading", () => {
    const { map, state, fire, listeners } = fakeMap();
    holdFramesWhileLoading(map, "check:findings");
    state.loaded = true;
    // Indexed: MapLibre asks for a redraw, and the source looks loaded before its tiles reload.
    fire({ sourceId: "check:findings", dataType: "source", sourceDataType: "metadata" });
    map.triggerRepaint();
    expect(state.redraws).toBe(0);
    state.loaded = false;
    fire({ sourceId: "check:findings", dataType: "source", sourceDataType: "content" });
    map.triggerRepaint();
    // Another source's data, a first batch of tiles: still held.
    fire({ sourceId: "plan:zones", dataType: "source" });
    fire({ sourceId: "check:findings", dataType: "source" });
    map.triggerRepaint();
    expect(state.redraws).toBe(0);
    state.loaded = true;
    fire({ sourceId: "check:findings", dataType: "source" });
    expect(state.redraws).toBe(1);
    expect(listeners.size).toBe(0);
    // Held no more: redraws go through.
    map.triggerRepaint();
    expect(state.redraws).toBe(2);
  });

  it("lets the map draw after the longest hold, whatever its worker does", () => {
    vi.useFakeTimers();
    const { map, state, listeners } = fakeMap();
    holdFramesWhileLoading(map, "check:findings");
    map.triggerRepaint();
    vi.advanceTimersByTime(MAX_HOLD_MS - 1);
    expect(state.redraws).toBe(0);
    vi.advanceTimersByTime(1);
    expect(state.redraws).toBe(1);
    expect(listeners.size).toBe(0);
  });

  it("does not draw at the end of a hold no redraw was asked for", () => {
    const { map, state, fire } = fakeMap();
    holdFramesWhileLoading(map, "check:findings");
    fire({ sourceId: "check:findings", sourceDataType: "content" });
    expect(state.redraws).toBe(0);
  });

  it("new data during a hold restarts it: the first data's tiles do not end it", () => {
    const { map, state, fire, listeners } = fakeMap();
    holdFramesWhileLoading(map, "check:findings");
    map.triggerRepaint();
    holdFramesWhileLoading(map, "check:findings");
    expect(listeners.size).toBe(1);
    expect(state.redraws).toBe(0);
    fire({ sourceId: "check:findings", sourceDataType: "content" });
    expect(state.redraws).toBe(1);
  });
});

describe("holding the map's redraws while a new source's tiles come in (a packed layer)", () => {
  it("draws the frame that asks for the tiles, waits for the first tile, then for the last, and draws once", () => {
    const { map, state, fire } = fakeMap();
    // asked for right after the source is added: it asks for its tiles in the next frame
    holdFramesWhileLoading(map, "plan:proposal", { until: "tiles", maxMs: 5000 });
    expect(state.redraws).toBe(1);
    // MapLibre asks for another frame while drawing that one: held
    map.triggerRepaint();
    expect(state.redraws).toBe(1);
    // the source's data is in: the next frame asks for its tiles, so it is drawn
    fire({ sourceId: "plan:proposal", dataType: "source", sourceDataType: "metadata" });
    expect(state.redraws).toBe(2);
    map.triggerRepaint();
    expect(state.redraws).toBe(2);
    state.loaded = false;
    fire({ sourceId: "plan:proposal", dataType: "source", tile: {} });
    map.triggerRepaint();
    // once its tiles come, its data again is no reason to draw
    fire({ sourceId: "plan:proposal", dataType: "source", sourceDataType: "metadata" });
    expect(state.redraws).toBe(2);
    state.loaded = true;
    fire({ sourceId: "plan:proposal", dataType: "source", tile: {} });
    expect(state.redraws).toBe(3);
  });

  it("waits for every source of a hold, whichever way each one ends", () => {
    const { map, state, fire, listeners } = fakeMap();
    holdFramesWhileLoading(map, ["check:findings", "check:highlight"]);
    holdFramesWhileLoading(map, ["plan:a", "plan:b"], { until: "tiles" });
    state.redraws = 0;
    map.triggerRepaint();
    fire({ sourceId: "check:findings", sourceDataType: "content" });
    fire({ sourceId: "plan:a", tile: {} });
    fire({ sourceId: "check:highlight", sourceDataType: "content" });
    // a content event is not a tile: plan:b still waits for its own
    fire({ sourceId: "plan:b", sourceDataType: "content" });
    expect(state.redraws).toBe(0);
    fire({ sourceId: "plan:b", tile: {} });
    expect(state.redraws).toBe(1);
    expect(listeners.size).toBe(0);
  });

  it("draws at once when the user moves the map, whatever is still loading", () => {
    const { map, state, move, listeners, moveListeners } = fakeMap();
    holdFramesWhileLoading(map, "plan:proposal", { until: "tiles", maxMs: 5000 });
    map.triggerRepaint();
    move();
    expect(state.redraws).toBe(2);
    expect(listeners.size + moveListeners.size).toBe(0);
    map.triggerRepaint();
    expect(state.redraws).toBe(3);
  });

  it("lets the map draw after the hold asked for, not the default one", () => {
    vi.useFakeTimers();
    const { map, state } = fakeMap();
    holdFramesWhileLoading(map, "plan:proposal", { until: "tiles", maxMs: 5000 });
    map.triggerRepaint();
    vi.advanceTimersByTime(MAX_HOLD_MS);
    expect(state.redraws).toBe(1);
    vi.advanceTimersByTime(5000 - MAX_HOLD_MS);
    expect(state.redraws).toBe(2);
  });
});
