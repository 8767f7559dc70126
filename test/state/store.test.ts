import type { FeatureCollection } from "geojson";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { loadedProposal } from "../../src/state/proposal-layer";
import {
  createAppStore,
  initialStoreData,
  type StoreData,
  StoreProvider,
  storeReducer,
  useAppStore,
} from "../../src/state/store";
import { landUseLayer, layerEntry } from "./layer-fixture";

const city = landUseLayer({ id: "city-zones", level: "city" });
const layers = [layerEntry(), city];
const zones: FeatureCollection = { type: "FeatureCollection", features: [] };

/** Renders the active tab from the store. */
function Tab() {
  return createElement(
    "p",
    null,
    useAppStore((s) => s.app.tab),
  );
}

function session(): StoreData {
  return storeReducer(initialStoreData("none", "layers/catalog.json"), {
    type: "catalog-loaded",
    layers,
    fromUrl: undefined,
  });
}

describe("the app store", () => {
  it("routes each action to its own slice and leaves the others as they were", () => {
    const start = session();
    const checked = storeReducer(start, { type: "toggle-rule", id: "r1", on: false });
    expect(checked.check.unchecked).toEqual(["r1"]);
    expect(checked.app).toBe(start.app);
    expect(checked.compare).toBe(start.compare);

    const compared = storeReducer(start, { type: "compare-started", runId: 1 });
    expect(compared.compare.run).toEqual({ status: "running", done: 0, total: 0 });
    expect(compared.check).toBe(start.check);

    const tabbed = storeReducer(start, { type: "set-tab", tab: "progress" });
    expect(tabbed.app.tab).toBe("progress");
    expect(tabbed.check).toBe(start.check);
  });

  it("returns the same state for an action that changes nothing", () => {
    const start = session();
    expect(storeReducer(start, { type: "set-visible", id: "nope", visible: true })).toBe(start);
    expect(storeReducer(start, { type: "select-piece", id: null })).toBe(start);
  });

  it("keeps what the loaders report beside the slices", () => {
    const start = session();
    const next = storeReducer(start, {
      type: "resources",
      patch: { rules: { status: "none" } },
    });
    expect(next.resources.rules).toEqual({ status: "none" });
    expect(next.resources.catalog).toBe(start.resources.catalog);
    expect(next.resources.catalogFile).toBe("layers/catalog.json");
  });

  it("drops the comparison when the proposal is removed or replaced", () => {
    let state = storeReducer(session(), {
      type: "proposal-loaded",
      proposal: loadedProposal(city, "a.geojson", zones),
    });
    state = storeReducer(state, { type: "compare-started", runId: 3 });
    state = storeReducer(state, { type: "select-piece", id: "p1" });
    const replaced = storeReducer(state, {
      type: "proposal-loaded",
      proposal: loadedProposal(city, "b.geojson", zones),
    });
    expect(replaced.compare).toMatchObject({ run: null, last: null, selected: null, runId: 3 });
    const removed = storeReducer(state, { type: "proposal-removed" });
    expect(removed.app.proposal).toBeNull();
    expect(removed.compare).toMatchObject({ run: null, last: null, selected: null });
  });

  it("dispatch changes the state components read through the provider", () => {
    const store = createAppStore(session());
    store.getState().dispatch({ type: "set-tab", tab: "check" });
    expect(store.getState().app.tab).toBe("check");
    // server rendering reads the store's first state: tests build the state they render
    const html = renderToStaticMarkup(
      createElement(StoreProvider, { store: createAppStore(store.getState()) }, createElement(Tab)),
    );
    expect(html).toBe("<p>check</p>");
  });

  it("refuses to be read outside a provider (a component wired wrongly fails loudly)", () => {
    expect(() => renderToStaticMarkup(createElement(Tab))).toThrow(/StoreProvider/);
  });
});

describe("the reviewers' slice", () => {
  it("holds the flag store's snapshot and the reviewer's name", () => {
    const snapshot = { events: [], flags: new Map(), save: { kind: "saved" as const } };
    const start = session();
    expect(start.review).toEqual({
      flags: null,
      reviewer: "",
      server: null,
      draw: { kind: "idle" },
    });
    const next = storeReducer(start, { type: "flags-changed", snapshot });
    expect(next.review.flags).toBe(snapshot);
    expect(next.check).toBe(start.check);
    expect(storeReducer(next, { type: "flags-changed", snapshot })).toBe(next);
    const signed = storeReducer(next, { type: "set-reviewer", name: "Nguyễn Văn A" });
    expect(signed.review.reviewer).toBe("Nguyễn Văn A");
  });
});
