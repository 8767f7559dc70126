import { readFile } from "node:fs/promises";
import { zipSync } from "fflate";
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { openGroup, runAndWait, sourceFeatures, summaryCounts } from "./check-panel-helpers";
import { openApp, useGuardedPage } from "./harness";
import {
  checkCompareLog,
  dropFiles,
  manyBadZones,
  sessionSnapshot,
  type TestFile,
  waitForReport,
  watchCheckAndCompare,
  writeLargeProposal,
  writeVn2000Proposal,
  zipBomb,
} from "./import-helpers";
import { panelPages } from "./map-helpers";

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
    // drawn on the map, with the codes under the catalogue's attribute: its tiles come from the
    // tile worker, which may still be cutting them when the check (a few hundred zones) is done
    await expect
      .poll(async () => (await proposalFeatures(page)).length, { timeout: 30_000 })
      .toBe(vn2000.features);
    const drawn = await proposalFeatures(page);
    expect(drawn.every((p) => typeof p.land_use_code === "string")).toBe(true);
    // listed as a layer of its own
    await page.getByTestId("tab-layers").click();
    expect(await page.getByTestId("layer-row-proposal:city-plan-zones").textContent()).toContain(
      "phuong-an-vn2000.geojson",
    );
  });

  it("compares the VN-2000 proposal with the city plan it came from: nothing changed", async () => {
    await page.getByTestId("tab-compare").click();
    await page.getByTestId("compare-panel").waitFor({ timeout: 60_000 });
    // VN-2000 and back moves points by about a millimetre (proj4's inverse datum shift): the
    // slivers that leaves along the zones' shared edges are under 1 cm wide, noise, not changes
    await page.getByTestId("compare-none").waitFor();
    expect(await page.getByTestId("compare-panel").getAttribute("data-pieces")).toBe("0");
  });

  it("a bad file — junk, empty, TopoJSON, zip bomb — says why and leaves the session as it was", async () => {
    await page.getByTestId("tab-check").click();
    // select a finding, so the selection is part of what must survive
    await openGroup(page, "check-group-rule-urban-on-protected-rice-land");
    const first = page.locator('[data-testid^="finding-"]').first();
    await first.click();
    // the selection reaches the map and the link (written a moment later) before the snapshot
    await expect.poll(async () => (await sessionSnapshot(page)).highlight).toBeGreaterThan(0);
    await page.waitForFunction(() => window.location.hash.includes("finding="));
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

  it("a long problems list is virtualised, and text from the file stays text", async () => {
    const before = await sessionSnapshot(page);
    const name = '<img src=x onerror="window.__injected=1">Khu';
    await dropFiles(page, [{ name: "nhieu-loi.geojson", bytes: manyBadZones(3000, name) }]);
    await waitForReport(page);
    const list = page.getByTestId("import-problems");
    expect(await list.getAttribute("data-count")).toBe("3000");
    const drawn = await page.getByTestId("import-problem").count();
    expect(drawn).toBeGreaterThan(0);
    expect(drawn).toBeLessThan(100);
    expect(await page.getByTestId("import-problem").first().textContent()).toContain("<img src=x");
    // scrolled to the end, the last feature's row is drawn
    await list.evaluate((box) => {
      box.scrollTop = box.scrollHeight;
    });
    await expect
      .poll(() => page.locator('[data-testid="import-problem"][data-index="2999"]').count())
      .toBe(1);
    const rendered = await page.evaluate(() => ({
      injected: (window as { __injected?: number }).__injected ?? 0,
      images: document.querySelectorAll('img[src="x"]').length,
    }));
    expect(rendered).toEqual({ injected: 0, images: 0 });
    // one valid zone: it could be loaded; cancelled instead
    expect(await page.getByTestId("import-summary").getAttribute("data-valid")).toBe("1");
    expect(await page.getByTestId("import-load").isEnabled()).toBe(true);
    await page.getByTestId("import-cancel").click();
    await dialog(page).waitFor({ state: "detached" });
    expect(await sessionSnapshot(page)).toEqual(before);
  });

  it("cancel while a large file is read leaves the session as it was", async () => {
    const before = await sessionSnapshot(page);
    const path = await writeLargeProposal(80_000);
    await page.getByTestId("import-input").setInputFiles(path);
    // cancel at once, in the same task that sees the dialog still working
    const seen = await page.evaluate(
      () =>
        new Promise<string | null>((resolve) => {
          const look = () => {
            const box = document.querySelector('[data-testid="import-dialog"]');
            if (!box) return requestAnimationFrame(look);
            const status = box.getAttribute("data-status");
            const bar = document.querySelector('[data-testid="import-progress"]');
            if (status === "working" && bar)
              (document.querySelector('[data-testid="import-cancel"]') as HTMLElement).click();
            resolve(status);
          };
          look();
        }),
    );
    expect(seen).toBe("working");
    await dialog(page).waitFor({ state: "detached" });
    // no late report brings the dialog back or changes anything
    await page.waitForTimeout(2000);
    expect(await dialog(page).count()).toBe(0);
    expect(await sessionSnapshot(page)).toEqual(before);
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
    // a click on a proposal zone shows the file's own attributes, Vietnamese intact
    await page.waitForFunction(
      () => window.__planLayersMap?.loaded() && !window.__planLayersMap.isMoving(),
    );
    // (a click there would select the finding the zone is in: identify from the keyboard instead,
    // Enter on the focused map names what is at its centre)
    await page.evaluate(() => window.__planLayersMap?.jumpTo({ center: [105.815, 21.015] }));
    await page.waitForFunction(
      () => window.__planLayersMap?.loaded() && !window.__planLayersMap.isMoving(),
    );
    await page.locator(".maplibregl-canvas").focus();
    await page.keyboard.press("Enter");
    // the panel shows one feature at a time, topmost first: page to the proposal's zone
    const pages = await panelPages(page);
    const zone = pages.find((p) => p.text.includes("Khu đô thị Tây Hồ"));
    expect(zone?.text).toContain("Đất ở tại đô thị (ODT)");
    await page.getByTestId("feature-panel").getByRole("button").first().click();

    // what it changes, listed and drawn; a piece from the list is outlined on the map
    await page.getByTestId("tab-compare").click();
    await page.getByTestId("compare-panel").waitFor({ timeout: 60_000 });
    const pieces = Number(await page.getByTestId("compare-panel").getAttribute("data-pieces"));
    expect(pieces).toBeGreaterThan(0);
    await expect
      .poll(async () => (await sourceFeatures(page, "compare:pieces")).length)
      .toBeGreaterThan(0);
    const row = page.locator('[data-testid^="compare-piece-"]').first();
    const pieceId = ((await row.getAttribute("data-testid")) ?? "").replace("compare-piece-", "");
    await row.click();
    await expect
      .poll(async () => (await sourceFeatures(page, "compare:highlight")).map((p) => p.id))
      .toEqual([pieceId]);
    // before / after: the current plan or the proposal under the changes
    const visibility = () =>
      page.evaluate(() => {
        const map = window.__planLayersMap;
        const shown = (prefix: string) =>
          map
            ?.getStyle()
            .layers.filter((l) => l.id.startsWith(prefix))
            .some((l) => map.getLayoutProperty(l.id, "visibility") !== "none");
        return { current: shown("plan:city-plan-zones"), proposal: shown("plan:proposal:") };
      });
    await page.getByTestId("plan-view-before").check();
    await expect.poll(visibility).toEqual({ current: true, proposal: false });
    await page.getByTestId("plan-view-after").check();
    await expect.poll(visibility).toEqual({ current: false, proposal: true });
    await page.getByTestId("plan-view-both").check();
    await expect.poll(visibility).toEqual({ current: true, proposal: true });
  }, 180_000); // a hang guard: this one test drops, loads, identifies, compares and draws

  it("a file dropped off the map is refused, never opened by the browser in place of the app", async () => {
    const outcome = await page.evaluate(() => {
      const data = new DataTransfer();
      data.items.add(new File(["{}"], "lac.geojson"));
      const drop = (target: Element | null) =>
        target?.dispatchEvent(
          new DragEvent("drop", { dataTransfer: data, bubbles: true, cancelable: true }),
        );
      // dispatchEvent is false when a listener prevented the default action (opening the file)
      return {
        sidebar: drop(document.querySelector(".sidebar")),
        map: drop(document.querySelector('[data-testid="drop-zone"]')),
      };
    });
    expect(outcome).toEqual({ sidebar: false, map: false });
    // the drop on the map opened the dialog; nothing on the sidebar did anything else
    await waitForReport(page);
    await page.getByTestId("import-cancel").click();
    await dialog(page).waitFor({ state: "detached" });
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

  it("a GeoPackage (SQLite in WebAssembly, served with the app) with two layers", async () => {
    await dropFiles(page, [await fixture("gpkg/two-layers.gpkg")]);
    await waitForReport(page);
    expect(await page.getByTestId("import-format").textContent()).toBe("GeoPackage");
    const codes = await page
      .getByTestId("import-problem")
      .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-code")));
    expect(codes).toContain("several-layers");
    expect(
      Number(await page.getByTestId("import-summary").getAttribute("data-valid")),
    ).toBeGreaterThan(0);
    await page.getByTestId("import-cancel").click();
    await dialog(page).waitFor({ state: "detached" });
  });

  it("a KMZ: WGS84 by definition, in English with the switch, loads and is checked", async () => {
    await page.getByTestId("lang-switch").click();
    await dropFiles(page, [await fixture("kmz/zones.kmz")]);
    await waitForReport(page);
    expect(await page.locator("#import-title").textContent()).toBe("Load a plan proposal");
    expect(await page.getByTestId("import-load").textContent()).toBe("Load the valid features");
    expect(await page.getByTestId("import-crs-reason").textContent()).toContain("Why:");
    expect(await page.getByTestId("import-format").textContent()).toBe("KMZ");
    expect(await page.getByTestId("import-crs").getAttribute("data-crs")).toBe("EPSG:4326");
    await page.getByTestId("import-load").click();
    await dialog(page).waitFor({ state: "detached" });
    await expect.poll(async () => (await proposalFeatures(page)).length).toBeGreaterThan(0);
    expect(await page.getByTestId("check-proposal").textContent()).toContain(
      "Checking the proposal zones.kmz",
    );
    await page.waitForFunction(
      () => !document.querySelector('[data-testid="check-cancel"]'),
      null,
      { timeout: 60_000 },
    );
  });

  it("a loaded proposal is compared once its check is over: the conflicts come first", async () => {
    await watchCheckAndCompare(page);
    await page.getByTestId("import-input").setInputFiles(vn2000.path);
    await waitForReport(page);
    await page.getByTestId("import-load").click();
    await dialog(page).waitFor({ state: "detached" });
    await expect
      .poll(async () => (await checkCompareLog(page)).compares.length, { timeout: 60_000 })
      .toBe(1);
    const log = await checkCompareLog(page);
    expect(log.checkStarts).toHaveLength(1);
    // sent after the check had started, once it was no longer running
    expect(log.compares[0]?.at).toBeGreaterThan(log.checkStarts[0] as number);
    expect(log.compares[0]?.checking).toBe(false);
  });

  it("asked for while the check runs, the comparison starts at once", async () => {
    const path = await writeLargeProposal(30_000);
    await watchCheckAndCompare(page);
    await page.getByTestId("import-input").setInputFiles(path);
    await waitForReport(page);
    await page.getByTestId("import-load").click();
    await dialog(page).waitFor({ state: "detached" });
    await page.getByTestId("tab-compare").click();
    // offered only while the check runs: clicked the moment it shows, or not at all if the check
    // ended first
    const clicked = await page.evaluate(
      () =>
        new Promise<boolean>((resolve) => {
          const app = document.querySelector('[data-testid="app"]') as Element;
          // the check may have started (or even ended) before this runs
          let started = (window.__checkCompareLog?.checkStarts.length ?? 0) > 0;
          const look = () => {
            const button = document.querySelector<HTMLElement>('[data-testid="compare-now"]');
            if (button) {
              button.click();
              resolve(true);
              return true;
            }
            if (app.getAttribute("data-checking") === "true") started = true;
            else if (started) {
              resolve(false);
              return true;
            }
            return false;
          };
          if (look()) return;
          const watch = new MutationObserver(() => {
            if (look()) watch.disconnect();
          });
          watch.observe(document.body, { attributes: true, childList: true, subtree: true });
        }),
    );
    expect(clicked).toBe(true);
    await page.getByTestId("compare-after-check").waitFor({ state: "detached" });
    await expect
      .poll(async () => (await checkCompareLog(page)).checkEnds.length, { timeout: 60_000 })
      .toBe(1);
    const log = await checkCompareLog(page);
    expect(log.compares).toHaveLength(1);
    expect(log.compares[0]?.checking).toBe(true);
    await page.getByTestId("compare-panel").waitFor({ timeout: 60_000 });
  }, 120_000);

  it("removing the proposal brings the city plan back, checked again, and closes the comparison", async () => {
    await page.getByTestId("tab-layers").click();
    await page.getByTestId("proposal-remove").click();
    await page.getByTestId("layer-row-proposal:city-plan-zones").waitFor({ state: "detached" });
    expect(await page.getByTestId("tab-compare").count()).toBe(0);
    // nothing of it left on the map
    await expect
      .poll(() =>
        page.evaluate((id) => window.__planLayersMap?.getSource(id) !== undefined, PROPOSAL_SOURCE),
      )
      .toBe(false);
    await page.getByTestId("tab-check").click();
    expect(await page.getByTestId("check-proposal").count()).toBe(0);
    // the check runs again by itself on the city plan: the findings are the shipped plan's again
    await expect
      .poll(
        async () => {
          const { elapsedMs: _, ...counts } = await summaryCounts(page);
          return counts;
        },
        { timeout: 60_000 },
      )
      .toEqual(baseline);
  });
});
