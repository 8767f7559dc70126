import type { Page, Request, Route } from "playwright-core";
import { describe, expect, it } from "vitest";
import vi from "../../src/i18n/vi.json";
import { FIRST_MAP_MARK } from "../../src/map/first-draw";
import { appUrl, onFreshPage, openApp } from "./harness";

/** The built chunk of a module (Vite names it after the module: `check-panel-<hash>.js`). */
const chunkOf = (module: string) => new RegExp(`/assets/${module}-[\\w-]+\\.js$`);

/** When the first picture was drawn, in the page's epoch milliseconds. */
function firstMapAt(page: Page): Promise<number> {
  return page.evaluate((mark) => {
    const entry = performance.getEntriesByName(mark)[0];
    if (!entry) throw new Error(`no ${mark} mark`);
    return performance.timeOrigin + entry.startTime;
  }, FIRST_MAP_MARK);
}

describe("the first picture, in Chromium against the built app", () => {
  it("says the map is loading until its first picture is drawn, then says nothing", async () => {
    await onFreshPage(async (page) => {
      // The city plan's file is held back: the first picture waits for every layer shown (the
      // districts may be drawn meanwhile).
      let release: () => void = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      let asked: () => void = () => {};
      const requested = new Promise<void>((resolve) => {
        asked = resolve;
      });
      await page.route("**/data/city-plan-zones.fgb", async (route: Route) => {
        asked();
        await held;
        await route.continue();
      });
      await page.goto(appUrl());
      await requested;
      const loading = page.getByTestId("map-loading");
      await loading.waitFor();
      expect(await loading.getAttribute("role")).toBe("status");
      expect(await loading.textContent()).toBe(vi.mapStatus.loading);
      expect(await page.locator(".map-canvas").getAttribute("aria-busy")).toBe("true");
      expect(await page.getAttribute('[data-testid="app"]', "data-first-picture")).toBe("false");
      // Nothing of the plan is drawn while a layer shown is still on its way.
      const planSources = await page.evaluate(
        () =>
          Object.keys(window.__planLayersMap?.getStyle().sources ?? {}).filter((id) =>
            id.startsWith("plan:"),
          ).length,
      );
      expect(planSources).toBe(0);

      release();
      await page.waitForSelector('[data-testid="app"][data-first-picture="true"]', {
        timeout: 60_000,
      });
      expect(await loading.count()).toBe(0);
      expect(await page.locator(".map-canvas").getAttribute("aria-busy")).toBe("false");
      expect(await page.getByTestId("map-error").count()).toBe(0);
      await firstMapAt(page);
    });
  });

  it("loads the check, the import and hidden layers' files only when they are needed", async () => {
    await onFreshPage(async (page) => {
      const requests: Request[] = [];
      page.on("request", (request) => requests.push(request));
      const loaded = (pattern: RegExp) => requests.filter((r) => pattern.test(r.url()));
      const fromContext: string[] = [];
      page.context().on("request", (request) => fromContext.push(request.url()));
      const workerRequests = (pattern: RegExp) => fromContext.filter((u) => pattern.test(u));
      await openApp(page);
      const drawnAt = await firstMapAt(page);

      // The layers switched off at the start: their files are read after the first picture.
      const catalog = (await (await fetch(new URL("layers/catalog.json", appUrl()))).json()) as {
        layers: { id: string; source: string }[];
      };
      const hidden: string[] = [];
      for (const { id } of catalog.layers) {
        const toggle = page.getByTestId(`layer-toggle-${id}`);
        if (!(await toggle.isChecked())) hidden.push(id);
      }
      expect(hidden.length).toBeGreaterThan(0);
      for (const id of hidden) {
        const source = catalog.layers.find((l) => l.id === id)?.source ?? "";
        const file = source.replace(/^(\.\.\/)+/, "");
        const [request] = requests.filter((r) => new URL(r.url()).pathname.endsWith(`/${file}`));
        expect(
          request,
          `the file of hidden layer ${id} is read once everything is drawn`,
        ).toBeDefined();
        expect((request as Request).timing().startTime).toBeGreaterThanOrEqual(drawnAt);
      }

      // The catalogue and the districts' index are asked for by the page's head, before its
      // script has run, and the app reads that answer: one request each.
      for (const file of ["layers/catalog.json", "data/districts-index.json"]) {
        expect(loaded(new RegExp(`/${file}$`)), file).toHaveLength(1);
      }
      // The map's code (MapLibre's chunk among it) is preloaded by the page's head, beside the
      // entry chunk, and that answer is used: one request each.
      const html = await (await fetch(appUrl())).text();
      for (const module of ["map-view", "maplibre"]) {
        expect(html, module).toMatch(
          new RegExp(`rel="modulepreload"[^>]*/${module}-[\\w-]+\\.js"`),
        );
        expect(loaded(chunkOf(module)), module).toHaveLength(1);
      }
      // The base map's districts and the catalogue's district layer are one file, read once
      // (asked for by the layer-loading worker: counted over the whole browser context).
      expect(workerRequests(/\/data\/hanoi-districts\.fgb$/)).toHaveLength(1);

      // Nothing of the check, the comparison or the import before they are opened.
      for (const module of ["check-panel", "check-worker", "import-dialog", "proposal-compare"]) {
        expect(loaded(chunkOf(module)), module).toEqual([]);
      }
      expect(loaded(chunkOf("progress-table"))).toEqual([]);

      await page.getByTestId("tab-check").click();
      await page.waitForSelector('[data-testid="check-run"]', { timeout: 30_000 });
      expect(loaded(chunkOf("check-panel"))).toHaveLength(1);
      expect(loaded(chunkOf("import-dialog"))).toEqual([]);

      await page.getByTestId("tab-progress").click();
      await page.getByTestId("progress-table").waitFor({ timeout: 30_000 });
      expect(loaded(chunkOf("progress-table"))).toHaveLength(1);
    });
  });

  it("says why the map cannot start in a browser without WebGL, and the sidebar still works", async () => {
    await onFreshPage(async (page) => {
      await page.addInitScript(() => {
        const getContext = HTMLCanvasElement.prototype.getContext;
        // @ts-expect-error: the overloads of getContext cannot be restated here
        HTMLCanvasElement.prototype.getContext = function (kind: string, ...rest: unknown[]) {
          if (kind.startsWith("webgl") || kind === "experimental-webgl") return null;
          return getContext.call(this, kind as "2d", ...(rest as []));
        };
      });
      await page.goto(appUrl());
      const error = page.getByTestId("map-error");
      await error.waitFor({ timeout: 60_000 });
      expect(await error.getAttribute("role")).toBe("alert");
      const text = (await error.textContent()) ?? "";
      expect(text).toContain(vi.mapStatus.failed.replace(/\{\{detail\}\}.*$/, ""));
      expect(text).toContain(vi.mapStatus.failedHint);
      expect(await page.getByTestId("map-loading").count()).toBe(0);
      // The layer list does not depend on the map.
      await page.locator('[data-testid^="layer-row-"]').first().waitFor({ timeout: 30_000 });
    });
  });
});
