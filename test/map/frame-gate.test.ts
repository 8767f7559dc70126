import { afterEach, describe, expect, it, vi } from "vitest";
import { gateFrames, type HoldableMap, type HoldEvent } from "../../src/map/frame-hold";

/** A map that counts its redraws; the test says when it is settled. */
function fakeMap() {
  const listeners = new Set<(event: HoldEvent) => void>();
  const state = { redraws: 0, settled: false };
  const map: HoldableMap = {
    triggerRepaint: () => {
      state.redraws++;
    },
    isSourceLoaded: () => true,
    on: (_type, listener) => listeners.add(listener),
    off: (_type, listener) => listeners.delete(listener),
  };
  const data = () => {
    for (const listener of [...listeners]) listener({ sourceId: "base:districts" });
  };
  return { map, state, data, listeners };
}

afterEach(() => {
  vi.useRealTimers();
});

describe("the map's frames before its first picture", () => {
  it("are drawn only when the map is settled: one frame for many batches of tiles", () => {
    vi.useFakeTimers();
    const { map, state, data } = fakeMap();
    gateFrames(map, () => state.settled, 1000);
    for (let batch = 0; batch < 12; batch++) {
      map.triggerRepaint();
      data();
    }
    expect(state.redraws).toBe(0);
    state.settled = true;
    data();
    expect(state.redraws).toBe(1);
    // settled: a redraw goes through at once
    map.triggerRepaint();
    expect(state.redraws).toBe(2);
  });

  it("are drawn at the latest the longest gap after the last one, whatever the sources do", () => {
    vi.useFakeTimers();
    const { map, state } = fakeMap();
    gateFrames(map, () => state.settled, 1000);
    map.triggerRepaint();
    map.triggerRepaint();
    vi.advanceTimersByTime(999);
    expect(state.redraws).toBe(0);
    vi.advanceTimersByTime(1);
    expect(state.redraws).toBe(1);
    map.triggerRepaint();
    expect(state.redraws).toBe(1);
    vi.advanceTimersByTime(1000);
    expect(state.redraws).toBe(2);
  });

  it("all go through once the gate is opened, and the one asked for meanwhile is drawn", () => {
    vi.useFakeTimers();
    const { map, state, listeners } = fakeMap();
    const open = gateFrames(map, () => state.settled, 1000);
    map.triggerRepaint();
    open();
    expect(state.redraws).toBe(1);
    expect(listeners.size).toBe(0);
    map.triggerRepaint();
    map.triggerRepaint();
    expect(state.redraws).toBe(3);
    open();
    expect(state.redraws).toBe(3);
  });
});
