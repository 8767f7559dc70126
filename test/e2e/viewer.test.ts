import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { appUrl, type GuardedPage, launchBrowser, openApp, openGuardedPage } from "./harness";
import { mapCamera as camera, mapIdle, renderedCount } from "./map-helpers";

/** Distinct district codes MapLibre holds for the district base layer. */
function districtCodes(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const map = window.__planLayersMap;
    if (!map) throw new Error("map not exposed");
    const codes = map.querySourceFeatures("base:districts").map((f) => String(f.properties?.code));
    return [...new Set(codes)].sort();
  });
}

describe("the planner's viewer, in Chromium against the built app", () => {
  let browser: Browser;
  let guarded: GuardedPage;

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  afterEach(async () => {
    // Every test: no request left this machine and the page raised no uncaught error.
    expect(guarded.violations).toEqual([]);
    await guarded.page.context().close();
  });

  it("loads the map with all 30 districts, labelled with their diacritics", async () => {
    guarded = await openGuardedPage(browser);
    const { page } = guarded;
    await openApp(page);
    const codes = await districtCodes(page);
    expect(codes).toHaveLength(30);
    expect(codes).toContain("002");
    const labels = await page.locator(".district-label").allTextContents();
    expect(labels).toHaveLength(30);
    expect(labels.join("|")).toContain("Hoàn Kiếm");
    expect(labels.join("|")).toContain("Đống Đa");
  });

  it("shows a layer's features when it is switched on, and hides them when switched off", async () => {
    guarded = await openGuardedPage(browser);
    const { page } = guarded;
    await openApp(page);
    const toggle = page.getByTestId("layer-toggle-ring-road-corridors");
    if (await toggle.isChecked()) {
      await toggle.click();
      await mapIdle(page);
    }
    expect(await renderedCount(page, "ring-road-corridors")).toBe(0);
    await toggle.click();
    await mapIdle(page);
    expect(await toggle.isChecked()).toBe(true);
    expect(await renderedCount(page, "ring-road-corridors")).toBeGreaterThan(0);
    await toggle.click();
    await mapIdle(page);
    expect(await renderedCount(page, "ring-road-corridors")).toBe(0);
  });

  it("names the district a planner clicks on", async () => {
    guarded = await openGuardedPage(browser);
    const { page } = guarded;
    // Plan layers hidden so the click lands on the district itself.
    await openApp(page, "map=11/21.03/105.85&layers=");
    const point = await page.evaluate(() => {
      const map = window.__planLayersMap;
      if (!map) throw new Error("map not exposed");
      const canvas = document.querySelector(".maplibregl-canvas") as HTMLElement;
      const box = canvas.getBoundingClientRect();
      const p = map.project([105.8515, 21.0285]); // Hoàn Kiếm Lake, inside Quận Hoàn Kiếm
      return { x: box.left + p.x, y: box.top + p.y };
    });
    await page.mouse.click(point.x, point.y);
    const district = page.getByTestId("feature-district");
    await district.waitFor();
    expect(await district.textContent()).toContain("Quận Hoàn Kiếm");
  });

  it("finds “hoan kiem” without diacritics, zooms there and shows its summary", async () => {
    guarded = await openGuardedPage(browser);
    const { page } = guarded;
    await openApp(page);
    const before = await camera(page);
    await page.getByTestId("district-search").fill("hoan kiem");
    await page.getByTestId("search-result-002").click();
    const summary = page.getByTestId("district-summary");
    await summary.waitFor();
    expect(await summary.textContent()).toContain("Hoàn Kiếm");
    expect(await page.getByTestId("district-area").textContent()).toMatch(/km²/);
    await page.waitForFunction(() => {
      const map = window.__planLayersMap;
      const c = map?.getCenter();
      return !!c && Math.abs(c.lng - 105.852) < 0.02 && Math.abs(c.lat - 21.028) < 0.02;
    });
    const after = await camera(page);
    expect(after.zoom).toBeGreaterThan(before.zoom + 1);

    await page.getByTestId("district-search").fill("Ba Vi");
    expect(await page.getByTestId("search-result-271").textContent()).toContain("Ba Vì");
  });

  it("switches the interface to English and back", async () => {
    guarded = await openGuardedPage(browser);
    const { page } = guarded;
    await openApp(page);
    expect(await page.locator("html").getAttribute("lang")).toBe("vi");
    const progressTabVi = await page.getByTestId("tab-progress").textContent();
    await page.getByTestId("lang-switch").click();
    await page.waitForFunction(() => document.documentElement.lang === "en");
    const progressTabEn = await page.getByTestId("tab-progress").textContent();
    expect(progressTabEn).not.toBe(progressTabVi);
    expect(await page.getByTestId("layer-row-city-plan-zones").textContent()).toMatch(/[Zz]on/);
    await page.waitForFunction(() => location.hash.includes("lang=en"));
    await page.getByTestId("lang-switch").click();
    await page.waitForFunction(() => document.documentElement.lang === "vi");
    expect(await page.getByTestId("tab-progress").textContent()).toBe(progressTabVi);
  });

  it("reopens the same view, layers and opacity from a copied link", async () => {
    guarded = await openGuardedPage(browser);
    const { page } = guarded;
    await openApp(page);
    await page.getByTestId("district-search").fill("dong anh");
    await page.getByTestId("search-result-017").click();
    const toggle = page.getByTestId("layer-toggle-flood-corridor");
    if (!(await toggle.isChecked())) await toggle.click();
    await page.getByTestId("layer-opacity-flood-corridor").fill("35");
    await mapIdle(page);
    // The hash is written shortly after the last change.
    await page.waitForFunction(() => location.hash.includes("flood-corridor:35"));
    await page.waitForTimeout(600);
    const link = page.url();
    const shown = await camera(page);

    const second = await openGuardedPage(browser);
    try {
      await openApp(second.page, new URL(link).hash);
      const reopened = await camera(second.page);
      expect(reopened.zoom).toBeCloseTo(shown.zoom, 1);
      expect(reopened.lng).toBeCloseTo(shown.lng, 3);
      expect(reopened.lat).toBeCloseTo(shown.lat, 3);
      expect(await second.page.getByTestId("layer-toggle-flood-corridor").isChecked()).toBe(true);
      expect(await second.page.getByTestId("layer-opacity-flood-corridor").inputValue()).toBe("35");
      expect(await renderedCount(second.page, "flood-corridor")).toBeGreaterThan(0);
      expect(second.violations).toEqual([]);
    } finally {
      await second.page.context().close();
    }
    // a hang guard: two loads of the app took over 60 s while the machine was busy
  }, 240_000);

  it("lists the plan components with their status and flags data older than the cut-off", async () => {
    guarded = await openGuardedPage(browser);
    const { page } = guarded;
    await openApp(page);
    await page.getByTestId("tab-progress").click();
    const table = page.getByTestId("progress-table");
    await table.waitFor();
    const stale = await page.locator('[data-stale="true"]').count();
    const rows = await page.locator('[data-testid^="progress-row-"]').count();
    expect(rows).toBeGreaterThan(10);
    expect(stale).toBeGreaterThan(0);
    expect(stale).toBeLessThan(rows);
    expect(
      await page.getByTestId("progress-row-city-plan-zones").getAttribute("data-stale"),
    ).not.toBe("true");
    expect(await page.getByTestId("progress-row-national-forest").getAttribute("data-stale")).toBe(
      "true",
    );
  });

  it("opens the app at its plain address without a hash", async () => {
    guarded = await openGuardedPage(browser);
    await guarded.page.goto(appUrl());
    await guarded.page.waitForSelector('[data-testid="app"][data-map-ready="true"]');
  });
});
