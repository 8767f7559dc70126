import type { FeatureCollection } from "geojson";
import { describe, expect, it } from "vitest";
import type { Rule } from "../../src/core/catalog/rules-schema";
import {
  type AppAction,
  type AppState,
  appReducer,
  initialAppState,
} from "../../src/state/app-state";
import {
  loadedProposal,
  proposalLayerId,
  proposalTarget,
  proposalTargets,
} from "../../src/state/proposal-layer";
import type { ImportReport } from "../../src/worker/import-protocol";
import { landUseLayer, layerEntry } from "./layer-fixture";

const city = landUseLayer({ id: "city-zones", level: "city" });
const layers = [landUseLayer(), layerEntry(), city];
const zones: FeatureCollection = {
  type: "FeatureCollection",
  features: [
    {
      type: "Feature",
      id: "Z1",
      properties: { land_use_code: "ODT" },
      geometry: {
        type: "Polygon",
        coordinates: [
          [
            [105.8, 21],
            [105.82, 21],
            [105.82, 21.02],
            [105.8, 21],
          ],
        ],
      },
    },
  ],
};
const report = { file: "a.geojson", collection: zones } as ImportReport;

/** A session with layers, a clicked feature and a district chosen. */
function session(): AppState {
  let state = appReducer(initialAppState(false), {
    type: "catalog-loaded",
    layers,
    fromUrl: undefined,
  });
  state = appReducer(state, { type: "select-district", code: "001" });
  state = appReducer(state, {
    type: "set-hits",
    hits: [{ kind: "plan", layerId: "city-zones", feature: zones.features[0] as GeoJSON.Feature }],
  });
  return state;
}

describe("the import dialog in the app store", () => {
  it("a bad file, a failure or a cancel change nothing but the dialog", () => {
    const before = session();
    const steps = [
      { type: "import-started", files: ["rac.geojson"] },
      { type: "import-progress", stage: "read", done: 10, total: 100 },
      { type: "import-reported", report: { ...report, collection: null } },
      { type: "import-closed" },
      { type: "import-started", files: ["b.zip"] },
      { type: "import-failed", message: "import worker failed to start" },
      { type: "import-closed" },
    ] satisfies AppAction[];
    let state = before;
    for (const step of steps) {
      state = appReducer(state, step);
      const { importing: _, ...rest } = state;
      const { importing: __, ...was } = before;
      expect(rest).toEqual(was);
      // the very same objects: nothing re-drawn, nothing re-checked
      expect(state.layers).toBe(before.layers);
      expect(state.hits).toBe(before.hits);
    }
    expect(state.importing).toEqual({ status: "idle" });
  });

  it("keeps the previous report on screen while an override is applied", () => {
    let state = appReducer(session(), { type: "import-started", files: ["a.geojson"] });
    state = appReducer(state, { type: "import-reported", report });
    state = appReducer(state, { type: "import-started", files: ["a.geojson"] });
    expect(state.importing).toMatchObject({ status: "working", report });
    state = appReducer(state, { type: "import-progress", stage: "prepare", done: 1, total: 2 });
    expect(state.importing).toMatchObject({ stage: "prepare", progress: { done: 1, total: 2 } });
  });

  it("ignores progress and reports when no import is under way (a cancelled job)", () => {
    const before = session();
    expect(appReducer(before, { type: "import-reported", report })).toEqual(before);
    expect(
      appReducer(before, { type: "import-progress", stage: "read", done: 1, total: 2 }),
    ).toEqual(before);
  });

  it("loading a proposal shows it as a layer of its own, opens the check, closes the dialog", () => {
    const proposal = loadedProposal(city, "a.geojson", zones);
    let state = appReducer(session(), { type: "import-started", files: ["a.geojson"] });
    state = appReducer(state, { type: "proposal-loaded", proposal });
    const id = proposalLayerId("city-zones");
    expect(proposal.entry).toMatchObject({
      id,
      level: "city",
      source: "a.geojson",
      attributes: [],
    });
    expect(proposal.replaces).toBe("city-zones");
    expect(state.layers[id]).toEqual({ visible: true, opacity: city.opacity });
    expect(state.layers["city-zones"]).toEqual(session().layers["city-zones"]);
    expect(state).toMatchObject({ tab: "check", importing: { status: "idle" }, proposal });
    // a second proposal replaces the first; hits on the first are dropped
    state = appReducer(state, {
      type: "set-hits",
      hits: [{ kind: "plan", layerId: id, feature: zones.features[0] as GeoJSON.Feature }],
    });
    const next = loadedProposal(city, "b.zip", zones);
    state = appReducer(state, { type: "proposal-loaded", proposal: next });
    expect(state.proposal).toBe(next);
    expect(state.hits).toEqual([]);
    // a link naming catalogue layers keeps the proposal's own setting
    state = appReducer(state, { type: "set-opacity", id, opacity: 0.3 });
    state = appReducer(state, { type: "catalog-loaded", layers, fromUrl: [] });
    expect(state.layers[id]).toEqual({ visible: true, opacity: 0.3 });
  });
});

describe("the layer a proposal replaces", () => {
  const rule = (layer: string) => ({ subject: { layer } }) as Rule;

  it("is the city-level layer the rules check, else the first city-level polygon layer", () => {
    const other = landUseLayer({ id: "city-other", level: "city" });
    expect(proposalTarget([...layers, other], [rule("city-other")])?.id).toBe("city-other");
    expect(proposalTarget([...layers, other], [])?.id).toBe("city-zones");
    expect(proposalTarget([landUseLayer(), layerEntry()], [])).toBeNull();
  });

  it("is the one the user chose when the rules check several, else the first", () => {
    const other = landUseLayer({ id: "city-other", level: "city" });
    const both = [rule("city-zones"), rule("city-other")];
    const all = [...layers, other];
    expect(proposalTargets(all, both).map((l) => l.id)).toEqual(["city-zones", "city-other"]);
    expect(proposalTarget(all, both, "city-other")?.id).toBe("city-other");
    expect(proposalTarget(all, both, null)?.id).toBe("city-zones");
    // a choice that cannot be replaced (not city-level, or no such layer) falls back to the first
    expect(proposalTarget(all, both, "ring-road-4")?.id).toBe("city-zones");
    expect(proposalTarget(all, both, "nope")?.id).toBe("city-zones");
  });

  it("the choice is kept in the app state for the next proposal", () => {
    const chosen = appReducer(session(), { type: "choose-import-target", id: "city-other" });
    expect(chosen.importTarget).toBe("city-other");
  });
});

describe("removing the proposal", () => {
  it("drops its layer and hits, shows the replaced layer, leaves the compare tab", () => {
    const proposal = loadedProposal(city, "a.geojson", zones);
    let state = appReducer(session(), { type: "proposal-loaded", proposal });
    state = appReducer(state, { type: "set-visible", id: "city-zones", visible: false });
    state = appReducer(state, { type: "set-tab", tab: "compare" });
    state = appReducer(state, {
      type: "set-hits",
      hits: [
        { kind: "plan", layerId: proposal.entry.id, feature: zones.features[0] as GeoJSON.Feature },
      ],
    });
    const removed = appReducer(state, { type: "proposal-removed" });
    expect(removed.proposal).toBeNull();
    expect(removed.layers[proposal.entry.id]).toBeUndefined();
    expect(removed.layers["city-zones"]?.visible).toBe(true);
    expect(removed.hits).toEqual([]);
    expect(removed.tab).toBe("layers");
    // nothing to remove: the same state
    expect(appReducer(removed, { type: "proposal-removed" })).toBe(removed);
  });
});

describe("the basemap's failure", () => {
  it("is kept while the basemap is on and forgotten when it is switched", () => {
    let state = appReducer(session(), { type: "set-basemap", on: true });
    state = appReducer(state, { type: "basemap-failed" });
    expect(state.basemapFailed).toBe(true);
    expect(appReducer(state, { type: "set-basemap", on: false }).basemapFailed).toBe(false);
    const off = appReducer(session(), { type: "basemap-failed" });
    expect(off.basemapFailed).toBe(false);
  });
});
