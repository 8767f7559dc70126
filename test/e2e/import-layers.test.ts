import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { sourceFeatures } from "./check-panel-helpers";
import { openApp, useGuardedPage } from "./harness";
import { dropFiles, type TestFile, waitForReport } from "./import-helpers";

/**
 * The import dialog's layer chooser (issue 7), in Chromium against the built app: a GeoPackage or
 * a zip holding several layers shows them, the first read; choosing the second reads it (the
 * fixtures' second layers hold zones Z3 and Z4 only), and that layer is what loads.
 */

const FIXTURES = "test/fixtures/io";
const PROPOSAL_SOURCE = "plan:proposal:city-plan-zones";

async function fixture(path: string): Promise<TestFile> {
  return {
    name: path.split("/").pop() as string,
    bytes: new Uint8Array(await readFile(`${FIXTURES}/${path}`)),
  };
}

const dialog = (page: Page) => page.getByTestId("import-dialog");

/** Waits until the dialog has read `layer` and shows its report. */
async function waitForLayer(page: Page, layer: string): Promise<void> {
  await page.waitForSelector(
    `[data-testid="import-dialog"][data-status="review"] [data-testid="import-layer"][data-layer="${layer}"]`,
    { timeout: 60_000 },
  );
}

const total = async (page: Page) =>
  Number(await page.getByTestId("import-summary").getAttribute("data-total"));

describe("the import dialog's layer chooser, in Chromium against the built app", () => {
  let page: Page;
  useGuardedPage(async (guarded) => {
    page = guarded;
    await openApp(page);
  });

  it("a GeoPackage of two layers: the first read, the second chosen and loaded", async () => {
    await dropFiles(page, [await fixture("gpkg/two-different-layers.gpkg")]);
    await waitForReport(page);
    await waitForLayer(page, "vung_quy_hoach");
    const select = page.getByTestId("import-layer-select");
    const options = await select.locator("option").evaluateAll((o) => o.map((x) => x.textContent));
    expect(options).toEqual(["vung_quy_hoach", "khu_dong_anh"]);
    expect(await total(page)).toBe(5);
    const warning = page.locator('[data-testid="import-problem"][data-code="several-layers"]');
    expect(await warning.textContent()).toContain("khu_dong_anh");

    await select.selectOption("khu_dong_anh");
    await waitForLayer(page, "khu_dong_anh");
    expect(await total(page)).toBe(2);
    expect(await page.getByTestId("import-crs").getAttribute("data-crs")).toBe("EPSG:4326");
    expect(await warning.count()).toBe(0);

    await page.getByTestId("import-load").click();
    await dialog(page).waitFor({ state: "detached" });
    await expect
      .poll(async () => (await sourceFeatures(page, PROPOSAL_SOURCE)).map((p) => p.id).sort())
      .toEqual(["Z3", "Z4"]);
  });

  it("a zip of two Shapefiles: the chooser lists its .shp files; cancel leaves the session", async () => {
    const before = (await sourceFeatures(page, PROPOSAL_SOURCE)).length;
    await dropFiles(page, [await fixture("shapefile/two-different-layers.zip")]);
    await waitForLayer(page, "zones.shp");
    expect(await total(page)).toBe(5);
    await page.getByTestId("import-layer-select").selectOption("dong-anh.shp");
    await waitForLayer(page, "dong-anh.shp");
    expect(await total(page)).toBe(2);
    await page.getByTestId("import-cancel").click();
    await dialog(page).waitFor({ state: "detached" });
    expect((await sourceFeatures(page, PROPOSAL_SOURCE)).length).toBe(before);
  });

  it("a file of one layer shows no chooser", async () => {
    await dropFiles(page, [await fixture("shapefile/zones-wgs84.zip")]);
    await waitForReport(page);
    expect(await page.getByTestId("import-layer").count()).toBe(0);
    await page.getByTestId("import-cancel").click();
    await dialog(page).waitFor({ state: "detached" });
  });
});
