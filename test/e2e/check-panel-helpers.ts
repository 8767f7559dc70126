import type { Page } from "playwright-core";
import { expect } from "vitest";

/*
 * Helpers of the browser tests that drive the Kiểm tra (check) panel: run, read the summary, walk the
 * results list (which only draws the rows in view) and read what the map was given.
 */

/**
 * The given attributes of every element matching `selector` in the results list. The list only draws
 * the rows in view (and a few beyond), so this scrolls it from top to bottom a screen at a time and
 * keeps each row once, by its place in the list.
 */
export function collectRows(
  page: Page,
  selector: string,
  attributes: string[],
): Promise<Record<string, string | null>[]> {
  return page.evaluate(
    async ({ selector, attributes }) => {
      const box = document.querySelector<HTMLElement>('[data-testid="check-results"]');
      if (!box) throw new Error("no results list");
      // Two frames: React has handled the scroll or click and the list has drawn its rows.
      const wait = () =>
        new Promise<void>((done) =>
          requestAnimationFrame(() => requestAnimationFrame(() => done())),
        );
      const seen = new Map<string, Record<string, string | null>>();
      const grab = () => {
        for (const el of box.querySelectorAll(selector)) {
          const place = el.closest("[data-index]")?.getAttribute("data-index");
          if (place == null) throw new Error(`a row matching ${selector} is not in a list item`);
          seen.set(place, Object.fromEntries(attributes.map((a) => [a, el.getAttribute(a)])));
        }
      };
      box.scrollTop = 0;
      await wait();
      grab();
      for (;;) {
        const before = box.scrollTop;
        box.scrollTop = before + box.clientHeight;
        await wait();
        if (box.scrollTop === before) break;
        grab();
      }
      return [...seen.values()];
    },
    { selector, attributes },
  );
}

/** Scrolls the results list until a row matching `selector` is drawn; false if there is none. */
export function scrollToRow(page: Page, selector: string): Promise<boolean> {
  return page.evaluate(
    async ({ selector }) => {
      const box = document.querySelector<HTMLElement>('[data-testid="check-results"]');
      if (!box) throw new Error("no results list");
      // Two frames: React has handled the scroll or click and the list has drawn its rows.
      const wait = () =>
        new Promise<void>((done) =>
          requestAnimationFrame(() => requestAnimationFrame(() => done())),
        );
      box.scrollTop = 0;
      await wait();
      for (;;) {
        const row = box.querySelector(selector);
        if (row) {
          row.scrollIntoView({ block: "nearest" });
          await wait();
          return true;
        }
        const before = box.scrollTop;
        box.scrollTop = before + box.clientHeight;
        await wait();
        if (box.scrollTop === before) return false;
      }
    },
    { selector },
  );
}

/** Opens a top-level group by its header's test id, unless it is open already. */
export async function openGroup(page: Page, testId: string): Promise<void> {
  const selector = `[data-testid="${testId}"][data-level="0"]`;
  expect(await scrollToRow(page, selector), testId).toBe(true);
  const header = page.locator(selector);
  if ((await header.getAttribute("aria-expanded")) === "false") await header.click();
  expect(await header.getAttribute("aria-expanded")).toBe("true");
}

export function summaryCounts(page: Page) {
  return page.getByTestId("check-summary").evaluate((el) => ({
    findings: Number(el.getAttribute("data-findings")),
    errors: Number(el.getAttribute("data-errors")),
    warnings: Number(el.getAttribute("data-warnings")),
    elapsedMs: Number(el.getAttribute("data-elapsed-ms")),
  }));
}

/** Clicks "run" and waits until the run has finished (the cancel button is gone). */
export async function runAndWait(page: Page): Promise<void> {
  await page.getByTestId("check-run").click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="check-cancel"]'), null, {
    timeout: 30_000,
  });
}

/** Features MapLibre was given for a check source. */
export function sourceFeatures(page: Page, id: string) {
  return page.evaluate(async (sourceId) => {
    const map = window.__planLayersMap;
    const source = map?.getSource(sourceId) as
      | { type: "geojson"; getData: () => Promise<GeoJSON.FeatureCollection> }
      | { type: "vector" }
      | undefined;
    if (!map || !source) throw new Error(`no source ${sourceId}`);
    if (source.type === "geojson") {
      return (await source.getData()).features.map((f) => f.properties ?? {});
    }
    // a packed layer, drawn from the tile worker's tiles: the features of the tiles the map has,
    // each once (a feature crossing tiles is in each), in file order (their ids are their indices)
    const byId = new Map<number, Record<string, unknown>>();
    for (const f of map.querySourceFeatures(sourceId, { sourceLayer: "features" })) {
      byId.set(Number(f.id), f.properties ?? {});
    }
    return [...byId].sort((a, b) => a[0] - b[0]).map(([, properties]) => properties);
  }, id);
}
