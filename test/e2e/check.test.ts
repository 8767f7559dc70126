import { readFile } from "node:fs/promises";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { readFlatGeobuf } from "../../src/io/fgb-reader";
import {
  collectRows,
  openGroup,
  runAndWait,
  scrollToRow,
  sourceFeatures,
  summaryCounts,
} from "./check-panel-helpers";
import { denseRiceLand } from "./dense-rice-land";
import { onFreshPage, openApp, useGuardedPage } from "./harness";

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

/** Opens every closed group of the results list, so every finding has a row. */
function openAllGroups(page: Page): Promise<void> {
  return page.evaluate(async () => {
    const box = document.querySelector<HTMLElement>('[data-testid="check-results"]');
    if (!box) throw new Error("no results list");
    // Two frames: React has handled the scroll or click and the list has drawn its rows.
    const wait = () =>
      new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => done())));
    box.scrollTop = 0;
    await wait();
    // Opening a group adds rows below its header only, so one pass down the list finds them all.
    for (;;) {
      const closed = box.querySelector<HTMLElement>('button[aria-expanded="false"]');
      if (closed) {
        closed.click();
        await wait();
        continue;
      }
      const before = box.scrollTop;
      box.scrollTop = before + box.clientHeight;
      await wait();
      if (box.scrollTop === before) return;
    }
  });
}

/** Count, errors and warnings of the top-level groups of the results list, summed. */
async function topGroupTotals(page: Page) {
  const groups = await collectRows(page, '[data-level="0"]', [
    "data-count",
    "data-errors",
    "data-warnings",
  ]);
  const sum = (key: string) => groups.reduce((n, g) => n + Number(g[key]), 0);
  return {
    groups: groups.length,
    findings: sum("data-count"),
    errors: sum("data-errors"),
    warnings: sum("data-warnings"),
  };
}

function camera(page: Page) {
  return page.evaluate(() => {
    const map = window.__planLayersMap;
    if (!map) throw new Error("map not exposed");
    return { ...map.getCenter(), zoom: map.getZoom() };
  });
}

describe("the Kiểm tra (check) panel, in Chromium against the built app", () => {
  let page: Page;

  useGuardedPage(async (guarded) => {
    page = guarded;
    await openApp(page);
    await page.getByTestId("tab-check").click();
    await page.waitForSelector('[data-testid="check-run"]:not([disabled])', { timeout: 30_000 });
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
    // The group headers add up to the summary; with every group open, the list has a row per finding.
    expect(await topGroupTotals(page)).toMatchObject({
      findings: counts.findings,
      errors: counts.errors,
      warnings: counts.warnings,
    });
    await openAllGroups(page);
    const listed = await collectRows(page, ".finding", [
      "data-testid",
      "data-rule",
      "data-severity",
      "data-subject-layer",
      "data-subject-id",
      "data-constraint-id",
    ]);
    expect(new Set(listed.map((r) => r["data-testid"])).size).toBe(counts.findings);
    expect(listed.filter((r) => r["data-severity"] === "error")).toHaveLength(counts.errors);
    const ids = await zoneIds();
    for (const planted of PLANTED) {
      const zone = ids.get(planted.zone);
      expect(zone, planted.zone).toBeDefined();
      const matches = listed.filter(
        (r) =>
          r["data-rule"] === planted.rule &&
          r["data-subject-layer"] === "city-plan-zones" &&
          r["data-subject-id"] === zone &&
          (!planted.constraint || r["data-constraint-id"] === planted.constraint),
      );
      expect(matches, `${planted.zone} / ${planted.rule}`).toHaveLength(1);
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
      const totals = await topGroupTotals(page);
      expect(totals.groups, by).toBeGreaterThan(1);
      expect(totals.findings, by).toBe(total);
      expect(
        await page.locator(`[data-level="0"]:not([data-testid^="check-group-${by}-"])`).count(),
      ).toBe(0);
    }
  });

  it("zooms to a clicked finding and outlines both features and the conflict", async () => {
    const zone = (await zoneIds()).get("Khu công nghiệp Phụng Hiệp");
    await openGroup(page, "check-group-rule-urban-on-protected-rice-land");
    const before = await camera(page);
    const selector = `[data-rule="urban-on-protected-rice-land"][data-subject-id="${zone}"]`;
    expect(await scrollToRow(page, selector)).toBe(true);
    const row = page.locator(selector);
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
    const listed = await collectRows(page, ".finding", ["data-testid"]);
    await page.getByTestId("lang-switch").click();
    await page.waitForFunction(() => document.documentElement.lang === "en");
    expect((await summaryCounts(page)).findings).toBe(before.findings);
    expect((await topGroupTotals(page)).findings).toBe(before.findings);
    expect(await collectRows(page, ".finding", ["data-testid"])).toEqual(listed);
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
    // One rule, so one group, open.
    const listed = await collectRows(page, ".finding", ["data-rule"]);
    expect(listed).toHaveLength(counts.findings);
    expect(listed.filter((r) => r["data-rule"] !== "housing-in-flood-corridor")).toEqual([]);
    expect(await sourceFeatures(page, "check:highlight")).toEqual([]);
  });
});

describe("a rules file with bad rules, in Chromium", () => {
  it("lists the bad rules in a notice and keeps the others usable", async () => {
    await onFreshPage(async (page) => {
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
      // in the UI language, Vietnamese by default, and in English after the switch
      expect(await page.locator("html").getAttribute("lang")).toBe("vi");
      const text = await notice.textContent();
      expect(text).toContain("layers/rules.json");
      expect(text).toContain("quy tắc #0");
      expect(text).toContain("severity: Tùy chọn không hợp lệ");
      expect(text).toContain('không có lớp "no-such-layer"');
      expect(text).not.toContain("unknown layer");
      await page.getByTestId("lang-switch").click();
      await page.waitForFunction(() => document.documentElement.lang === "en");
      const english = await notice.textContent();
      expect(english).toContain("rule #0");
      expect(english).toContain("severity: Invalid option");
      expect(english).toContain('unknown layer "no-such-layer"');
      expect(english).not.toContain("không có lớp");
      expect(await page.locator('[data-testid^="check-rule-"]').count()).toBe(valid);
      await page.waitForSelector('[data-testid="check-run"]:not([disabled])', { timeout: 30_000 });
    });
  });
});

describe("a results list with thousands of findings, in Chromium", () => {
  let page: Page;
  let total = 0;

  /** Ids of the finding rows in the DOM, and how far the list is scrolled. */
  const drawn = () =>
    page.evaluate(() => {
      const box = document.querySelector<HTMLElement>('[data-testid="check-results"]');
      if (!box) throw new Error("no results list");
      return {
        ids: [...box.querySelectorAll(".finding")].map((el) => el.getAttribute("data-testid")),
        nodes: box.querySelectorAll("*").length,
        scrollTop: box.scrollTop,
        scrollHeight: box.scrollHeight,
      };
    });

  /** Runs `action` in the page and returns the ms until the frame after it has been drawn. */
  const timed = (
    action: "group-by-district" | "group-by-rule" | "open-first-group" | "close-first-group",
  ) =>
    page.evaluate(async (what) => {
      const start = performance.now();
      if (what === "open-first-group" || what === "close-first-group") {
        const state = what === "open-first-group" ? "false" : "true";
        const header = document.querySelector<HTMLElement>(
          `[data-level="0"][aria-expanded="${state}"]`,
        );
        if (!header) throw new Error(`no group with aria-expanded=${state}`);
        header.click();
      } else {
        const select = document.querySelector<HTMLSelectElement>('[data-testid="check-group-by"]');
        if (!select) throw new Error("no group-by select");
        // React tracks the value it set; go through the prototype setter so it sees the change.
        const set = Object.getOwnPropertyDescriptor(HTMLSelectElement.prototype, "value")?.set;
        set?.call(select, what === "group-by-district" ? "district" : "rule");
        select.dispatchEvent(new Event("change", { bubbles: true }));
      }
      await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
      return performance.now() - start;
    }, action);

  useGuardedPage(async (guarded) => {
    page = guarded;
    // Rice land as a dense grid: every urban zone of the shipped plan then overlaps dozens of cells.
    const rice = denseRiceLand(0.008);
    await page.route("**/layers/national/protected-rice-land.geojson", (route) =>
      route.fulfill({ json: rice }),
    );
    await openApp(page);
    await page.getByTestId("tab-check").click();
    await page.waitForSelector('[data-testid="check-run"]:not([disabled])', { timeout: 60_000 });
    await page.getByRole("button", { name: "Bỏ chọn" }).click();
    await page.getByTestId("check-rule-urban-on-protected-rice-land").check();
    await runAndWait(page);
    total = (await summaryCounts(page)).findings;
  });

  it("draws a bounded number of rows, however many findings", async () => {
    expect(total).toBeGreaterThan(2000);
    // One rule: its group is open, with a subgroup per district, and all of them are in the list.
    const list = page.getByTestId("check-results");
    expect(Number(await list.getAttribute("data-rows"))).toBeGreaterThan(total);
    const first = await drawn();
    console.info(
      `many findings: ${total} findings, ${first.ids.length} rows and ${first.nodes} elements drawn`,
    );
    expect(first.ids.length).toBeGreaterThan(0);
    expect(first.ids.length).toBeLessThan(100);
    expect(first.scrollHeight).toBeGreaterThan(total * 40);
  });

  it("regroups and opens a group in time that does not grow with the findings", async () => {
    const times: Record<string, number[]> = {};
    const note = (key: string, ms: number) => {
      times[key] = [...(times[key] ?? []), Math.round(ms)];
    };
    for (let i = 0; i < 3; i++) {
      note("group by district", await timed("group-by-district"));
      note("open a district", await timed("open-first-group"));
      expect((await drawn()).ids.length).toBeLessThan(100);
      note("close it", await timed("close-first-group"));
      note("group by rule", await timed("group-by-rule"));
      expect((await drawn()).ids.length).toBeLessThan(100);
    }
    console.info(`many findings: times in ms ${JSON.stringify(times)}`);
  });

  it("brings later findings into the DOM on scrolling, and a click selects one", async () => {
    await page.getByTestId("check-group-by").selectOption("rule");
    const top = await drawn();
    await page.getByTestId("check-results").evaluate((box) => {
      box.scrollTop = box.scrollHeight * 0.6;
    });
    await expect
      .poll(async () => (await drawn()).ids.some((id) => !top.ids.includes(id)))
      .toBe(true);
    const later = await drawn();
    expect(later.ids.length).toBeLessThan(100);
    expect(later.ids.filter((id) => top.ids.includes(id))).toEqual([]);
    // A row in the middle of what is drawn is on screen: click it.
    const id = later.ids[Math.floor(later.ids.length / 2)];
    if (!id) throw new Error("no row drawn after scrolling");
    const row = page.getByTestId(id);
    await row.click();
    expect(await row.getAttribute("aria-pressed")).toBe("true");
    expect(await row.getAttribute("class")).toContain("finding--selected");
    expect(await page.locator('.finding[aria-pressed="true"]').count()).toBe(1);
    // Clicking a row in view does not move the list.
    expect(Math.abs((await drawn()).scrollTop - later.scrollTop)).toBeLessThan(2);
  });

  it("opens the selected finding's groups and scrolls it into view on regrouping", async () => {
    const selected = await page
      .locator('.finding[aria-pressed="true"]')
      .getAttribute("data-testid");
    if (!selected) throw new Error("no selected finding");
    await page.getByTestId("check-group-by").selectOption("district");
    const row = page.getByTestId(selected);
    await row.waitFor();
    expect(await row.getAttribute("aria-pressed")).toBe("true");
    const inView = await page.evaluate((id) => {
      const box = document.querySelector('[data-testid="check-results"]')?.getBoundingClientRect();
      const el = document.querySelector(`[data-testid="${id}"]`)?.getBoundingClientRect();
      return !!box && !!el && el.top >= box.top - 1 && el.bottom <= box.bottom + 1;
    }, selected);
    expect(inView).toBe(true);
    // Only the groups holding it opened; the other districts stay closed.
    const headers = await collectRows(page, '[data-level="0"]', ["aria-expanded"]);
    expect(headers.length).toBeGreaterThan(1);
    expect(headers.filter((h) => h["aria-expanded"] === "true")).toHaveLength(1);
  });

  it("works from the keyboard: Enter and Space open and close a group and select a finding", async () => {
    await page.getByTestId("check-results").evaluate((box) => {
      box.scrollTop = 0;
    });
    // the list redraws its rows after the scroll event: pick a header only once the top row is in
    await page.getByTestId("check-results").locator('[data-index="0"]').waitFor();
    const header = page.locator('[data-level="0"][aria-expanded="false"]').first();
    const testId = await header.getAttribute("data-testid");
    if (!testId) throw new Error("no closed group");
    const button = page.locator(`[data-testid="${testId}"][data-level="0"]`);
    await button.focus();
    await page.keyboard.press("Enter");
    expect(await button.getAttribute("aria-expanded")).toBe("true");
    // Focus stays on the header while its rows come and go.
    expect(await button.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press("Space");
    expect(await button.getAttribute("aria-expanded")).toBe("false");
    await page.keyboard.press("Enter");
    // Tab goes from the header through the subgroup's header to its first finding.
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    const focused = page.locator(".finding:focus");
    expect(await focused.count()).toBe(1);
    const finding = await focused.getAttribute("data-testid");
    await page.keyboard.press("Enter");
    // selected: its card opens the flag controls below it
    expect(await page.locator(`[data-testid="${finding}"]`).getAttribute("aria-pressed")).toBe(
      "true",
    );
  });

  // Issue 7: a large run's findings reach the map packed by the check workers, as vector tiles of
  // the tile worker (a GeoJSON setData of thousands of features held the page's thread): still
  // drawn, and still linked to the list.
  it("draws the many findings as tiles of their packed parts; a conflict clicked selects its finding", async () => {
    const spot = await page.evaluate(async () => {
      const map = window.__planLayersMap;
      if (!map) throw new Error("no map");
      await new Promise<void>((done) => {
        map.once("idle", () => done());
        map.triggerRepaint();
      });
      const canvas = map.getCanvas().getBoundingClientRect();
      const layers = ["check:findings-tint"];
      const idle = () =>
        new Promise<void>((done) => {
          map.once("idle", () => done());
          map.triggerRepaint();
        });
      // close in on the middle of the drawn conflicts, where each is large enough to click alone
      const [first] = map.queryRenderedFeatures({ layers });
      if (!first) throw new Error("no conflict drawn");
      const some = first.geometry;
      const at = some.type === "Polygon" ? some.coordinates[0]?.[0] : undefined;
      if (at) map.jumpTo({ center: [at[0] as number, at[1] as number], zoom: 16 });
      await idle();
      // a drawn conflict's middle (its outer ring's vertices averaged), alone under the cursor
      for (const feature of map.queryRenderedFeatures({ layers }).slice(0, 200)) {
        const geometry = feature.geometry;
        const ring =
          geometry.type === "Polygon"
            ? geometry.coordinates[0]
            : geometry.type === "MultiPolygon"
              ? geometry.coordinates[0]?.[0]
              : undefined;
        if (!ring || ring.length < 4) continue;
        const corners = ring.slice(1);
        const lon = corners.reduce((sum, p) => sum + (p[0] as number), 0) / corners.length;
        const lat = corners.reduce((sum, p) => sum + (p[1] as number), 0) / corners.length;
        const { x, y } = map.project([lon, lat]);
        if (x < 10 || y < 10 || x > canvas.width - 10 || y > canvas.height - 10) continue;
        const box: [[number, number], [number, number]] = [
          [x - 6, y - 6],
          [x + 6, y + 6],
        ];
        const ids = new Set(
          map.queryRenderedFeatures(box, { layers }).map((f) => String(f.properties?.id)),
        );
        if (ids.size !== 1) continue;
        if (document.elementFromPoint(canvas.left + x, canvas.top + y) !== map.getCanvas())
          continue;
        return {
          type: map.getSource("check:findings")?.type,
          id: [...ids][0] as string,
          x: canvas.left + x,
          y: canvas.top + y,
        };
      }
      throw new Error("no drawn conflict with no other under it");
    });
    expect(spot.type).toBe("vector");
    await page.mouse.click(spot.x, spot.y);
    const row = page.getByTestId(`finding-${spot.id}`);
    await expect.poll(() => row.getAttribute("aria-pressed"), { timeout: 10_000 }).toBe("true");
  });
});
