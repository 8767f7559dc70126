import type { Page } from "playwright-core";

/** Resolves once the map has finished drawing what it was asked to draw. */
export function mapIdle(page: Page): Promise<void> {
  return page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const map = window.__planLayersMap;
        if (!map) throw new Error("map not exposed");
        map.once("idle", () => resolve());
        map.triggerRepaint();
      }),
  );
}

/** Number of features MapLibre draws now for a plan layer (all its style layers). */
export function renderedCount(page: Page, layerId: string): Promise<number> {
  return page.evaluate((id) => {
    const map = window.__planLayersMap;
    if (!map) throw new Error("map not exposed");
    const styleLayers = map
      .getStyle()
      .layers.filter((l) => "source" in l && l.source === `plan:${id}`)
      .map((l) => l.id);
    return map.queryRenderedFeatures({ layers: styleLayers }).length;
  }, layerId);
}

/** The map's centre and zoom. */
export function mapCamera(page: Page): Promise<{ lng: number; lat: number; zoom: number }> {
  return page.evaluate(() => {
    const map = window.__planLayersMap;
    if (!map) throw new Error("map not exposed");
    return { ...map.getCenter(), zoom: map.getZoom() };
  });
}

/** Waits until the map has come to rest near a point (after a fly or a fit). */
export async function waitForCentre(page: Page, lng: number, lat: number, within = 0.01) {
  await page.waitForFunction(
    ({ lng, lat, within }) => {
      const map = window.__planLayersMap;
      const c = map?.getCenter();
      return (
        !!map &&
        !map.isMoving() &&
        !!c &&
        Math.abs(c.lng - lng) < within &&
        Math.abs(c.lat - lat) < within
      );
    },
    { lng, lat, within },
  );
}

/**
 * A page position (CSS pixels) on the map where `probe` holds: the grid of the canvas is scanned
 * inside the page, each cell asking MapLibre what is drawn in a click's box (5 px each side).
 */
export async function findMapPoint(
  page: Page,
  probe: "district-boundary" | "planted-zone",
): Promise<{ x: number; y: number; note?: string; zone?: string }> {
  const found = await page.evaluate((probe) => {
    const map = window.__planLayersMap;
    if (!map) throw new Error("map not exposed");
    const canvas = map.getCanvas();
    const box = canvas.getBoundingClientRect();
    const zoneLayers = map
      .getStyle()
      .layers.filter((l) => "source" in l && l.source === "plan:city-plan-zones")
      .map((l) => l.id);
    // from the middle outwards, so the point lies well inside the view
    const cells: [number, number][] = [];
    for (let y = 40; y < box.height - 40; y += 12) {
      for (let x = 40; x < box.width - 40; x += 12) cells.push([x, y]);
    }
    cells.sort(
      (a, b) =>
        Math.hypot(a[0] - box.width / 2, a[1] - box.height / 2) -
        Math.hypot(b[0] - box.width / 2, b[1] - box.height / 2),
    );
    for (const [x, y] of cells) {
      const area: [[number, number], [number, number]] = [
        [x - 5, y - 5],
        [x + 5, y + 5],
      ];
      if (probe === "district-boundary") {
        const codes = new Set(
          map
            .queryRenderedFeatures(area, { layers: ["base:districts-fill"] })
            .map((f) => f.properties?.code),
        );
        const zones = map.queryRenderedFeatures(area, { layers: zoneLayers });
        if (codes.size >= 2 && zones.length > 0) return { x: box.left + x, y: box.top + y };
      } else {
        const point: [[number, number], [number, number]] = [
          [x - 1, y - 1],
          [x + 1, y + 1],
        ];
        const hits = map.queryRenderedFeatures(point, { layers: zoneLayers });
        const planted = hits.find((f) => typeof f.properties?.conflict_note === "string");
        // the planted zone must be the only one under the click, so it is on the first page
        if (planted && new Set(hits.map((f) => f.id)).size === 1) {
          return {
            x: box.left + x,
            y: box.top + y,
            note: String(planted.properties?.conflict_note),
            zone: String(planted.properties?.id),
          };
        }
      }
    }
    return null;
  }, probe);
  if (!found) throw new Error(`no point on the map for ${probe}`);
  return found;
}

/** Texts of every page of the attribute panel, paging with its "next" button. */
export async function panelPages(page: Page): Promise<{ label: string; text: string }[]> {
  const panel = page.getByTestId("feature-panel");
  await panel.waitFor();
  const pages: { label: string; text: string }[] = [];
  const next = page.getByTestId("identify-next");
  for (let i = 0; i < 50; i++) {
    const section = panel.locator("section");
    const layer = (await section.getAttribute("data-layer")) ?? "district";
    const text = (await section.textContent()) ?? "";
    // the whole section: two zones may share a name, never their id
    pages.push({ label: `${layer}|${text}`, text });
    if ((await next.count()) === 0 || (await next.isDisabled())) break;
    await next.click();
  }
  return pages;
}
