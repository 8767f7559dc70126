import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { loadAppOnce, SLOW } from "./shared-app";

const app = loadAppOnce();

type Box = { name: string; left: number; top: number; right: number; bottom: number };

/** Every district name's box on screen, and the map canvas's box. */
function labelBoxes(page: Page): Promise<{ labels: Box[]; hidden: number; canvas: Box }> {
  return page.evaluate(() => {
    const box = (el: Element, name: string) => {
      const r = el.getBoundingClientRect();
      return { name, left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    };
    const all = [...document.querySelectorAll(".district-label")];
    const canvas = document.querySelector(".maplibregl-canvas");
    if (!canvas) throw new Error("no map canvas");
    return {
      labels: all
        .filter((el) => !el.classList.contains("district-label--hidden"))
        .map((el) => {
          const text = el.querySelector(".district-label__text");
          if (!text) throw new Error("label without text");
          return box(text, text.textContent ?? "");
        }),
      hidden: all.filter((el) => el.classList.contains("district-label--hidden")).length,
      canvas: box(canvas, "canvas"),
    };
  });
}

describe("labels and legend on the map, in Chromium against the built app", () => {
  it(
    "shows all 30 district names at the first view, none over another, inside the map",
    async () => {
      const { page } = app;
      await page.waitForTimeout(300); // labels are laid out on the first moveend
      const { labels, hidden, canvas } = await labelBoxes(page);
      expect(hidden).toBe(0);
      expect(labels).toHaveLength(30);
      expect(labels.map((l) => l.name)).toEqual(
        expect.arrayContaining(["Hoàn Kiếm", "Ba Đình", "Hai Bà Trưng", "Đống Đa", "Thanh Xuân"]),
      );
      for (const [i, a] of labels.entries()) {
        expect(a.left, a.name).toBeGreaterThanOrEqual(canvas.left - 1);
        expect(a.right, a.name).toBeLessThanOrEqual(canvas.right + 1);
        for (const b of labels.slice(i + 1)) {
          const apart =
            a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
          expect(apart, `${a.name} / ${b.name}`).toBe(true);
        }
      }
      // the dense core's names are moved beside their district, with a leader line
      expect(await page.locator(".district-label--moved").count()).toBeGreaterThan(0);
      expect(await page.locator('.district-label--small[data-code="002"]').count()).toBe(1);
    },
    SLOW,
  );

  it(
    "has a collapsible legend of the visible layers, with land-use codes and names",
    async () => {
      const { page } = app;
      const legend = page.getByTestId("map-legend");
      const rice = page.getByTestId("map-legend-national-rice-land");
      await rice.waitFor();
      // one category: no "other values" line
      expect(await rice.locator("li").allTextContents()).toEqual(["LUCĐất chuyên trồng lúa nước"]);
      const zoning = await page
        .getByTestId("map-legend-city-plan-zones")
        .locator("li")
        .allTextContents();
      expect(zoning).toEqual(
        expect.arrayContaining(["ODTĐất ở tại đô thị", "LUCĐất chuyên trồng lúa nước"]),
      );
      expect(zoning.join("|")).not.toContain("Giá trị khác");
      // hidden layers are not in it
      expect(await page.getByTestId("map-legend-power-lines").count()).toBe(0);
      await page.getByTestId("layer-toggle-power-lines").click();
      await page.getByTestId("map-legend-power-lines").waitFor();
      // in English, the English names
      await page.getByTestId("lang-switch").click();
      await page.waitForFunction(() => document.documentElement.lang === "en");
      expect(await rice.locator("li").allTextContents()).toEqual(["LUCSpecialised wet-rice land"]);
      // collapses and opens again
      await page.getByTestId("map-legend-toggle").click();
      expect(await legend.locator("li").count()).toBe(0);
      expect(await page.getByTestId("map-legend-toggle").getAttribute("aria-expanded")).toBe(
        "false",
      );
      await page.getByTestId("map-legend-toggle").click();
      expect(await legend.locator("li").count()).toBeGreaterThan(3);
    },
    SLOW,
  );
  it(
    "names rivers, lakes and ring roads of the orientation layer when zoomed in",
    async () => {
      const { page } = app;
      await page.evaluate(() => {
        location.hash = "#map=13/21.03/105.85&layers=";
      });
      await page.waitForFunction(() => (window.__planLayersMap?.getZoom() ?? 0) > 12.9);
      await page.waitForTimeout(500);
      const shown = await page
        .locator(".orientation-label:not(.orientation-label--hidden)")
        .allTextContents();
      expect(shown).toEqual(expect.arrayContaining(["Hồ Tây", "Hồ Hoàn Kiếm", "Sông Hồng"]));
      expect(shown.some((name) => name.startsWith("Vành đai"))).toBe(true);
      // no name over a district's (Hồ Hoàn Kiếm sat on "Hoàn Kiếm"): nudged aside, or hidden
      const overlaps = await page.evaluate(() => {
        // the box of the text itself, wherever the label moved it
        const rects = (selector: string) =>
          [...document.querySelectorAll(selector)].map((el) => {
            const range = document.createRange();
            range.selectNodeContents(el);
            return { name: el.textContent ?? "", rect: range.getBoundingClientRect() };
          });
        const districts = rects(
          ".district-label:not(.district-label--hidden) .district-label__text",
        );
        const names = rects(".orientation-label:not(.orientation-label--hidden)");
        return names.flatMap((n) =>
          districts
            .filter(
              (d) =>
                n.rect.left < d.rect.right &&
                d.rect.left < n.rect.right &&
                n.rect.top < d.rect.bottom &&
                d.rect.top < n.rect.bottom,
            )
            .map((d) => `${n.name} over ${d.name}`),
        );
      });
      expect(overlaps).toEqual([]);
      const drawn = await page.evaluate(
        () =>
          window.__planLayersMap?.queryRenderedFeatures({ layers: ["base:orientation-lake"] })
            .length ?? 0,
      );
      expect(drawn).toBeGreaterThan(0);
    },
    SLOW,
  );
});
