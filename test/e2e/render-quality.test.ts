import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { loadAppOnce, SLOW } from "./shared-app";

/*
 * The map's sharpness, where users meet it: headless Chromium draws WebGL with SwiftShader, a
 * software rasterizer, so the app draws the map at half resolution by default and says why; the
 * user can choose full resolution, and the choice is kept in this browser.
 */

const app = loadAppOnce();

/** The map canvas's drawing buffer width against its width on the page. */
function canvasScale(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvas = window.__planLayersMap?.getCanvas();
    if (!canvas) throw new Error("map not exposed");
    return canvas.width / canvas.clientWidth;
  });
}

describe("the map's sharpness, in Chromium against the built app", () => {
  it(
    "draws at half resolution in software WebGL and says so; full resolution when chosen, kept across a reload",
    async () => {
      const { page } = app;
      const ratio = await page.evaluate(() => window.devicePixelRatio);
      expect(await page.getByTestId("render-quality-auto").isChecked()).toBe(true);
      expect(await canvasScale(page)).toBeCloseTo(ratio / 2, 2);
      expect(await page.getByTestId("render-quality-software").textContent()).toContain(
        "nửa độ phân giải",
      );

      await page.getByTestId("render-quality-full").check();
      await expect.poll(() => canvasScale(page)).toBeCloseTo(ratio, 2);
      expect(await page.getByTestId("render-quality-software").count()).toBe(0);

      await page.reload();
      await page.waitForSelector('[data-testid="app"][data-map-ready="true"]', {
        timeout: 60_000,
      });
      expect(await page.getByTestId("render-quality-full").isChecked()).toBe(true);
      expect(await canvasScale(page)).toBeCloseTo(ratio, 2);

      // back to automatic: half resolution again, and nothing is kept
      await page.getByTestId("render-quality-auto").check();
      await expect.poll(() => canvasScale(page)).toBeCloseTo(ratio / 2, 2);
      const stored = await page.evaluate(() => localStorage.getItem("plan-layers:render-quality"));
      expect(stored).toBeNull();
    },
    SLOW,
  );
});
