import { describe, expect, it } from "vitest";
import {
  allLayersSettled,
  firstPictureSettled,
  isToLoad,
  layersToLoad,
  layersToLoadKey,
} from "../../src/state/first-picture";

const shown = { visible: true, opacity: 1 };
const off = { visible: false, opacity: 1 };

describe("layersToLoad", () => {
  it("reads only the layers shown until everything is wanted", () => {
    const toLoad = layersToLoad({ zones: shown, rice: off, roads: shown }, false);
    expect(isToLoad(toLoad, "zones")).toBe(true);
    expect(isToLoad(toLoad, "roads")).toBe(true);
    expect(isToLoad(toLoad, "rice")).toBe(false);
    expect(layersToLoad({ zones: shown, rice: off }, true)).toBe("all");
    expect(isToLoad("all", "rice")).toBe(true);
  });

  it("keys the same set the same way, whatever its order", () => {
    const a = layersToLoad({ a: shown, b: shown }, false);
    const b = layersToLoad({ b: shown, a: shown, c: off }, false);
    expect(layersToLoadKey(a)).toBe(layersToLoadKey(b));
    expect(layersToLoadKey("all")).not.toBe(layersToLoadKey(new Set()));
  });
});

describe("firstPictureSettled", () => {
  const settings = { zones: shown, rice: off };

  it("waits for the base data, the catalogue, its settings and every layer shown", () => {
    const ready = { status: "ready" } as const;
    const base = { catalog: ["zones", "rice"], settings, baseSettled: true } as const;
    expect(firstPictureSettled({ ...base, sources: { zones: ready } })).toBe(true);
    expect(firstPictureSettled({ ...base, baseSettled: false, sources: { zones: ready } })).toBe(
      false,
    );
    expect(firstPictureSettled({ ...base, catalog: "loading", sources: {} })).toBe(false);
    expect(firstPictureSettled({ ...base, settings: {}, sources: { zones: ready } })).toBe(false);
    expect(firstPictureSettled({ ...base, sources: {} })).toBe(false);
    expect(firstPictureSettled({ ...base, sources: { zones: { status: "loading" } } })).toBe(false);
  });

  it("does not wait for a layer that failed, a hidden one, or a catalogue that failed", () => {
    const base = { catalog: ["zones", "rice"], settings, baseSettled: true } as const;
    expect(firstPictureSettled({ ...base, sources: { zones: { status: "error" } } })).toBe(true);
    expect(firstPictureSettled({ ...base, catalog: "failed", sources: {} })).toBe(true);
    expect(firstPictureSettled({ ...base, catalog: [], settings: {}, sources: {} })).toBe(true);
  });
});

describe("allLayersSettled", () => {
  it("is true once every layer's file has loaded or failed", () => {
    expect(allLayersSettled(null, {})).toBe(false);
    expect(allLayersSettled(["a", "b"], { a: { status: "ready" } })).toBe(false);
    expect(allLayersSettled(["a", "b"], { a: { status: "ready" }, b: { status: "loading" } })).toBe(
      false,
    );
    expect(allLayersSettled(["a", "b"], { a: { status: "ready" }, b: { status: "error" } })).toBe(
      true,
    );
  });
});
