import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { HashWriter } from "../../src/app/hash-writer";

/** A window with just what the writer touches: the hash and replaceState. */
function fakeWindow() {
  const location = { hash: "" };
  const replaceState = vi.fn((_state: unknown, _title: string, url: string) => {
    location.hash = url;
  });
  vi.stubGlobal("window", { location, history: { state: null, replaceState } });
  return { location, replaceState };
}

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe("HashWriter", () => {
  it("writes only the last state, once things have been still for the delay", () => {
    const { location, replaceState } = fakeWindow();
    const writer = new HashWriter(300);
    writer.schedule({ camera: { zoom: 10, lat: 21, lon: 105.8 } });
    vi.advanceTimersByTime(200);
    writer.schedule({ camera: { zoom: 11, lat: 21, lon: 105.8 }, lang: "en" });
    vi.advanceTimersByTime(200);
    expect(replaceState).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(replaceState).toHaveBeenCalledTimes(1);
    expect(location.hash).toBe("#map=11/21/105.8&lang=en");
  });

  it("skips a write that would not change the hash, and drops pending writes on cancel", () => {
    const { location, replaceState } = fakeWindow();
    location.hash = "#lang=vi";
    const writer = new HashWriter(10);
    writer.schedule({ lang: "vi" });
    vi.advanceTimersByTime(10);
    expect(replaceState).not.toHaveBeenCalled();
    writer.schedule({ lang: "en" });
    writer.cancel();
    vi.advanceTimersByTime(50);
    expect(replaceState).not.toHaveBeenCalled();
  });
});
