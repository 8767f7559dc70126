import { describe, expect, it } from "vitest";
import { onFreshPage, openApp } from "./harness";
import { findMapPoint, mapIdle } from "./map-helpers";

/** Visibility (layout) of some of the map's layers, by id. */
function layerVisibility(
  page: import("playwright-core").Page,
  ids: string[],
): Promise<Record<string, unknown>> {
  return page.evaluate(
    (ids) =>
      Object.fromEntries(
        ids.map((id) => [id, window.__planLayersMap?.getLayoutProperty(id, "visibility")]),
      ),
    ids,
  );
}

describe("the map's frames, in Chromium against the built app", () => {
  it("shows its first picture, labels included, at the resolution the sharpness setting gives", async () => {
    await onFreshPage(async (page) => {
      await openApp(page);
      const state = await page.evaluate(() => {
        const map = window.__planLayersMap;
        if (!map) throw new Error("map not exposed");
        const canvas = map.getCanvas();
        return {
          visibility: getComputedStyle(map.getCanvasContainer()).visibility,
          labels: getComputedStyle(document.querySelector(".district-label") as Element).visibility,
          ratio: map.getPixelRatio(),
          dpr: devicePixelRatio,
          width: canvas.width,
          cssWidth: canvas.clientWidth,
        };
      });
      expect(state.visibility).toBe("visible");
      expect(state.labels).toBe("visible");
      // "automatic" in SwiftShader's software WebGL: half the screen's ratio, from the first frame
      // on (no smaller preview first), the drawing buffer sized to it
      expect(state.ratio).toBe(state.dpr / 2);
      expect(state.width).toBe(Math.round(state.cssWidth * state.ratio));
    });
  });

  it("leaves the empty highlight, check, comparison and flag layers out of the frame until they have something to draw", async () => {
    await onFreshPage(async (page) => {
      await openApp(page);
      const overlays = [
        "base:highlight-fill",
        "base:highlight-line",
        "check:findings-tint",
        "compare:changed-fill",
        "review:own-flags-fill",
      ];
      expect(Object.values(await layerVisibility(page, overlays))).toEqual(
        overlays.map(() => "none"),
      );
      // a planner clicks a district: its outline is drawn
      await mapIdle(page);
      const point = await findMapPoint(page, "district-boundary");
      await page.mouse.click(point.x, point.y);
      await page.getByTestId("feature-panel").waitFor();
      await expect
        .poll(async () => layerVisibility(page, ["base:highlight-fill", "base:highlight-line"]))
        .toEqual({ "base:highlight-fill": "visible", "base:highlight-line": "visible" });
      expect((await layerVisibility(page, ["check:findings-tint"]))["check:findings-tint"]).toBe(
        "none",
      );
    });
  });
});
