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
  const state = { redraws: 0, loaded: true };
  const map: HoldableMap = {
    triggerRepaint: () => {
      state.redraws++;
    },
    isSourceLoaded: () => state.loaded,
    on: (_type, listener) => listeners.add(listener),
    off: (_type, listener) => listeners.delete(listener),
  };
  const fire = (event: HoldEvent) => {
    for (const listener of [...listeners]) listener(event);
  };
  return { map, state, fire, listeners };
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
