import { readFile } from "node:fs/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { readFlatGeobuf } from "../../src/io/fgb-reader";
import { type GuardedPage, launchBrowser, openApp, openGuardedPage } from "./harness";

/** Conflicts planted in the city plan on purpose (layers/README.md), by zone name → rule. */
const PLANTED: { zone: string; rule: string; constraint?: string }[] = [
  {
    zone: "Khu công nghiệp Phụng Hiệp",
    rule: "urban-on-protected-rice-land",
    constraint: "LUC-07",
  },
  {
    zone: "Khu công nghiệp Phú Nghĩa mở rộng",
    rule: "urban-on-protected-rice-land",
    constraint: "LUC-08",
  },
  { zone: "Khu đô thị ven sông Bồ Đề", rule: "housing-in-flood-corridor" },
  { zone: "Khu đô thị An Khánh mở rộng", rule: "housing-in-ring-road-4-corridor" },
  { zone: "Khu dân cư Nhị Khê – Văn Bình", rule: "housing-in-high-speed-rail-corridor" },
  { zone: "Khu đô thị du lịch sinh thái Ba Vì", rule: "urban-on-protected-forest" },
];

/** Zone id by zone name, from the built city plan the app loads. */
async function zoneIds(): Promise<Map<string, string>> {
  const zones = await readFlatGeobuf(new Uint8Array(await readFile("data/city-plan-zones.fgb")));
  return new Map(
    zones.features.map((f) => [String(f.properties?.zone_name), String(f.id)] as const),
  );
}

const rows = (page: Page) => page.locator('[data-testid^="finding-"]');

function summaryCounts(page: Page) {
  return page.getByTestId("check-summary").evaluate((el) => ({
    findings: Number(el.getAttribute("data-findings")),
    errors: Number(el.getAttribute("data-errors")),
    warnings: Number(el.getAttribute("data-warnings")),
    elapsedMs: Number(el.getAttribute("data-elapsed-ms")),
  }));
}

/** Clicks "run" and waits until the run has finished (the cancel button is gone). */
async function runAndWait(page: Page): Promise<void> {
  await page.getByTestId("check-run").click();
  await page.waitForFunction(() => !document.querySelector('[data-testid="check-cancel"]'), null, {
    timeout: 30_000,
  });
}

function camera(page: Page) {
  return page.evaluate(() => {
    const map = window.__planLayersMap;
    if (!map) throw new Error("map not exposed");
    return { ...map.getCenter(), zoom: map.getZoom() };
  });
}

/** Features MapLibre was given for a check source. */
function sourceFeatures(page: Page, id: string) {
  return page.evaluate(async (sourceId) => {
    const source = window.__planLayersMap?.getSource(sourceId) as
      | { getData: () => Promise<GeoJSON.FeatureCollection> }
      | undefined;
    if (!source) throw new Error(`no source ${sourceId}`);
    return (await source.getData()).features.map((f) => f.properties ?? {});
  }, id);
}

describe("the Kiểm tra (check) panel, in Chromium against the built app", () => {
  let browser: Browser;
  let guarded: GuardedPage;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    // One map load for the whole file: SwiftShader draws slowly.
    guarded = await openGuardedPage(browser);
    page = guarded.page;
    await openApp(page);
    await page.getByTestId("tab-check").click();
    await page.waitForSelector('[data-testid="check-run"]:not([disabled])', { timeout: 30_000 });
  });
  afterAll(async () => {
    await guarded?.page.context().close();
    await browser?.close();
  });
  afterEach(() => {
    // No request left this machine and the page raised no uncaught error.
    expect(guarded.violations).toEqual([]);
  });

  it("lists every rule, all ticked", async () => {
    const boxes = page.locator('[data-testid^="check-rule-"]');
    expect(await boxes.count()).toBeGreaterThanOrEqual(6);
    for (const box of await boxes.all()) expect(await box.isChecked()).toBe(true);
  });

  it("cancel during a run returns to idle with “Đã huỷ” and no findings from that run", async () => {
    // Run, then cancel a moment later (React renders after a microtask): far sooner than the
    // workers could finish, so the cancel surely lands while they are checking.
    const during = await page.evaluate(async () => {
      const click = (id: string) =>
        (document.querySelector(`[data-testid="${id}"]`) as HTMLElement | null)?.click();
      click("check-run");
      await new Promise((resolve) => setTimeout(resolve, 0));
      const bar = document.querySelector('[data-testid="check-progress"]');
      const info = {
        role: bar?.getAttribute("role"),
        cancel: !!document.querySelector('[data-testid="check-cancel"]'),
      };
      click("check-cancel");
      return info;
    });
    expect(during).toEqual({ role: "progressbar", cancel: true });
    await expect.poll(() => page.getByTestId("check-status").textContent()).toBe("Đã huỷ");
    expect(await page.getByTestId("check-cancel").count()).toBe(0);
    expect(await page.getByTestId("check-progress").count()).toBe(0);
    expect(await page.getByTestId("check-run").isEnabled()).toBe(true);
    // Late answers of the cancelled run must not bring findings in.
    await page.waitForTimeout(1500);
    expect(await rows(page).count()).toBe(0);
    expect(await page.getByTestId("check-summary").count()).toBe(0);
    expect(await sourceFeatures(page, "check:findings")).toEqual([]);
  });

  it("runs all rules on the workers and finds the planted conflicts", async () => {
    await runAndWait(page);
    const counts = await summaryCounts(page);
    console.info(`check panel: run all rules took ${counts.elapsedMs} ms in the browser`);
    expect(counts.findings).toBeGreaterThan(0);
    expect(counts.errors + counts.warnings).toBe(counts.findings);
    expect(await rows(page).count()).toBe(counts.findings);
    expect(await page.locator('[data-testid^="finding-"][data-severity="error"]').count()).toBe(
      counts.errors,
    );
    const ids = await zoneIds();
    for (const planted of PLANTED) {
      const zone = ids.get(planted.zone);
      expect(zone, planted.zone).toBeDefined();
      const selector =
        `[data-rule="${planted.rule}"][data-subject-layer="city-plan-zones"][data-subject-id="${zone}"]` +
        (planted.constraint ? `[data-constraint-id="${planted.constraint}"]` : "");
      expect(await page.locator(selector).count(), `${planted.zone} / ${planted.rule}`).toBe(1);
    }
    // Every conflicting area reaches the map's hatched layer.
    const drawn = await sourceFeatures(page, "check:findings");
    expect(drawn.length).toBeGreaterThan(counts.findings / 2);
    expect(new Set(drawn.map((p) => p.severity))).toEqual(new Set(["error", "warning"]));
  });

  it("groups by district and by severity with counts that add up", async () => {
    const total = (await summaryCounts(page)).findings;
    for (const by of ["district", "severity", "rule"]) {
      await page.getByTestId("check-group-by").selectOption(by);
      const groups = page.locator(`[data-testid^="check-group-${by}-"]`);
      expect(await groups.count()).toBeGreaterThan(1);
      expect(await rows(page).count()).toBe(total);
    }
  });

  it("zooms to a clicked finding and outlines both features and the conflict", async () => {
    const zone = (await zoneIds()).get("Khu công nghiệp Phụng Hiệp");
    await page
      .locator('[data-testid="check-group-rule-urban-on-protected-rice-land"] > summary')
      .click();
    const before = await camera(page);
    const row = page.locator(
      `[data-rule="urban-on-protected-rice-land"][data-subject-id="${zone}"]`,
    );
    await row.click();
    expect(await row.getAttribute("aria-pressed")).toBe("true");
    await expect
      .poll(async () => (await camera(page)).zoom, { timeout: 10_000 })
      .toBeGreaterThan(before.zoom + 1);
    const after = await camera(page);
    expect(Math.abs(after.lng - before.lng) + Math.abs(after.lat - before.lat)).toBeGreaterThan(
      0.01,
    );
    const roles = (await sourceFeatures(page, "check:highlight")).map((p) => p.role).sort();
    expect(roles).toEqual(["conflict", "constraint", "subject"]);
  });

  it("keeps the findings through a language switch", async () => {
    const before = await summaryCounts(page);
    await page.getByTestId("lang-switch").click();
    await page.waitForFunction(() => document.documentElement.lang === "en");
    expect((await summaryCounts(page)).findings).toBe(before.findings);
    expect(await rows(page).count()).toBe(before.findings);
    expect(await page.getByTestId("check-summary").textContent()).toContain("Errors");
    await page.getByTestId("lang-switch").click();
    await page.waitForFunction(() => document.documentElement.lang === "vi");
  });

  it("a rerun with fewer rules replaces the findings", async () => {
    await page.getByRole("button", { name: "Bỏ chọn" }).click();
    await page.getByTestId("check-rule-housing-in-flood-corridor").check();
    await runAndWait(page);
    const counts = await summaryCounts(page);
    expect(counts.findings).toBeGreaterThan(0);
    expect(await rows(page).count()).toBe(counts.findings);
    expect(
      await page
        .locator('[data-testid^="finding-"]:not([data-rule="housing-in-flood-corridor"])')
        .count(),
    ).toBe(0);
    expect(await sourceFeatures(page, "check:highlight")).toEqual([]);
  });
});

describe("a rules file with bad rules, in Chromium", () => {
  it("lists the bad rules in a notice and keeps the others usable", async () => {
    const browser = await launchBrowser();
    try {
      const { page, violations } = await openGuardedPage(browser);
      let valid = 0;
      await page.route("**/layers/rules.json", async (route) => {
        const response = await route.fetch();
        const file = (await response.json()) as { rules: Record<string, unknown>[] };
        const [first, second] = file.rules;
        if (!first || !second) throw new Error("the shipped rules file has fewer than two rules");
        first.severity = "fatal";
        second.subject = { layer: "no-such-layer" };
        valid = file.rules.length - 2;
        await route.fulfill({ response, json: file });
      });
      await openApp(page);
      await page.getByTestId("tab-check").click();
      const notice = page.getByTestId("check-rules-notice");
      await notice.waitFor();
      const text = await notice.textContent();
      expect(text).toContain("layers/rules.json");
      expect(text).toContain("rule #0");
      expect(text).toContain("severity");
      expect(text).toContain('unknown layer "no-such-layer"');
      expect(await page.locator('[data-testid^="check-rule-"]').count()).toBe(valid);
      await page.waitForSelector('[data-testid="check-run"]:not([disabled])', { timeout: 30_000 });
      expect(violations).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
