import type { Page } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { loadAppOnce, SLOW } from "./shared-app";
import { type FileServer, serveFiles, squareTile, tinyPmtiles } from "./tiny-basemap";

let server: FileServer;

/** The intranet host of the tests: a PMTiles archive and a style document, on a loopback port. */
async function startServer(): Promise<void> {
  const style = {
    version: 8,
    sources: {
      shapes: {
        type: "geojson",
        data: {
          type: "Feature",
          properties: { name: "style-basemap" },
          geometry: {
            type: "Polygon",
            coordinates: [
              [
                [105.2, 20.5],
                [106.1, 20.5],
                [106.1, 21.5],
                [105.2, 21.5],
                [105.2, 20.5],
              ],
            ],
          },
        },
      },
    },
    layers: [
      { id: "paper", type: "background", paint: { "background-color": "#f3efe6" } },
      { id: "shapes-fill", type: "fill", source: "shapes", paint: { "fill-color": "#d8e8d0" } },
    ],
  };
  server = await serveFiles({
    "/hanoi.pmtiles": {
      body: tinyPmtiles(squareTile("pmtiles-basemap")),
      type: "application/octet-stream",
    },
    "/style.json": {
      body: new TextEncoder().encode(JSON.stringify(style)),
      type: "application/json",
    },
  });
}

const app = loadAppOnce(startServer);
afterAll(() => server?.close());

/** Names of the basemap's features MapLibre draws over the whole canvas, from its layers. */
function basemapFeatures(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const map = window.__planLayersMap;
    if (!map) throw new Error("map not exposed");
    const layers = map
      .getStyle()
      .layers.filter((l) => l.id.startsWith("basemap:intranet:") && l.type === "fill")
      .map((l) => l.id);
    if (layers.length === 0) return [];
    return [
      ...new Set(map.queryRenderedFeatures({ layers }).map((f) => String(f.properties?.name))),
    ];
  });
}

async function useAddress(page: Page, address: string): Promise<void> {
  const details = page.locator(".basemap-toggle__details");
  if (!(await details.evaluate((d) => (d as HTMLDetailsElement).open))) {
    await page.getByTestId("basemap-address-toggle").click();
  }
  await page.getByTestId("basemap-address").fill(address);
  await page.getByTestId("basemap-apply").click();
}

describe("a configured intranet basemap, served from this machine", () => {
  it(
    "starts with no basemap, OpenStreetMap offered but off",
    async () => {
      const { page } = app;
      expect(await page.getByTestId("basemap-none").isChecked()).toBe(true);
      expect(await page.getByTestId("basemap-osm").isChecked()).toBe(false);
      expect(await page.getByTestId("basemap-intranet").isDisabled()).toBe(true);
    },
    SLOW,
  );

  it(
    "refuses an address that is not http(s), in the UI's words",
    async () => {
      const { page } = app;
      await useAddress(page, "file:///etc/passwd");
      expect(await page.getByRole("alert").filter({ hasText: "style.json" }).count()).toBe(1);
      expect(await page.getByTestId("basemap-none").isChecked()).toBe(true);
    },
    SLOW,
  );
  it(
    "draws a PMTiles archive under the plan, keeps the choice in the link and the address here",
    async () => {
      const { page } = app;
      await useAddress(page, `${server.url}/hanoi.pmtiles`);
      expect(await page.getByTestId("basemap-intranet").isChecked()).toBe(true);
      await page.waitForFunction(() =>
        (window.__planLayersMap?.getStyle().layers ?? []).some(
          (l) => l.id === "basemap:intranet:0:fill",
        ),
      );
      await expect
        .poll(() => basemapFeatures(page), { timeout: 30_000 })
        .toEqual(["pmtiles-basemap"]);
      // read by range requests from the one file
      expect(server.requests.some((r) => r.startsWith("/hanoi.pmtiles bytes="))).toBe(true);
      // under the plan: the basemap's layers come before the plan's in the drawing order
      const order = await page.evaluate(() => {
        const ids = window.__planLayersMap?.getStyle().layers.map((l) => l.id) ?? [];
        return [
          ids.indexOf("basemap:intranet:0:fill"),
          ids.findIndex((id) => id.startsWith("plan:")),
        ];
      });
      expect(order[0]).toBeLessThan(order[1] ?? 0);
      await page.waitForFunction(() => location.hash.includes("basemap=intranet"));
      expect(await page.getByTestId("basemap-error").count()).toBe(0);

      // a reload with the link keeps it (the address stays in this browser, never in the link)
      const hash = await page.evaluate(() => location.hash);
      expect(hash).not.toContain("127.0.0.1");
      await page.reload();
      await page.waitForSelector('[data-testid="app"][data-map-ready="true"]', { timeout: 60_000 });
      expect(await page.getByTestId("basemap-intranet").isChecked()).toBe(true);
      await expect
        .poll(() => basemapFeatures(page), { timeout: 30_000 })
        .toEqual(["pmtiles-basemap"]);

      // and switching it off removes it
      await page.getByTestId("basemap-none").click();
      await expect.poll(() => basemapFeatures(page)).toEqual([]);
    },
    SLOW,
  );

  it(
    "draws a MapLibre style document, and says so when the address does not load",
    async () => {
      const { page } = app;
      await useAddress(page, `${server.url}/style.json`);
      await expect
        .poll(() => basemapFeatures(page), { timeout: 30_000 })
        .toEqual(["style-basemap"]);

      await page.getByTestId("basemap-address").fill(`${server.url}/missing.json`);
      await page.getByTestId("basemap-apply").click();
      const error = page.getByTestId("basemap-error");
      await error.waitFor();
      expect(await error.textContent()).toContain("missing.json");
      expect(await error.textContent()).toContain("404");
      expect(await basemapFeatures(page)).toEqual([]);
    },
    SLOW,
  );
});
