import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { onFreshPage, openApp } from "./harness";
import { dropFiles, manyBadZones, waitForReport } from "./import-helpers";
import { mapIdle } from "./map-helpers";

declare global {
  interface Window {
    /** WebGL programs linked so far (counted by the test's init script). */
    __linkedPrograms?: number;
    /** Programs linked when the app marked its first picture. */
    __linkedAtFirstPicture?: number;
    /** The check layers' warm-up was seen on the map. */
    __warmupSeen?: boolean;
    /** A warm-up of the pictures' raster layer was seen on the map. */
    __picturesWarmupSeen?: boolean;
  }
}

/** Counts every WebGL program the page links, and notes the warm-up's source when it comes. */
function countPrograms() {
  window.__linkedPrograms = 0;
  for (const context of [WebGLRenderingContext, WebGL2RenderingContext]) {
    const link = context.prototype.linkProgram;
    context.prototype.linkProgram = function (this: WebGLRenderingContext, program) {
      window.__linkedPrograms = (window.__linkedPrograms ?? 0) + 1;
      return link.call(this, program);
    };
  }
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name === "plan-layers:first-map") {
        window.__linkedAtFirstPicture = window.__linkedPrograms;
      }
    }
  }).observe({ type: "mark" });
  let map: Window["__planLayersMap"];
  Object.defineProperty(window, "__planLayersMap", {
    configurable: true,
    get: () => map,
    set: (value) => {
      map = value;
      value?.on("sourcedata", (event: { sourceId?: string }) => {
        if (event.sourceId === "warmup" && value.getLayer("warmup:check:findings-hatch")) {
          window.__warmupSeen = true;
        }
        if (event.sourceId === "warmup-raster") window.__picturesWarmupSeen = true;
      });
    },
  });
}

/** MapLibre's program cache (not public API) holds the pictures' raster program, keyed "raster/…". */
function hasRasterProgram(page: Page): Promise<boolean> {
  return page.evaluate(() => {
    const map = window.__planLayersMap as unknown as {
      painter: { programCache: { programs: Record<string, unknown> } };
    };
    return Object.keys(map.painter.programCache.programs).some((key) => key.startsWith("raster/"));
  });
}

/** The warm-up's layers still in the map's style (none once a warm-up is over). */
function warmupLayersLeft(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      window.__planLayersMap
        ?.getStyle()
        .layers.filter((layer) => layer.id.startsWith("warmup:"))
        .map((layer) => layer.id) ?? [],
  );
}

describe("the check's WebGL programs, in Chromium against the built app", () => {
  it("are compiled while the page is quiet after the first picture, not when the first results are drawn", async () => {
    await onFreshPage(async (page) => {
      await page.addInitScript(countPrograms);
      await openApp(page);
      const atFirstPicture = await page.evaluate(() => window.__linkedAtFirstPicture);
      expect(atFirstPicture).toBeGreaterThan(0);
      // the warm-up draws the check's layers and the pictures' invisibly once, then takes them
      // off the map
      await page.waitForFunction(
        () =>
          window.__warmupSeen === true &&
          window.__picturesWarmupSeen === true &&
          !window.__planLayersMap?.getSource("warmup") &&
          !window.__planLayersMap?.getSource("warmup-raster"),
        null,
        { timeout: 30_000 },
      );
      expect(await hasRasterProgram(page)).toBe(true);
      await mapIdle(page);
      const warmed = await page.evaluate(() => window.__linkedPrograms ?? 0);
      expect(warmed).toBeGreaterThan(atFirstPicture ?? Number.POSITIVE_INFINITY);
      // nothing of it is left to draw
      expect(await warmupLayersLeft(page)).toEqual([]);

      await page.getByTestId("tab-check").click();
      await page.waitForSelector('[data-testid="check-run"]:not([disabled])', { timeout: 30_000 });
      await page.getByTestId("check-run").click();
      await page.waitForFunction(
        () =>
          (window.__planLayersMap?.queryRenderedFeatures({ layers: ["check:findings-hatch"] })
            .length ?? 0) > 0,
        null,
        { timeout: 60_000 },
      );
      await mapIdle(page);
      expect(await page.evaluate(() => window.__linkedPrograms ?? 0)).toBe(warmed);
    });
  });

  it("compile a large proposal's pictures' program while imported files are read, when the start's warm-up did not", async () => {
    await onFreshPage(async (page) => {
      // the page never quiet: no warm-up after the first picture (a check's results first, say)
      await page.addInitScript(() => {
        window.requestIdleCallback = () => 0;
      });
      await openApp(page);
      // a check's results compile the check's programs, not the pictures'
      await page.getByTestId("tab-check").click();
      await page.waitForSelector('[data-testid="check-run"]:not([disabled])', { timeout: 30_000 });
      await page.getByTestId("check-run").click();
      await page.waitForSelector('[data-testid="check-summary"]', { timeout: 60_000 });
      await mapIdle(page);
      expect(await hasRasterProgram(page)).toBe(false);
      // a consultant drops a proposal: its pictures' program is compiled while it is read
      // one valid zone and no bad one
      const bytes = manyBadZones(0, "");
      await dropFiles(page, [{ name: "de-xuat.geojson", bytes }]);
      await waitForReport(page);
      await expect.poll(() => hasRasterProgram(page), { timeout: 30_000 }).toBe(true);
      // its last frame drawn by the GPU, the warm-up takes its layer and source away
      await page.waitForFunction(() => !window.__planLayersMap?.getSource("warmup-raster"), null, {
        timeout: 30_000,
      });
      await mapIdle(page);
      expect(await warmupLayersLeft(page)).toEqual([]);
    });
  });
});
