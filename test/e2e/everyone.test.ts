import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { onFreshPage, openApp } from "./harness";
import { mapIdle, renderedCount } from "./map-helpers";

/** Interactive elements on screen smaller than 24 × 24 CSS px (WCAG 2.2 target size, minimum). */
function smallTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector =
      "button, input, select, textarea, summary, [role=option], [role=tab], a[href]:not(.maplibregl-ctrl-attrib-inner a)";
    return [...document.querySelectorAll<HTMLElement>(selector)]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        const onScreen = r.bottom > 0 && r.right > 0 && r.top < innerHeight && r.left < innerWidth;
        return r.width > 0 && r.height > 0 && style.visibility !== "hidden" && onScreen;
      })
      .filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width < 24 || r.height < 24;
      })
      .map((el) => {
        const r = el.getBoundingClientRect();
        const name = el.dataset.testid ?? el.getAttribute("aria-label") ?? el.className;
        return `${el.tagName.toLowerCase()} ${name}: ${Math.round(r.width)}×${Math.round(r.height)}`;
      });
  });
}

/**
 * A hang guard, not a speed target: each test starts its own browser and loads the app, which took
 * over 50 s while the machine's two cores ran other suites (load average 30).
 */
const FRESH_PAGE_TIMEOUT = 240_000;

describe("everyone: keyboard, language, phone, sharing", () => {
  it(
    "reaches the map with the skip link in at most 3 Tabs, and Enter identifies at its centre",
    async () => {
      await onFreshPage(async (page) => {
        await openApp(page, "map=14/21.0287/105.8522&layers=city-plan-zones:70");
        let tabs = 0;
        let focused: string | undefined;
        while (tabs < 3 && focused !== "skip-link") {
          await page.keyboard.press("Tab");
          tabs += 1;
          focused = await page.evaluate(
            () => (document.activeElement as HTMLElement)?.dataset.testid,
          );
        }
        expect(focused).toBe("skip-link");
        expect(await page.getByTestId("skip-link").isVisible()).toBe(true);
        await page.keyboard.press("Enter");
        expect(
          await page.evaluate(() =>
            document.activeElement?.classList.contains("maplibregl-canvas"),
          ),
        ).toBe(true);
        // the canvas is labelled in Vietnamese, and says how to use it
        expect(
          await page.evaluate(() => document.activeElement?.getAttribute("aria-label")),
        ).toContain("Enter");
        const hashBefore = await page.evaluate(() => location.hash);
        await page.keyboard.press("Enter");
        const panel = page.getByTestId("feature-panel");
        await panel.waitFor();
        // Hoàn Kiếm Lake is at the centre: its zone of the city plan, then the district
        expect(await panel.locator("section").getAttribute("data-layer")).toBe("city-plan-zones");
        expect(await panel.textContent()).toContain("CP-002-");
        await page.getByTestId("identify-next").click();
        expect(await panel.textContent()).toContain("Hoàn Kiếm");
        // the skip link left the link's state alone
        expect(hashBefore).toContain("map=14/");
      });
    },
    FRESH_PAGE_TIMEOUT,
  );

  it(
    "speaks the UI's language in MapLibre's controls, and has a favicon",
    async () => {
      await onFreshPage(async (page) => {
        await openApp(page);
        const zoomIn = page.locator(".maplibregl-ctrl-zoom-in");
        expect(await zoomIn.getAttribute("title")).toBe("Phóng to");
        expect(await page.locator(".maplibregl-ctrl-zoom-out").getAttribute("title")).toBe(
          "Thu nhỏ",
        );
        await page.getByTestId("lang-switch").click();
        await page.waitForFunction(() => document.documentElement.lang === "en");
        expect(await page.locator(".maplibregl-ctrl-zoom-in").getAttribute("title")).toBe(
          "Zoom in",
        );
        expect(await page.locator(".maplibregl-canvas").getAttribute("aria-label")).toMatch(
          /^Plan map/,
        );
        const icon = await page.evaluate(async () => {
          const link = document.querySelector<HTMLLinkElement>('link[rel="icon"]');
          if (!link) return null;
          const image = new Image();
          image.src = link.href;
          await image.decode();
          return { width: image.naturalWidth, type: link.type };
        });
        expect(icon).toEqual({ width: 32, type: "image/svg+xml" });
      });
    },
    FRESH_PAGE_TIMEOUT,
  );

  it(
    "copies the link of the view, which reopens it",
    async () => {
      await onFreshPage(async (page) => {
        await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
        await openApp(page, "map=12/21.05/105.8&layers=flood-corridor:40");
        // a change the address bar has not written yet still goes into the copied link
        await page.getByTestId("layer-opacity-flood-corridor").fill("55");
        await page.getByTestId("copy-link").click();
        // the clipboard answers asynchronously: the status follows its promise
        await expect
          .poll(() => page.getByTestId("copy-link-status").textContent())
          .toContain("Đã chép");
        const copied = await page.evaluate(() => navigator.clipboard.readText());
        expect(copied).toBe(page.url());
        expect(copied).toContain("flood-corridor:55");
        expect(copied).toContain("map=12/21.05/105.8");
        await page.goto("about:blank");
        await page.goto(copied);
        await page.waitForSelector('[data-testid="app"][data-map-ready="true"]', {
          timeout: 60_000,
        });
        expect(await page.getByTestId("layer-opacity-flood-corridor").inputValue()).toBe("55");
      });
    },
    FRESH_PAGE_TIMEOUT,
  );

  it(
    "filters and sorts the progress view, and shows a component's layer on the map",
    async () => {
      await onFreshPage(async (page) => {
        await openApp(page, "layers=");
        await page.getByTestId("tab-progress").click();
        await page.getByTestId("progress-table").waitFor();
        const rows = page.locator('[data-testid^="progress-row-"]');
        const all = await rows.count();
        await page.getByTestId("progress-filter-status").selectOption("drafting");
        const drafting = await rows.count();
        expect(drafting).toBeGreaterThan(0);
        expect(drafting).toBeLessThan(all);
        expect(await rows.locator(".status--drafting").count()).toBe(drafting);
        await page.getByTestId("progress-filter-status").selectOption("");
        await page.getByTestId("progress-filter-level").selectOption("national");
        const national = await rows.evaluateAll((els) =>
          els.map((e) => e.getAttribute("data-testid")),
        );
        expect(national.length).toBeGreaterThan(0);
        expect(national.every((id) => id?.startsWith("progress-row-national-"))).toBe(true);
        const agency = page.getByTestId("progress-filter-agency");
        const firstAgency = await agency.locator("option").nth(1).getAttribute("value");
        await page.getByTestId("progress-filter-level").selectOption("");
        await agency.selectOption(firstAgency ?? "");
        const agencies = await rows.locator("td:nth-of-type(1)").allTextContents();
        expect(new Set(agencies)).toEqual(new Set([firstAgency]));
        await agency.selectOption("");

        // sorted by data date, both ways
        const dates = async () =>
          (await rows.locator("td:nth-of-type(4)").allTextContents()).map((d) =>
            d.split("/").reverse().join("-"),
          );
        await page.getByTestId("progress-sort-dataAsOf").click();
        const ascending = await dates();
        expect(ascending).toEqual([...ascending].sort());
        expect(await page.locator('th[aria-sort="ascending"]').count()).toBe(1);
        await page.getByTestId("progress-sort-dataAsOf").click();
        expect(await dates()).toEqual([...ascending].sort().reverse());

        expect(await renderedCount(page, "national-forest")).toBe(0);
        await page.getByTestId("progress-show-national-forest").click();
        await page.waitForFunction(() => !window.__planLayersMap?.isMoving());
        await mapIdle(page);
        expect(await renderedCount(page, "national-forest")).toBeGreaterThan(0);
      });
    },
    FRESH_PAGE_TIMEOUT,
  );

  it(
    "fits a phone (390 × 844): folding sidebar, 24 px targets, a bottom sheet that leaves the map visible",
    async () => {
      await onFreshPage(async (page) => {
        await page.setViewportSize({ width: 390, height: 844 });
        await openApp(page, "map=13/21.0287/105.8522&layers=city-plan-zones:70");
        const map = async () => {
          const box = await page.locator(".map-canvas").boundingBox();
          if (!box) throw new Error("no map");
          return box;
        };
        // the sidebar starts folded: the map takes most of the screen
        expect((await map()).height).toBeGreaterThan(844 * 0.75);
        expect(await smallTargets(page)).toEqual([]);
        const toggle = page.getByTestId("sidebar-toggle");
        expect(await toggle.getAttribute("aria-expanded")).toBe("false");
        await toggle.click();
        expect(await toggle.getAttribute("aria-expanded")).toBe("true");
        await page.getByTestId("layer-toggle-city-plan-zones").waitFor();
        expect((await map()).height).toBeGreaterThan(844 * 0.3);
        expect(await smallTargets(page)).toEqual([]);
        const checkbox = await page.getByTestId("layer-toggle-city-plan-zones").boundingBox();
        expect(checkbox?.width).toBeGreaterThanOrEqual(24);
        await toggle.click();
        // MapLibre resizes its canvas to the grown map at its next frame; a tap before that lands
        // on the map's container, which MapLibre does not take as a click on the map
        await page.waitForFunction(() => {
          const canvas = document.querySelector(".maplibregl-canvas")?.getBoundingClientRect();
          const area = document.querySelector(".map-canvas")?.getBoundingClientRect();
          return !!canvas && !!area && Math.abs(canvas.height - area.height) < 1;
        });

        // a tap on the map: the attribute panel is a sheet at the bottom, the map above it visible
        const box = await map();
        await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
        const panel = page.getByTestId("feature-panel");
        await panel.waitFor();
        const sheet = await panel.boundingBox();
        if (!sheet) throw new Error("no panel");
        expect(Math.round(sheet.y + sheet.height)).toBe(Math.round(box.y + box.height));
        expect(sheet.width).toBeCloseTo(box.width, 0);
        expect(sheet.y - box.y).toBeGreaterThan(box.height * 0.5);
        expect(await smallTargets(page)).toEqual([]);
      });
    },
    FRESH_PAGE_TIMEOUT,
  );
});
