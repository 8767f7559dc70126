import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, openApp, openGuardedPage } from "./harness";

describe("bad data never breaks what is already loaded", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("names the broken layer file and still draws the districts and the other layers", async () => {
    const { page, violations } = await openGuardedPage(browser);
    // A corrupted file on the server, and a feature name that looks like markup.
    await page.route("**/layers/national/defence-land.geojson", (route) =>
      route.fulfill({ status: 200, contentType: "application/json", body: '{"type": "Feature' }),
    );
    await page.route("**/layers/national/forest-and-relics.geojson", async (route) => {
      const response = await route.fetch();
      const collection = (await response.json()) as {
        features: { properties: Record<string, unknown> }[];
      };
      for (const feature of collection.features) {
        feature.properties.name = '<img src=x onerror="window.__injected=1">Rừng';
      }
      await route.fulfill({ response, json: collection });
    });
    await openApp(page, "map=11/21.07/105.37&layers=national-forest:60,national-defence:60");

    const error = page.getByTestId("layer-error-national-defence");
    await error.waitFor();
    expect(await error.textContent()).toContain("defence-land.geojson");
    expect(await page.getByTestId("layer-row-national-rice-land").textContent()).not.toContain(
      "defence-land",
    );
    const districtsDrawn = await page.evaluate(
      () => window.__planLayersMap?.querySourceFeatures("base:districts").length ?? 0,
    );
    expect(districtsDrawn).toBeGreaterThan(0);
    expect(await page.locator(".district-label").count()).toBe(30);

    // Feature text is shown as text, never parsed as HTML.
    // Click the middle of the map, inside Ba Vì National Park.
    const box = await page.locator(".maplibregl-canvas").boundingBox();
    if (!box) throw new Error("no map canvas");
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    const panel = page.getByTestId("feature-panel");
    await panel.waitFor();
    expect(await panel.textContent()).toContain('<img src=x onerror="window.__injected=1">Rừng');
    const rendered = await page.evaluate(() => ({
      injected: (window as { __injected?: number }).__injected ?? 0,
      images: document.querySelectorAll('img[src="x"]').length,
    }));
    expect(rendered).toEqual({ injected: 0, images: 0 });
    expect(violations).toEqual([]);
    await page.context().close();
  });
});
