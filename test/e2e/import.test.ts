import { readFile } from "node:fs/promises";
import { zipSync } from "fflate";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { openGroup, runAndWait, sourceFeatures, summaryCounts } from "./check-panel-helpers";
import { openApp, useGuardedPage } from "./harness";
import {
  dropFiles,
  sessionSnapshot,
  type TestFile,
  waitForReport,
  writeVn2000Proposal,
  zipBomb,
} from "./import-helpers";

const FIXTURES = "test/fixtures/io";
const PROPOSAL_SOURCE = "plan:proposal:city-plan-zones";

async function fixture(path: string, name = path.split("/").pop() as string): Promise<TestFile> {
  return { name, bytes: new Uint8Array(await readFile(`${FIXTURES}/${path}`)) };
}

/** The Shapefile parts in `folder`, zipped as a consultant would send them. */
async function zipFolder(folder: string, parts: string[]): Promise<Uint8Array> {
  const entries: Record<string, Uint8Array> = {};
  for (const part of parts) {
    entries[`zones.${part}`] = new Uint8Array(
      await readFile(`${FIXTURES}/${folder}/zones.${part}`),
    );
  }
  return zipSync(entries);
}

const dialog = (page: Page) => page.getByTestId("import-dialog");

/** Properties of the proposal's features as the map was given them. */
const proposalFeatures = (page: Page) => sourceFeatures(page, PROPOSAL_SOURCE);

describe("loading a proposal file, in Chromium against the built app", () => {
  let page: Page;
  /** The check of the shipped city plan: what the same plan in VN-2000 must find too. */
  let baseline: { findings: number; errors: number; warnings: number };

  useGuardedPage(async (guarded) => {
    page = guarded;
    await openApp(page);
    await page.getByTestId("tab-check").click();
    await page.waitForSelector('[data-testid="check-run"]:not([disabled])', { timeout: 30_000 });
    await runAndWait(page);
    const { elapsedMs: _, ...counts } = await summaryCounts(page);
    baseline = counts;
  });

  let vn2000: { path: string; features: number };
  beforeAll(async () => {
    vn2000 = await writeVn2000Proposal();
  });

  it("a VN-2000 GeoJSON: shows the CRS and why, loads, and lists the planted conflicts", async () => {
    expect(baseline.findings).toBeGreaterThan(0);
    // the keyboard route: the picker button is a real button
    await page.getByTestId("import-open").focus();
    expect(await page.evaluate(() => document.activeElement?.getAttribute("data-testid"))).toBe(
      "import-open",
    );
    await page.getByTestId("import-input").setInputFiles(vn2000.path);
    await waitForReport(page);
    expect(await page.getByTestId("import-format").textContent()).toBe("GeoJSON");
    const crs = page.getByTestId("import-crs");
    expect(await crs.getAttribute("data-crs")).toBe("EPSG:5897");
    const reason = (await page.getByTestId("import-crs-reason").textContent()) ?? "";
    expect(reason).toContain("VN-2000");
    expect(await page.getByTestId("import-land-use").getAttribute("data-attribute")).toBe("MDSD");
    const summary = page.getByTestId("import-summary");
    expect(await summary.getAttribute("data-total")).toBe(String(vn2000.features));
    expect(await summary.getAttribute("data-valid")).toBe(String(vn2000.features));

    await page.getByTestId("import-load").click();
    await dialog(page).waitFor({ state: "detached" });
    // the check runs by itself against every higher-level layer, the proposal in the city plan's place
    await page.getByTestId("check-proposal").waitFor();
    expect(await page.getByTestId("check-proposal").textContent()).toContain(
      "phuong-an-vn2000.geojson",
    );
    await page.waitForFunction(
      () =>
        document.querySelector('[data-testid="check-summary"]') &&
        !document.querySelector('[data-testid="check-cancel"]'),
      null,
      { timeout: 60_000 },
    );
    const { elapsedMs: _, ...counts } = await summaryCounts(page);
    // the same plan, moved to VN-2000 and back: the same conflicts
    expect(counts).toEqual(baseline);
    expect(await page.getByTestId("check-group-rule-urban-on-protected-rice-land").count()).toBe(1);
    // drawn on the map, with the codes under the catalogue's attribute
    const drawn = await proposalFeatures(page);
    expect(drawn.length).toBe(vn2000.features);
    expect(drawn.every((p) => typeof p.land_use_code === "string")).toBe(true);
    // listed as a layer of its own
    await page.getByTestId("tab-layers").click();
    expect(await page.getByTestId("layer-row-proposal:city-plan-zones").textContent()).toContain(
      "phuong-an-vn2000.geojson",
    );
  });

  it("a bad file — junk, empty, TopoJSON, zip bomb — says why and leaves the session as it was", async () => {
    await page.getByTestId("tab-check").click();
    // select a finding, so the selection is part of what must survive
    await openGroup(page, "check-group-rule-urban-on-protected-rice-land");
    const first = page.locator('[data-testid^="finding-"]').first();
    await first.click();
    const before = await sessionSnapshot(page);
    expect(before.highlight).toBeGreaterThan(0);
    expect(before.sources).toContain(PROPOSAL_SOURCE);

    const junk = new Uint8Array(4096).map((_, i) => (i * 7919) % 251);
    const shapefileZip = await zipFolder("shapefile/utf8-cpg", ["shp", "shx", "dbf", "prj"]);
    const bad: { file: TestFile; code: string }[] = [
      { file: { name: "rac.geojson", bytes: junk }, code: "" },
      { file: { name: "rong.geojson", bytes: new Uint8Array() }, code: "" },
      { file: await fixture("geojson/zones.topojson"), code: "not-geojson" },
      { file: { name: "bom.zip", bytes: zipBomb(shapefileZip) }, code: "too-large" },
    ];
    for (const { file, code } of bad) {
      await dropFiles(page, [file]);
      await waitForReport(page);
      await page.getByTestId("import-nothing").waitFor();
      expect(await page.getByTestId("import-load").isDisabled(), file.name).toBe(true);
      const problems = page.getByTestId("import-problem");
      expect(await problems.count(), file.name).toBeGreaterThan(0);
      if (code) {
        const codes = await problems.evaluateAll((rows) =>
          rows.map((r) => r.getAttribute("data-code")),
        );
        expect(codes, file.name).toContain(code);
      }
      expect(await problems.first().textContent(), file.name).toContain("Toàn tệp");
      // Escape is cancel
      await page.keyboard.press("Escape");
      await dialog(page).waitFor({ state: "detached" });
      expect(await sessionSnapshot(page), file.name).toEqual(before);
    }
  });

  it("a Shapefile zip with Vietnamese names in TCVN3: names read right, loads", async () => {
    const zip = await zipFolder("shapefile/tcvn3", ["shp", "shx", "dbf", "prj"]);
    await dropFiles(page, [{ name: "quy-hoach-tcvn3.zip", bytes: zip }]);
    await waitForReport(page);
    expect(await page.getByTestId("import-format").textContent()).toBe("Shapefile");
    expect(await page.getByTestId("import-encoding").textContent()).toContain("TCVN3");
    expect(await page.getByTestId("import-land-use").getAttribute("data-attribute")).toBe("ma_dat");
    await page.getByTestId("import-load").click();
    await dialog(page).waitFor({ state: "detached" });
    await expect
      .poll(async () => (await proposalFeatures(page)).map((p) => p.ten))
      .toContain("Khu đô thị Tây Hồ");
    expect(await page.getByTestId("check-proposal").textContent()).toContain("quy-hoach-tcvn3.zip");
  });

  it("a Shapefile's parts dropped together are one input, its .prj says VN-2000", async () => {
    const parts = await Promise.all(
      ["shp", "shx", "dbf", "prj", "cpg"].map((ext) => fixture(`shapefile/vn2000/zones.${ext}`)),
    );
    await dropFiles(page, parts);
    await waitForReport(page);
    expect(await page.getByTestId("import-files").textContent()).toContain("zones.prj");
    expect(await page.getByTestId("import-crs").getAttribute("data-crs")).toBe("EPSG:5897");
    expect(await page.getByTestId("import-crs-reason").textContent()).toContain("theo tệp");
    await page.getByTestId("import-cancel").click();
    await dialog(page).waitFor({ state: "detached" });
  });

  it("a KMZ: WGS84 by definition, loads and is checked", async () => {
    await dropFiles(page, [await fixture("kmz/zones.kmz")]);
    await waitForReport(page);
    expect(await page.getByTestId("import-format").textContent()).toBe("KMZ");
    expect(await page.getByTestId("import-crs").getAttribute("data-crs")).toBe("EPSG:4326");
    await page.getByTestId("import-load").click();
    await dialog(page).waitFor({ state: "detached" });
    await expect.poll(async () => (await proposalFeatures(page)).length).toBeGreaterThan(0);
    expect(await page.getByTestId("check-proposal").textContent()).toContain("zones.kmz");
    await page.waitForFunction(
      () => !document.querySelector('[data-testid="check-cancel"]'),
      null,
      { timeout: 60_000 },
    );
  });
});
