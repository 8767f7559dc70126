import type { Browser, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { collectRows, runAndWait } from "./check-panel-helpers";
import { appUrl, launchBrowser, openGuardedPage } from "./harness";

/*
 * What a reviewer does with the findings: run the checks, narrow them to errors over 1 ha, click a
 * conflict on the map to select its finding, flag it with a comment, reload — the flag and its
 * history are still there, and the link reopens the same finding. A link opened elsewhere selects
 * the finding after running the check; a storage failure is said, with a retry.
 */

const REVIEWER = "Nguyễn Thị Lan";
const COMMENT = "Khu công nghiệp lấn đất lúa: đề nghị điều chỉnh";

const finding = (page: Page, id: string) => page.getByTestId(`finding-${id}`);
const selectedCard = (page: Page) => page.getByTestId("selected-finding-card");

/** A fresh browser for the body (own storage), closed after it; no request may leave the machine. */
async function withBrowser(body: (browser: Browser) => Promise<void>): Promise<void> {
  const browser = await launchBrowser();
  try {
    await body(browser);
  } finally {
    await browser.close();
  }
}

/**
 * Opens the app at `hash` and waits for the map: as `openApp`, with more time, since these tests
 * open it four times on a machine shared with other test runs.
 */
async function openApp(page: Page, hash = ""): Promise<void> {
  await page.goto(appUrl(hash));
  await page.waitForSelector('[data-testid="app"][data-map-ready="true"]', { timeout: 180_000 });
}

/** Opens the first group of the results list (a long list starts with its groups closed). */
async function openFirstGroup(page: Page): Promise<void> {
  const header = page.locator('[data-testid="check-results"] [data-level="0"]').first();
  if ((await header.getAttribute("aria-expanded")) === "false") await header.click();
}

/** Opens the check tab and runs every rule. */
async function runChecks(page: Page): Promise<void> {
  await page.getByTestId("tab-check").click();
  await runAndWait(page);
}

/**
 * A point of the map canvas (page coordinates) inside the conflict of `id` and no other, after
 * framing it: found among the rendered conflicts on a grid, with the click's 5 px tolerance.
 */
function pointInConflict(page: Page, id: string) {
  return page.evaluate(async (findingId) => {
    const map = window.__planLayersMap;
    if (!map) throw new Error("no map");
    const source = map.getSource("check:findings") as unknown as {
      getData: () => Promise<GeoJSON.FeatureCollection>;
    };
    const feature = (await source.getData()).features.find((f) => f.properties?.id === findingId);
    if (!feature) throw new Error(`finding ${findingId} is not drawn`);
    const xs: number[] = [];
    const ys: number[] = [];
    const walk = (value: unknown): void => {
      if (Array.isArray(value) && typeof value[0] === "number") {
        xs.push(value[0] as number);
        ys.push(value[1] as number);
      } else if (Array.isArray(value)) for (const v of value) walk(v);
    };
    walk((feature.geometry as GeoJSON.Polygon).coordinates);
    map.fitBounds(
      [
        [Math.min(...xs), Math.min(...ys)],
        [Math.max(...xs), Math.max(...ys)],
      ],
      { padding: 60, animate: false },
    );
    await new Promise<void>((done) => {
      map.once("idle", () => done());
      map.triggerRepaint();
    });
    const canvas = map.getCanvas().getBoundingClientRect();
    const layers = ["check:findings-tint"];
    let shared: { x: number; y: number } | null = null;
    for (let y = 10; y < canvas.height - 10; y += 6) {
      for (let x = 10; x < canvas.width - 10; x += 6) {
        const hits = map.queryRenderedFeatures(
          [
            [x - 6, y - 6],
            [x + 6, y + 6],
          ],
          { layers },
        );
        const ids = new Set(hits.map((h) => h.properties?.id));
        if (!ids.has(findingId)) continue;
        // a spot under the map's own overlays (the legend, the controls) is not a click on the map
        if (document.elementFromPoint(canvas.left + x, canvas.top + y) !== map.getCanvas())
          continue;
        if (ids.size === 1) return { x: canvas.left + x, y: canvas.top + y, alone: true };
        shared ??= { x: canvas.left + x, y: canvas.top + y };
      }
    }
    if (!shared) throw new Error(`finding ${findingId} is not on the canvas`);
    return { ...shared, alone: false };
  }, id);
}

describe("a reviewer's flags", () => {
  it("filters, selects from the map, flags with a comment, and keeps it across a reload and in the link", async () => {
    await withBrowser(async (browser) => {
      const { page, violations } = await openGuardedPage(browser);
      await openApp(page);
      await runChecks(page);
      const all = Number(await page.getByTestId("triage-counts").getAttribute("data-shown"));

      // errors over 1 ha
      await page.getByTestId("triage-severity-error").check();
      await page.getByTestId("triage-min-area").fill("1");
      const counts = page.getByTestId("triage-counts");
      await expect.poll(() => counts.getAttribute("data-warnings")).toBe("0");
      const shown = Number(await counts.getAttribute("data-shown"));
      expect(shown).toBeGreaterThan(0);
      expect(shown).toBeLessThan(all);
      expect(Number(await counts.getAttribute("data-errors"))).toBe(shown);
      const groups = await collectRows(page, '[data-level="0"]', ["data-count", "data-warnings"]);
      expect(groups.reduce((n, g) => n + Number(g["data-count"]), 0)).toBe(shown);
      await openFirstGroup(page);
      const rows = await collectRows(page, '[data-testid^="finding-"]', [
        "data-testid",
        "data-severity",
        "data-area-m2",
      ]);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row["data-severity"]).toBe("error");
        expect(Number(row["data-area-m2"])).toBeGreaterThanOrEqual(10_000);
      }
      // the headline area, counted once per rule, comes after the list
      await expect
        .poll(() => page.getByTestId("headline-area").getAttribute("data-state"), {
          timeout: 30_000,
        })
        .toBe("done");
      expect(await page.getByTestId("headline-area").textContent()).toContain(
        "tính một lần cho mỗi quy tắc",
      );

      // click its conflict on the map: the finding is selected in the list
      const id = String(rows[0]?.["data-testid"]).slice("finding-".length);
      const point = await pointInConflict(page, id);
      await page.mouse.click(point.x, point.y);
      if (!point.alone) await page.getByTestId(`choose-finding-${id}`).click();
      await expect.poll(() => finding(page, id).getAttribute("aria-pressed")).toBe("true");

      // flag it with a comment, signed with the reviewer's name, then confirm it
      const card = selectedCard(page);
      await card.getByTestId("flag-reviewer-input").fill(REVIEWER);
      await card.getByTestId("flag-reviewer-save").click();
      await card.getByTestId("flag-comment").fill(COMMENT);
      await card.getByTestId("flag-create").click();
      await expect
        .poll(() => card.getByTestId("flag-badge").getAttribute("data-status"))
        .toBe("open");
      await card.getByTestId("flag-status-select").selectOption("confirmed");
      await card.getByTestId("flag-status-apply").click();
      await expect
        .poll(() => card.getByTestId("flag-badge").getAttribute("data-status"))
        .toBe("confirmed");
      expect(await card.getByTestId("flag-history-item").count()).toBe(2);
      // a change the rules refuse says why: reopening needs a comment
      await card.getByTestId("flag-status-select").selectOption("open");
      await card.getByTestId("flag-status-apply").click();
      expect(await card.getByTestId("flag-problem").textContent()).toContain("cần ghi chú");

      // stored, and the link names the tab and the finding
      await page.waitForFunction(() => !document.querySelector('[data-testid="flag-save"]'));
      await page.waitForFunction(
        (f) => location.hash.includes("tab=check") && location.hash.includes(`finding=${f}`),
        id,
      );
      const link = new URL(page.url()).hash;

      // reload: the link runs the check, selects the finding; its flag and history are there
      await page.reload();
      await page.waitForSelector('[data-testid="app"][data-map-ready="true"]', {
        timeout: 180_000,
      });
      await expect
        .poll(() => finding(page, id).getAttribute("aria-pressed"), { timeout: 60_000 })
        .toBe("true");
      const again = selectedCard(page);
      expect(await again.getByTestId("flag-badge").getAttribute("data-status")).toBe("confirmed");
      const history = await again.getByTestId("flag-history-item").allTextContents();
      expect(history).toHaveLength(2);
      expect(history[1]).toContain(REVIEWER);
      expect(history[1]).toContain(COMMENT);
      expect(await again.getByTestId("flag-reviewer").textContent()).toContain(REVIEWER);
      expect(violations).toEqual([]);

      // the link opened by a colleague (own storage): the same finding selected, not flagged
      const colleague = await openGuardedPage(browser);
      await openApp(colleague.page, link);
      await expect
        .poll(() => finding(colleague.page, id).getAttribute("aria-pressed"), { timeout: 60_000 })
        .toBe("true");
      expect(await selectedCard(colleague.page).getByTestId("flag-badge").count()).toBe(0);
      expect(colleague.violations).toEqual([]);
      // a link to a finding the run does not find says so
      const stale = await openGuardedPage(browser);
      await openApp(stale.page, "tab=check&finding=0000000000000000");
      await stale.page.getByTestId("check-missing").waitFor({ timeout: 120_000 });
      expect(stale.violations).toEqual([]);
    });
  }, 600_000);

  it("says when the flags cannot be stored, keeps them in the page, retries, and warns before closing", async () => {
    await withBrowser(async (browser) => {
      const { page, violations } = await openGuardedPage(browser);
      // storage refused, as in a private window or with site data blocked
      await page.context().addInitScript(() => {
        IDBFactory.prototype.open = () => {
          throw new DOMException(
            "The user denied permission to access the database.",
            "SecurityError",
          );
        };
      });
      await openApp(page);
      await page.getByTestId("tab-check").click();
      const failed = page.getByTestId("flag-save-failed");
      await failed.waitFor();
      expect(await page.getByTestId("flag-save-error").textContent()).toContain("chế độ riêng tư");
      expect(await page.getByTestId("flag-save-countdown").textContent()).toMatch(/Thử lại/);

      await runAndWait(page);
      await openFirstGroup(page);
      const first = page.locator('[data-testid^="finding-"]').first();
      await first.click();
      const card = selectedCard(page);
      await card.getByTestId("flag-reviewer-input").fill(REVIEWER);
      await card.getByTestId("flag-reviewer-save").click();
      await card.getByTestId("flag-create").click();
      // flagged in memory, not stored: said, with the change waiting
      await expect
        .poll(() => card.getByTestId("flag-badge").getAttribute("data-status"))
        .toBe("open");
      await expect.poll(() => failed.textContent()).toContain("1 thay đổi đang chờ lưu");
      await page.getByTestId("flag-save-retry").click();
      await failed.waitFor();

      // closing the page now asks first
      const dialog = new Promise<string>((resolve) =>
        page.once("dialog", (d) => {
          resolve(d.type());
          void d.accept();
        }),
      );
      expect(violations).toEqual([]);
      await page.close({ runBeforeUnload: true });
      expect(await dialog).toBe("beforeunload");
    });
  }, 600_000);
});
