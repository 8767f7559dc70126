import { describe, expect, it } from "vitest";
import { appUrl, onFreshPage, openApp } from "./harness";
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

  it("draws no frame while the first picture's data comes in, then a few: one to ask for the tiles, one with them", async () => {
    await onFreshPage(async (page) => {
      // every frame the map draws but a warm-up's (program-warmup.ts): ms after its creation
      await page.addInitScript(() => {
        let map: unknown;
        const frames: number[] = [];
        Object.assign(window, { __frameTimes: frames });
        Object.defineProperty(window, "__planLayersMap", {
          configurable: true,
          get: () => map,
          set: (
            value:
              | { on(type: "render", listener: () => void): void; getSource(id: string): unknown }
              | undefined,
          ) => {
            map = value;
            const created = performance.now();
            value?.on("render", () => {
              if (value.getSource("warmup") === undefined) frames.push(performance.now() - created);
            });
          },
        });
      });
      const frames = () =>
        page.evaluate(() => (window as unknown as { __frameTimes: number[] }).__frameTimes);
      // the city plan's file is held back until the map has started and had time to draw
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      await page.route("**/data/city-plan-zones.fgb", async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(appUrl());
      await page.waitForFunction(() => window.__planLayersMap !== undefined);
      // the districts are in; the map still draws nothing (before, each source drew the map once,
      // 9 frames on e6587a5), until its longest wait for the first picture's data: 2.5 s from its
      // creation (a busy machine may get there)
      await page.waitForSelector(".district-label", { state: "attached" });
      await page.waitForTimeout(500);
      expect((await frames()).filter((ms) => ms < 2400)).toEqual([]);
      const whileHeld = (await frames()).length;
      release();
      await page.waitForSelector('[data-testid="app"][data-first-picture="true"]', {
        timeout: 60_000,
      });
      // once every source's data is in, one frame asks for the tiles, and one draws them: the first
      // picture (one more if a tile came late, or two)
      const after = (await frames()).length - whileHeld;
      expect(after).toBeGreaterThanOrEqual(2);
      expect(after).toBeLessThanOrEqual(4);
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
