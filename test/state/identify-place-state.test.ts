import type { Feature } from "geojson";
import { describe, expect, it } from "vitest";
import { appReducer, initialAppState } from "../../src/state/app-state";
import type { FeatureHit } from "../../src/state/selection";

const hit = (n: number): FeatureHit => ({
  kind: "plan",
  layerId: "city-plan-zones",
  feature: { type: "Feature", geometry: null, properties: { n } } as unknown as Feature,
});

describe("the attribute panel's page and the chosen place in the app state", () => {
  it("pages within the hits and starts again at the first with new hits", () => {
    let state = appReducer(initialAppState("none"), {
      type: "set-hits",
      hits: [hit(1), hit(2), hit(3)],
    });
    expect(state.hitPage).toBe(0);
    state = appReducer(state, { type: "set-hit-page", page: 2 });
    expect(state.hitPage).toBe(2);
    expect(appReducer(state, { type: "set-hit-page", page: 9 }).hitPage).toBe(2);
    expect(appReducer(state, { type: "set-hit-page", page: -1 }).hitPage).toBe(0);
    state = appReducer(state, { type: "set-hits", hits: [hit(4), hit(5)] });
    expect(state.hitPage).toBe(0);
  });

  it("keeps the chosen place, and closing the district's summary drops a district place", () => {
    let state = appReducer(initialAppState("none"), {
      type: "set-place",
      place: { kind: "district", code: "002" },
    });
    state = appReducer(state, { type: "select-district", code: "002" });
    expect(state.place).toEqual({ kind: "district", code: "002" });
    state = appReducer(state, { type: "select-district", code: null });
    expect(state.place).toBeNull();

    const point = { kind: "point" as const, lat: 21.0287, lon: 105.8522 };
    state = appReducer(state, { type: "set-place", place: point });
    // a point stays when a district summary closes
    expect(appReducer(state, { type: "select-district", code: null }).place).toEqual(point);
  });
});
