import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { openApp, useGuardedPage } from "./harness";
import { findMapPoint, mapCamera, mapIdle, panelPages, waitForCentre } from "./map-helpers";

/** A hang guard for tests that load the app again (over 50 s while the machine was busy). */
const REOPEN_TIMEOUT = 240_000;

/** City plan zones, a corridor, and the catalogue's district layer drawn over the base districts. */
const LAYERS = "layers=hanoi-districts:15,city-plan-zones:70,ring-road-corridors:70";

describe("identify and search as a planner uses them, in Chromium against the built app", () => {
  let page: Page;
  useGuardedPage(async (p) => {
    page = p;
    await openApp(page, `map=12.5/21.03/105.845&${LAYERS}`);
  });

  /** The app again at `hash`, in the same page (a link opened afresh). */
  async function reopen(hash: string): Promise<void> {
    await page.goto("about:blank");
    await openApp(page, hash);
  }

  describe("identify, as a planner clicks near a district boundary", () => {
    it("lists each feature once, districts included, topmost first, paging 1 / N", async () => {
      await mapIdle(page);
      const point = await findMapPoint(page, "district-boundary");
      await page.mouse.click(point.x, point.y);
      const count = page.getByTestId("identify-page");
      await count.waitFor();
      const [first, total] = ((await count.textContent()) ?? "").split(" / ").map(Number);
      expect(first).toBe(1);
      const pages = await panelPages(page);
      expect(pages).toHaveLength(total as number);
      // no feature twice: before, each district came once from the base map and once from the layer
      expect(new Set(pages.map((p) => p.label)).size).toBe(pages.length);
      const districts = pages.filter((p) => p.label.startsWith("district|"));
      expect(districts.length).toBeGreaterThanOrEqual(2);
      expect(pages.filter((p) => p.label.startsWith("hanoi-districts|"))).toEqual([]);
      // topmost first: the plan's zone lies above the districts
      expect(pages[0]?.label.startsWith("district|")).toBe(false);
      expect(pages.at(-1)?.label.startsWith("district|")).toBe(true);
      expect(await count.textContent()).toBe(`${total} / ${total}`);
      await page.getByTestId("identify-prev").click();
      expect(await count.textContent()).toBe(`${(total as number) - 1} / ${total}`);
      await page.keyboard.press("Escape");
      await page.getByTestId("feature-panel").waitFor({ state: "detached" });
    });

    it("names the feature under the pointer in a tooltip", async () => {
      const point = await findMapPoint(page, "planted-zone");
      await page.mouse.move(point.x, point.y);
      const tooltip = page.locator(".hover-tooltip");
      await tooltip.waitFor();
      const name = await page.evaluate(({ x, y }) => {
        const map = window.__planLayersMap;
        const box = map?.getCanvas().getBoundingClientRect();
        if (!map || !box) throw new Error("no map");
        const [hit] = map.queryRenderedFeatures([x - box.left, y - box.top]);
        return hit?.properties?.zone_name;
      }, point);
      expect(await tooltip.textContent()).toBe(name);
      await page.mouse.move(2, 2);
    });

    it("shows a planted-conflict zone without the note meant for the tests", async () => {
      const point = await findMapPoint(page, "planted-zone");
      await page.mouse.click(point.x, point.y);
      const pages = await panelPages(page);
      const zone = pages.find((p) => p.label.startsWith("city-plan-zones|"));
      expect(zone?.text).toContain(point.zone);
      const all = (await page.getByTestId("feature-panel").textContent()) ?? "";
      for (const text of [all, ...pages.map((p) => p.text)]) {
        expect(text).not.toContain("Ghi chú xung đột");
        expect(text).not.toContain("cố ý");
        expect(text).not.toContain(point.note);
      }
      await page.keyboard.press("Escape");
    });
  });

  describe("the metadata card", () => {
    it("credits instrument, dates, agency, status and source, with no file path or developer note", async () => {
      for (const id of ["hanoi-districts", "city-plan-zones", "ring-road-corridors"]) {
        await page.getByTestId(`layer-info-${id}`).click();
        const card = page.getByTestId(`layer-metadata-${id}`);
        await card.waitFor();
        const text = (await card.textContent()) ?? "";
        expect(text).not.toMatch(
          /\.(fgb|geojson|json|md)\b|\.\.\/|layers\/|conflict_note|data step|bước dữ liệu/,
        );
        expect(text).toMatch(/\d{2}\/\d{2}\/\d{4}/);
        expect(text).toContain("Nguồn dữ liệu");
        await page.getByTestId(`layer-info-${id}`).click();
      }
      await page.getByTestId("layer-info-hanoi-districts").click();
      const districts =
        (await page.getByTestId("layer-metadata-hanoi-districts").textContent()) ?? "";
      expect(districts).toContain("132/NQ-CP");
      expect(districts).toContain("Chính thức");
      expect(districts).toContain("gis.chinhphu.vn");
      await page.getByTestId("layer-info-hanoi-districts").click();
      await page.getByTestId("layer-info-city-plan-zones").click();
      const city = (await page.getByTestId("layer-metadata-city-plan-zones").textContent()) ?? "";
      expect(city).toContain("1569/QĐ-TTg");
      expect(city).toContain("Thủ tướng Chính phủ");
      expect(city).toContain("Minh họa");
      await page.getByTestId("layer-info-city-plan-zones").click();
    });
  });

  describe("search: places, zones and coordinates", () => {
    const box = () => page.getByTestId("district-search");

    it("goes to VN-2000 X/Y (EPSG:5897 metres) with a marker, and the link keeps the place", async () => {
      await box().fill("X 2326366.34 Y 588383.93");
      const result = page.getByTestId("search-result-point");
      expect(await result.textContent()).toContain("VN-2000");
      await box().press("Enter");
      await waitForCentre(page, 105.8522, 21.0287, 0.0005);
      const marker = page.getByTestId("place-marker");
      await marker.waitFor();
      expect(await marker.getAttribute("aria-label")).toContain("VN-2000");
      // the marker sits on the point (within a pixel of where the map projects it)
      const at = await page.evaluate(() => {
        const map = window.__planLayersMap;
        const el = document.querySelector('[data-testid="place-marker"]');
        if (!map || !el) throw new Error("no marker");
        const p = map.project([105.8522, 21.0287]);
        const b = el.getBoundingClientRect();
        const c = map.getCanvas().getBoundingClientRect();
        return { dx: b.left + b.width / 2 - c.left - p.x, dy: b.bottom - c.top - p.y };
      });
      expect(Math.abs(at.dx)).toBeLessThan(2);
      expect(Math.abs(at.dy)).toBeLessThan(8);
      await page.waitForFunction(() => location.hash.includes("place=point:21.0287"));
    });

    it("reads decimal lat/lon in either order", async () => {
      await box().fill("105.8047, 21.2187");
      expect(await page.getByTestId("search-result-point").textContent()).toContain("21,2187");
      await page.getByTestId("search-result-point").click();
      await waitForCentre(page, 105.8047, 21.2187, 0.0005);
      await box().fill("21.0720 105.3650");
      await box().press("Enter");
      await waitForCentre(page, 105.365, 21.072, 0.0005);
    });

    it("says when VN-2000 metres fall outside Hà Nội", async () => {
      await box().fill("X 1326366 Y 588383");
      expect(await page.getByTestId("search-status").textContent()).toContain("ngoài Hà Nội");
      expect(await page.getByTestId("search-results").locator("[role=option]").count()).toBe(0);
      await box().press("Escape");
    });

    it(
      "finds a city plan zone by its id, shows its attributes and keeps it in the link",
      async () => {
        // the test before moved the map to Ba Vì: its tiles come in a moment later
        const zoneId = await page
          .waitForFunction(
            () => {
              const map = window.__planLayersMap;
              const ids = map
                ?.querySourceFeatures("plan:city-plan-zones")
                .map((f) => f.properties?.id);
              return ids?.find((id) => typeof id === "string" && id.startsWith("CP-271-")) ?? null;
            },
            null,
            { timeout: 30_000 },
          )
          .then((handle) => handle.jsonValue())
          .catch(() => null);
        if (typeof zoneId !== "string") throw new Error("no zone of Ba Vì loaded");
        await box().fill(zoneId.toLowerCase());
        const option = page.getByTestId(`search-result-zone-city-plan-zones-${zoneId}`);
        await option.waitFor();
        await box().press("Enter");
        const panel = page.getByTestId("feature-panel");
        await panel.waitFor();
        expect(await panel.textContent()).toContain(zoneId);
        await page.waitForFunction(
          (id) => location.hash.includes(`place=zone:city-plan-zones:${id}`),
          zoneId,
        );
        await page.keyboard.press("Escape");

        // the link alone (no camera) reopens the zone: zoomed to, its attributes shown
        await reopen(`${LAYERS}&place=zone:city-plan-zones:${zoneId}`);
        const reopened = page.getByTestId("feature-panel");
        await reopened.waitFor();
        expect(await reopened.textContent()).toContain(zoneId);
        expect((await mapCamera(page)).zoom).toBeGreaterThan(11);
        await page.keyboard.press("Escape");
      },
      REOPEN_TIMEOUT,
    );

    it("moves through the results with the arrow keys (ARIA combobox) and picks with Enter", async () => {
      await box().fill("ba");
      const options = page.getByTestId("search-results").locator("[role=option]");
      expect(await options.count()).toBeGreaterThanOrEqual(3);
      expect(await box().getAttribute("aria-expanded")).toBe("true");
      await box().press("ArrowDown");
      await box().press("ArrowDown");
      const second = options.nth(1);
      expect(await second.getAttribute("aria-selected")).toBe("true");
      expect(await box().getAttribute("aria-activedescendant")).toBe(
        await second.getAttribute("id"),
      );
      await box().press("ArrowUp");
      expect(await options.nth(0).getAttribute("aria-selected")).toBe("true");
      await box().press("ArrowDown");
      const wanted = (await second.locator(".search__result-text").textContent()) ?? "";
      await box().press("Enter");
      const summary = page.getByTestId("district-summary");
      await summary.waitFor();
      expect(await summary.textContent()).toContain(wanted);
      await page.waitForFunction(() => /place=district:\d{3}/.test(location.hash));
    });

    it(
      "reopens a point from a link with its marker",
      async () => {
        await reopen("place=point:21.2187,105.8047");
        await page.getByTestId("place-marker").waitFor();
        await waitForCentre(page, 105.8047, 21.2187, 0.001);
      },
      REOPEN_TIMEOUT,
    );
  });
});
