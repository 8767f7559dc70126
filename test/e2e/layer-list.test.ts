import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { openApp, openGuardedPage } from "./harness";
import { loadAppOnce, SLOW } from "./shared-app";

const app = loadAppOnce();

/**
 * Whether MapLibre draws a plan layer (its first style layer's visibility). A layer never shown yet
 * is not in the style at all (it joins when first shown): not drawn.
 */
function drawn(page: Page, layerId: string): Promise<boolean> {
  return page.evaluate((id) => {
    const map = window.__planLayersMap;
    if (!map) throw new Error("map not exposed");
    const layer = map.getStyle().layers.find((l) => "source" in l && l.source === `plan:${id}`);
    if (!layer) return false;
    return map.getLayoutProperty(layer.id, "visibility") !== "none";
  }, layerId);
}

/** Index of a plan layer's first style layer in the map's drawing order (higher: drawn above). */
function drawIndex(page: Page, layerId: string): Promise<number> {
  return page.evaluate(
    (id) =>
      window.__planLayersMap
        ?.getStyle()
        .layers.findIndex((l) => "source" in l && l.source === `plan:${id}`) ?? -1,
    layerId,
  );
}

/** The ids of a plan level's rows, top to bottom. */
function rowsOf(page: Page, level: string): Promise<string[]> {
  return page
    .locator(`[data-level="${level}"] [data-testid^="layer-row-"]`)
    .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-testid")?.slice(10) ?? ""));
}

/** Waits for the link to hold `part` (it is written shortly after the last change). */
async function linkHolds(page: Page, part: string): Promise<string> {
  await page.waitForFunction((p) => location.hash.includes(p), part);
  return page.evaluate(() => location.hash);
}

const SECTOR = "sector";

/**
 * Drags a row by its handle onto another row with the mouse. Both must be on screen (the sidebar
 * scrolls): the target row is scrolled to the top first.
 */
async function dragRow(page: Page, id: string, onto: string): Promise<void> {
  const target = page.getByTestId(`layer-row-${onto}`);
  await target.evaluate((row) => row.scrollIntoView({ block: "start" }));
  const from = await page.getByTestId(`layer-drag-${id}`).boundingBox();
  const to = await target.boundingBox();
  if (!from || !to) throw new Error("row not on screen");
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await page.mouse.down();
  await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2 + 10, { steps: 5 });
  await page.mouse.move(to.x + 40, to.y + to.height / 2, { steps: 10 });
  await page.mouse.up();
}

describe("the layer list, in Chromium against the built app", () => {
  it(
    "opens on a readable first view: the catalogue's few layers, the rest off",
    async () => {
      const { page } = app;
      const on = await page
        .locator('[data-testid^="layer-toggle-"]:checked')
        .evaluateAll((boxes) => boxes.map((b) => b.getAttribute("data-testid")?.slice(13)).sort());
      expect(on).toEqual([
        "city-plan-zones",
        "flood-corridor",
        "hanoi-districts",
        "national-forest",
        "national-rice-land",
        "ring-roads",
      ]);
      expect(await drawn(page, "power-lines")).toBe(false);
      expect(await drawn(page, "city-plan-zones")).toBe(true);
    },
    SLOW,
  );

  it(
    "switches a plan level as a group: mixed, then all, then none",
    async () => {
      const { page } = app;
      const group = page.getByTestId(`group-toggle-${SECTOR}`);
      expect(await group.getAttribute("data-state")).toBe("some");
      expect(await group.evaluate((box) => (box as HTMLInputElement).indeterminate)).toBe(true);
      await group.click();
      expect(await group.getAttribute("data-state")).toBe("all");
      expect(await page.getByTestId("layer-toggle-power-lines").isChecked()).toBe(true);
      await page.waitForFunction(() => location.hash.includes("power-lines:"));
      expect(await drawn(page, "power-lines")).toBe(true);
      await group.click();
      expect(await group.getAttribute("data-state")).toBe("none");
      expect(await drawn(page, "ring-roads")).toBe(false);
      // other levels are untouched
      expect(await drawn(page, "city-plan-zones")).toBe(true);
      await group.click();
      expect(await group.getAttribute("data-state")).toBe("all");
    },
    SLOW,
  );

  it(
    "shows one layer alone and goes back, and the link keeps the solo layer",
    async () => {
      const { page } = app;
      await page.getByTestId("layer-solo-national-rice-land").click();
      expect(
        await page.getByTestId("layer-solo-national-rice-land").getAttribute("aria-pressed"),
      ).toBe("true");
      expect(await drawn(page, "national-rice-land")).toBe(true);
      for (const other of ["city-plan-zones", "ring-roads", "national-forest"]) {
        expect(await drawn(page, other), other).toBe(false);
        expect(await page.getByTestId(`layer-toggle-${other}`).isChecked(), other).toBe(false);
      }
      await page.getByTestId("solo-notice").waitFor();
      const hash = await linkHolds(page, "solo=national-rice-land");
      // the settings to go back to are still in the link
      expect(hash).toContain("city-plan-zones:70");

      await page.getByTestId("layer-solo-national-rice-land").click();
      expect(await drawn(page, "city-plan-zones")).toBe(true);
      expect(await drawn(page, "ring-roads")).toBe(true);
      await page.waitForFunction(() => !location.hash.includes("solo="));
    },
    SLOW,
  );

  it(
    "reorders layers with the keyboard and the mouse, says each move, and draws in that order",
    async () => {
      const { page } = app;
      const before = await rowsOf(page, SECTOR);
      expect(before.slice(0, 2)).toEqual(["ring-roads", "ring-road-corridors"]);

      // keyboard: Alt+↓ on the row's checkbox moves it down one place
      await page.getByTestId("layer-toggle-ring-roads").focus();
      await page.keyboard.press("Alt+ArrowDown");
      expect((await rowsOf(page, SECTOR)).slice(0, 2)).toEqual([
        "ring-road-corridors",
        "ring-roads",
      ]);
      expect(await page.getByTestId("layer-announcement").textContent()).toMatch(/2\/13/);
      // the focus stays on the moved row, so the next press moves it again
      await page.keyboard.press("Alt+ArrowUp");
      expect((await rowsOf(page, SECTOR)).slice(0, 2)).toEqual([
        "ring-roads",
        "ring-road-corridors",
      ]);
      // the buttons do the same; the top row cannot go higher
      expect(await page.getByTestId("layer-up-ring-roads").isDisabled()).toBe(true);
      await page.getByTestId("layer-down-ring-roads").click();
      expect((await rowsOf(page, SECTOR))[1]).toBe("ring-roads");

      // mouse: drag the high-speed-rail corridor onto the ring-road corridors' row
      const polygonsBefore = [
        await drawIndex(page, "ring-road-corridors"),
        await drawIndex(page, "high-speed-rail-corridor"),
      ];
      expect(polygonsBefore[0]).toBeGreaterThan(polygonsBefore[1] ?? 0); // higher row, drawn above
      await dragRow(page, "high-speed-rail-corridor", "ring-road-corridors");
      const after = await rowsOf(page, SECTOR);
      expect(after.indexOf("high-speed-rail-corridor")).toBeLessThan(
        after.indexOf("ring-road-corridors"),
      );
      expect(await page.getByTestId("layer-announcement").textContent()).toContain("1/13");
      expect(await drawIndex(page, "high-speed-rail-corridor")).toBeGreaterThan(
        await drawIndex(page, "ring-road-corridors"),
      );
      // a row never leaves its plan level
      expect((await rowsOf(page, SECTOR)).sort()).toEqual([...before].sort());
      await linkHolds(page, "order=");
    },
    SLOW,
  );

  it(
    "reopens visibility, opacity, order and solo from a copied link",
    async () => {
      const { page } = app;
      const group = page.getByTestId(`group-toggle-${SECTOR}`);
      if ((await group.getAttribute("data-state")) === "all") await group.click();
      await page.getByTestId("layer-toggle-power-lines").click();
      await page.getByTestId("layer-opacity-power-lines").fill("45");
      await page.getByTestId("layer-down-flood-corridor").click();
      await page.getByTestId("layer-up-power-lines").click();
      await page.getByTestId("layer-solo-city-plan-zones").click();
      await linkHolds(page, "solo=city-plan-zones");
      await page.waitForTimeout(500);
      const link = await page.evaluate(() => location.hash);
      expect(link).toContain("power-lines:45");
      expect(link).not.toContain("ring-roads:");

      const second = await openGuardedPage(app.browser);
      try {
        const other = second.page;
        await openApp(other, link);
        const rows = await rowsOf(other, SECTOR);
        expect(rows).toEqual(await rowsOf(page, SECTOR));
        const flood = rows.indexOf("flood-corridor");
        expect(rows[flood - 1]).toBe("dyke-lines"); // moved down one place
        expect(rows.indexOf("power-lines")).toBeLessThan(rows.indexOf("second-airport-options"));
        const solo = other.getByTestId("layer-solo-city-plan-zones");
        expect(await solo.getAttribute("aria-pressed")).toBe("true");
        expect(await drawn(other, "power-lines")).toBe(false); // solo shows only the zoning
        await solo.click();
        expect(await other.getByTestId("layer-toggle-power-lines").isChecked()).toBe(true);
        expect(await other.getByTestId("layer-opacity-power-lines").inputValue()).toBe("45");
        expect(await other.getByTestId("layer-toggle-ring-roads").isChecked()).toBe(false);
        expect(await drawn(other, "power-lines")).toBe(true);
        expect(second.violations).toEqual([]);
      } finally {
        await second.page.context().close();
      }
    },
    SLOW,
  );
});
