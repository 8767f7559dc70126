import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { openApp, useGuardedPage } from "./harness";
import { dropFiles, waitForReport } from "./import-helpers";

/**
 * Which layer a proposal replaces (issue 7), in Chromium against the built app: with a catalogue
 * whose rules check two city-level plan layers, the import dialog offers both; the one chosen is
 * what the proposal stands in for. With the shipped catalogue (one) the dialog only names it.
 */

const SECOND = "city-plan-zones-2026";

/** The shipped catalogue and rules with a second city plan layer, checked by a copy of a rule. */
async function withSecondCityPlan(page: Page): Promise<void> {
  await page.route("**/layers/catalog.json", async (route) => {
    const response = await route.fetch();
    const file = (await response.json()) as { layers: Record<string, unknown>[] };
    const city = file.layers.find((l) => l.id === "city-plan-zones");
    if (!city) throw new Error("the shipped catalogue has no city-plan-zones");
    file.layers.push({
      ...city,
      id: SECOND,
      title: { vi: "Phân khu điều chỉnh 2026", en: "Zoning revision 2026" },
    });
    await route.fulfill({ response, json: file });
  });
  await page.route("**/layers/rules.json", async (route) => {
    const response = await route.fetch();
    const file = (await response.json()) as { rules: Record<string, unknown>[] };
    const rule = file.rules.find(
      (r) => (r.subject as { layer: string }).layer === "city-plan-zones",
    );
    if (!rule) throw new Error("no shipped rule checks city-plan-zones");
    file.rules.push({
      ...rule,
      id: `${String(rule.id)}-2026`,
      subject: { ...(rule.subject as object), layer: SECOND },
    });
    await route.fulfill({ response, json: file });
  });
}

const proposal = async () => ({
  name: "zones-vn2000.geojson",
  bytes: new Uint8Array(await readFile("test/fixtures/io/geojson/zones-vn2000.geojson")),
});

describe("the layer a proposal replaces, in Chromium against the built app", () => {
  let page: Page;
  useGuardedPage(async (guarded) => {
    page = guarded;
  });

  it("the shipped catalogue: the dialog names the one city plan", async () => {
    await openApp(page);
    await dropFiles(page, [await proposal()]);
    await waitForReport(page);
    const target = page.getByTestId("import-target");
    expect(await target.getAttribute("data-target")).toBe("city-plan-zones");
    expect(await page.getByTestId("import-target-select").count()).toBe(0);
    await page.getByTestId("import-cancel").click();
  }, 180_000);

  it("two city plans checked: a chooser, and the proposal replaces the one chosen", async () => {
    await withSecondCityPlan(page);
    await openApp(page);
    await page.waitForSelector(`[data-testid="layer-row-${SECOND}"]`, { timeout: 60_000 });
    await dropFiles(page, [await proposal()]);
    await waitForReport(page);
    const select = page.getByTestId("import-target-select");
    await select.waitFor();
    expect(
      await select
        .locator("option")
        .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value)),
    ).toEqual(["city-plan-zones", SECOND]);
    await select.selectOption(SECOND);
    await page.waitForSelector(`[data-testid="import-target"][data-target="${SECOND}"]`);
    await page.getByTestId("import-load").click();
    await page.getByTestId("import-dialog").waitFor({ state: "detached" });
    await page.getByTestId("check-proposal").waitFor();
    expect(await page.getByTestId("check-proposal").textContent()).toContain(
      "Phân khu điều chỉnh 2026",
    );
    await page.getByTestId("tab-layers").click();
    await page.getByTestId(`layer-row-proposal:${SECOND}`).waitFor();
    expect(await page.getByTestId("layer-row-proposal:city-plan-zones").count()).toBe(0);
  }, 180_000);
});
