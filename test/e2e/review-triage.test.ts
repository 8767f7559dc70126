import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectRows, runAndWait, scrollToRow } from "./check-panel-helpers";
import { appUrl, launchBrowser, openGuardedPage } from "./harness";

/*
 * What a reviewer clicks in the triage and on drawn flags: flag three findings with three statuses,
 * tick two statuses in the filter (by keyboard) and see only those, reload the link and the filter is
 * kept; draw a flag of their own, open it and change its status, with its history.
 */

const REVIEWER = "Trần Minh Đức";

/** Opens the app at `hash` and waits for the map (longer than `openApp`: a busy, shared machine). */
async function openApp(page: Page, hash = ""): Promise<void> {
  await page.goto(appUrl(hash));
  await page.waitForSelector('[data-testid="app"][data-map-ready="true"]', { timeout: 180_000 });
}

/** Opens every group of the results list's first level (a long list starts with them closed). */
async function openGroups(page: Page): Promise<void> {
  const closed = page.locator(
    '[data-testid="check-results"] [data-level="0"][aria-expanded="false"]',
  );
  while ((await closed.count()) > 0) await closed.first().click();
}

/** Selects the finding `id` in the list and flags it; `status` other than "open" is then set. */
async function flagFinding(page: Page, id: string, status: string): Promise<void> {
  expect(await scrollToRow(page, `[data-testid="finding-${id}"]`)).toBe(true);
  await page.getByTestId(`finding-${id}`).click();
  const card = page.getByTestId("selected-finding-card");
  if ((await card.getByTestId("flag-reviewer-input").count()) > 0) {
    await card.getByTestId("flag-reviewer-input").fill(REVIEWER);
    await card.getByTestId("flag-reviewer-save").click();
  }
  await card.getByTestId("flag-create").click();
  const badge = card.getByTestId("flag-badge");
  await expect.poll(() => badge.getAttribute("data-status")).toBe("open");
  if (status === "open") return;
  await card.getByTestId("flag-status-select").selectOption(status);
  await card.getByTestId("flag-status-apply").click();
  await expect.poll(() => badge.getAttribute("data-status")).toBe(status);
}

/** Whether the filter's checkbox `testId` is ticked (folded away or not). */
const ticked = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((box) => (box as HTMLInputElement).checked);

/** The ids of the findings the list shows (every group opened). */
async function shownIds(page: Page): Promise<string[]> {
  await openGroups(page);
  const rows = await collectRows(page, '[data-testid^="finding-"]', ["data-testid"]);
  return rows.map((r) => String(r["data-testid"]).slice("finding-".length)).sort();
}

describe("a reviewer's triage and drawn flags", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("ticks two statuses and sees only those; the link keeps the filter across a reload", async () => {
    const { page, violations } = await openGuardedPage(browser);
    await openApp(page);
    await page.getByTestId("tab-check").click();
    await runAndWait(page);
    await openGroups(page);
    const rows = await collectRows(page, '[data-testid^="finding-"]', ["data-testid"]);
    const [a, b, c] = rows.map((r) => String(r["data-testid"]).slice("finding-".length));
    if (!a || !b || !c) throw new Error("the shipped catalogue gave fewer than 3 findings");
    await flagFinding(page, a, "open");
    await flagFinding(page, b, "needs-revision");
    await flagFinding(page, c, "confirmed");
    await page.waitForFunction(() => !document.querySelector('[data-testid="flag-save"]'));

    // the status list, by keyboard: Enter opens it, Space ticks, Escape closes it
    const toggle = page.getByTestId("triage-status-toggle");
    await toggle.focus();
    await page.keyboard.press("Enter");
    await expect.poll(() => page.getByTestId("triage-status-open").isVisible()).toBe(true);
    await page.getByTestId("triage-status-open").focus();
    await page.keyboard.press("Space");
    await page.getByTestId("triage-status-needs-revision").focus();
    await page.keyboard.press("Space");
    await page.keyboard.press("Escape");
    await expect.poll(() => page.getByTestId("triage-status-open").isVisible()).toBe(false);
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe("SUMMARY");
    expect(await toggle.textContent()).toContain("2 đã chọn");

    const counts = page.getByTestId("triage-counts");
    await expect.poll(() => counts.getAttribute("data-shown")).toBe("2");
    expect(await shownIds(page)).toEqual([a, b].sort());

    // the link carries both statuses; opened again, the same two findings are shown
    await page.waitForFunction(() => location.hash.includes("status=open,needs-revision"));
    await page.reload();
    await page.waitForSelector('[data-testid="app"][data-map-ready="true"]', {
      timeout: 180_000,
    });
    await expect.poll(() => counts.getAttribute("data-shown"), { timeout: 120_000 }).toBe("2");
    expect(await ticked(page, "triage-status-open")).toBe(true);
    expect(await ticked(page, "triage-status-needs-revision")).toBe(true);
    expect(await ticked(page, "triage-status-confirmed")).toBe(false);
    expect(await shownIds(page)).toEqual([a, b].sort());
    expect(violations).toEqual([]);
    await page.context().close();
  }, 600_000);

  it("opens a drawn flag and changes its status, kept in its history", async () => {
    const { page, violations } = await openGuardedPage(browser);
    await openApp(page);
    await page.getByTestId("tab-check").click();
    const panel = page.getByTestId("review-panel");
    await panel.getByTestId("flag-reviewer-input").fill(REVIEWER);
    await panel.getByTestId("flag-reviewer-save").click();
    await expect.poll(() => page.getByTestId("draw-point").isEnabled()).toBe(true);

    const box = await page.locator(".maplibregl-canvas").boundingBox();
    if (!box) throw new Error("no map canvas");
    await page.getByTestId("draw-point").click();
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.getByTestId("draw-comment").fill("Trạm bơm mới chưa có trong quy hoạch");
    await page.getByTestId("draw-save").click();
    const flag = page.getByTestId("drawn-flag");
    await expect.poll(() => flag.count()).toBe(1);
    expect(await flag.getAttribute("data-status")).toBe("open");

    await flag.locator('[data-testid="drawn-flag-review"] > summary').click();
    const controls = flag.getByTestId("flag-controls");
    await controls.getByTestId("flag-status-select").selectOption("confirmed");
    await controls.getByTestId("flag-comment").fill("Đã kiểm tra thực địa");
    await controls.getByTestId("flag-status-apply").click();
    await expect.poll(() => flag.getAttribute("data-status")).toBe("confirmed");
    const history = await controls.getByTestId("flag-history-item").allTextContents();
    expect(history).toHaveLength(2);
    expect(history[0]).toContain("Đã kiểm tra thực địa");
    expect(history[0]).toContain(REVIEWER);
    expect(violations).toEqual([]);
    await page.context().close();
  }, 300_000);
});
