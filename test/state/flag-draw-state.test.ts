import { describe, expect, it } from "vitest";
import { flagDrawReducer, IDLE_DRAW } from "../../src/state/flag-draw-state";
import { initialStoreData, storeReducer } from "../../src/state/store";
import { AREA, POINT } from "./review-test-flags";

describe("drawing a flag of one's own (state)", () => {
  it("goes from drawing to drawn with the map's shape, and back to idle", () => {
    const drawing = flagDrawReducer(IDLE_DRAW, { type: "draw-start", shape: "polygon" });
    expect(drawing).toEqual({ kind: "drawing", shape: "polygon" });
    const drawn = flagDrawReducer(drawing, { type: "draw-finished", geometry: AREA });
    expect(drawn).toEqual({ kind: "drawn", geometry: AREA });
    expect(flagDrawReducer(drawn, { type: "draw-end" })).toBe(IDLE_DRAW);
  });

  it("keeps the moved shape of the flag being edited, the latest one", () => {
    let state = flagDrawReducer(IDLE_DRAW, { type: "draw-edit", flagId: "own:1" });
    expect(state).toEqual({ kind: "editing", flagId: "own:1", geometry: null });
    state = flagDrawReducer(state, { type: "draw-edited", geometry: POINT });
    state = flagDrawReducer(state, {
      type: "draw-edited",
      geometry: { type: "Point", coordinates: [105.9, 21.1] },
    });
    expect(state).toEqual({
      kind: "editing",
      flagId: "own:1",
      geometry: { type: "Point", coordinates: [105.9, 21.1] },
    });
  });

  it("ignores a map report that does not fit (a late finish after cancelling, an edit while drawing)", () => {
    expect(flagDrawReducer(IDLE_DRAW, { type: "draw-finished", geometry: AREA })).toBe(IDLE_DRAW);
    const drawing = flagDrawReducer(IDLE_DRAW, { type: "draw-start", shape: "point" });
    expect(flagDrawReducer(drawing, { type: "draw-edited", geometry: POINT })).toBe(drawing);
    expect(flagDrawReducer(IDLE_DRAW, { type: "draw-end" })).toBe(IDLE_DRAW);
  });

  it("starting another drawing or an edit replaces the one in hand", () => {
    const drawn = flagDrawReducer(
      { kind: "drawing", shape: "polygon" },
      { type: "draw-finished", geometry: AREA },
    );
    expect(flagDrawReducer(drawn, { type: "draw-start", shape: "point" })).toEqual({
      kind: "drawing",
      shape: "point",
    });
    expect(flagDrawReducer(drawn, { type: "draw-edit", flagId: "own:2" }).kind).toBe("editing");
  });

  it("is routed by the app store to the review slice, leaving the other slices as they were", () => {
    const start = initialStoreData("none", "layers/catalog.json");
    const next = storeReducer(start, { type: "draw-start", shape: "polygon" });
    expect(next.review.draw).toEqual({ kind: "drawing", shape: "polygon" });
    expect(next.review.reviewer).toBe(start.review.reviewer);
    expect(next.app).toBe(start.app);
    expect(next.check).toBe(start.check);
    expect(storeReducer(start, { type: "draw-end" })).toBe(start);
  });
});
