import { readFileSync } from "node:fs";
import type { Page, Route } from "playwright-core";
import { describe, expect, it } from "vitest";
import en from "../../src/i18n/en.json";
import vi from "../../src/i18n/vi.json";
import {
  collectRows,
  openGroup,
  runAndWait,
  scrollToRow,
  sourceFeatures,
  summaryCounts,
} from "./check-panel-helpers";
import { onFreshPage, openApp, useGuardedPage } from "./harness";

/*
 * A layer file that cannot be read must never leave the check panel saying "no conflicts": the
 * rules that read it did not run, and the panel says which, why, and what the other rules found.
 */

type CatalogLayer = { id: string; source: string; title: { vi: string; en: string } };
type RuleFile = {
  rules: { id: string; subject: { layer: string }; constraint?: { layer: string } }[];
};

const catalog = JSON.parse(readFileSync("layers/catalog.json", "utf8")) as {
  layers: CatalogLayer[];
};
const rulesFile = JSON.parse(readFileSync("layers/rules.json", "utf8")) as RuleFile;
const layer = (id: string): CatalogLayer => {
  const entry = catalog.layers.find((l) => l.id === id);
  if (!entry) throw new Error(`the shipped catalogue has no layer ${id}`);
  return entry;
};
/** Ids of the shipped rules that read any of `layers`, in the rules file's order. */
const rulesReading = (...layers: string[]) =>
  rulesFile.rules
    .filter((r) => layers.includes(r.subject.layer) || layers.includes(r.constraint?.layer ?? ""))
    .map((r) => r.id);

/** The "no conflicts" sentence in both languages: it must not appear for an incomplete check. */
const NO_CONFLICTS = [vi.check.summary.none, en.check.summary.none];
/** Parts of the readers' own messages (the reason shows them whole, in the UI's language). */
const NOT_JSON = { vi: "không phải JSON hợp lệ ở dòng", en: "is not valid JSON at line" };
const CUT_SHORT = { vi: "tệp bị cắt cụt", en: "the file is cut short" };

/** Serves the first `keep(length)` bytes of the real file: a file cut short on its way. */
function truncated(keep: (length: number) => number) {
  return async (route: Route) => {
    const bytes = await (await route.fetch()).body();
    await route.fulfill({
      status: 200,
      contentType: "application/octet-stream",
      body: bytes.subarray(0, keep(bytes.length)),
    });
  };
}

const corruptJson = (route: Route) =>
  route.fulfill({ status: 200, contentType: "application/json", body: '{"type": "FeatureCo' });

/** The whole page's text: wherever a "no conflicts" sentence might show up. */
const pageText = (page: Page) => page.evaluate(() => document.body.textContent ?? "");
/** The check panel's text. */
const checkPanelText = async (page: Page) =>
  (await page.locator("section.check").textContent()) ?? "";
/** How often `part` occurs in `whole`. */
const count = (whole: string, part: string) => whole.split(part).length - 1;

/** Saves a screenshot when PLAN_LAYERS_SCREENSHOTS names a folder (to look at, not to commit). */
async function screenshot(page: Page, name: string, testId = "check-incomplete"): Promise<void> {
  const folder = process.env.PLAN_LAYERS_SCREENSHOTS;
  if (!folder) return;
  await page.getByTestId(testId).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${folder}/${name}.png` });
}

async function openCheckTab(page: Page): Promise<void> {
  await page.getByTestId("tab-check").click();
  // ready: the rule list is drawn and the layers the rules read have settled
  await page.waitForSelector('[data-testid="check-run"]', { timeout: 30_000 });
  await page.waitForFunction(
    () => !document.querySelector('[data-testid="check-status"]')?.textContent?.includes("…"),
    null,
    { timeout: 60_000 },
  );
}

/** Rule ids and texts of the "did not run" list. */
function notRunList(page: Page) {
  return page.locator('[data-testid^="check-not-run-"]').evaluateAll((items) =>
    items.map((li) => ({
      rule: li.getAttribute("data-rule"),
      layers: li.getAttribute("data-layers"),
      text: li.textContent ?? "",
    })),
  );
}

describe("a truncated FlatGeobuf and a corrupt JSON layer, in Chromium", () => {
  const fgb = layer("flood-corridor");
  const json = layer("national-forest");
  const notRun = rulesReading(fgb.id, json.id);
  let page: Page;

  useGuardedPage(async (guarded) => {
    page = guarded;
    // Half the file: its header reads, its features do not.
    await page.route(
      `**/${fgb.source.replace(/^(\.\.\/)+/, "")}`,
      truncated((n) => n >> 1),
    );
    await page.route(`**/layers/${json.source}`, corruptJson);
    await openApp(page);
    await openCheckTab(page);
  });

  it("names both layers, their files and why, before any run, and tags the rules that cannot run", async () => {
    expect(notRun.length).toBeGreaterThanOrEqual(3);
    const notice = page.getByTestId("check-layers-failed");
    const items = await notice
      .locator("li")
      .evaluateAll((lis) =>
        lis.map((li) => ({ layer: li.getAttribute("data-layer"), text: li.textContent ?? "" })),
      );
    expect(items.map((i) => i.layer).sort()).toEqual([fgb.id, json.id].sort());
    const text = (id: string) => items.find((i) => i.layer === id)?.text ?? "";
    expect(text(fgb.id)).toContain(fgb.title.vi);
    expect(text(fgb.id)).toContain(fgb.source);
    expect(text(fgb.id)).toContain(CUT_SHORT.vi);
    expect(text(json.id)).toContain(json.title.vi);
    expect(text(json.id)).toContain(json.source);
    expect(text(json.id)).toContain(NOT_JSON.vi);
    const tagged = await page
      .locator('[data-testid^="check-rule-cannot-run-"]')
      .evaluateAll((els) => els.map((el) => el.getAttribute("data-testid")));
    expect(tagged).toEqual(notRun.map((id) => `check-rule-cannot-run-${id}`));
    // Every rule is ticked: the run goes ahead and says it will leave these out.
    expect(await page.getByTestId("check-run").isEnabled()).toBe(true);
    expect(await page.getByTestId("check-status").textContent()).toBe(
      vi.check.someCannotRun
        .replace("{{n}}", String(notRun.length))
        .replace("{{total}}", String(rulesFile.rules.length)),
    );
  });

  it("runs the other rules: lists exactly the rules that did not run, with the layer each lacks", async () => {
    await runAndWait(page);
    const notice = page.getByTestId("check-incomplete");
    expect(await notice.locator(".notice__title").textContent()).toBe(
      vi.check.incomplete.title
        .replace("{{n}}", String(notRun.length))
        .replace("{{total}}", String(rulesFile.rules.length)),
    );
    const listed = await notRunList(page);
    expect(listed.map((l) => l.rule)).toEqual(notRun);
    for (const item of listed) {
      const failed = rulesReading(fgb.id).includes(item.rule ?? "") ? fgb : json;
      expect(item.layers).toBe(failed.id);
      expect(item.text).toContain(failed.title.vi);
    }
    // Each failure is told once on the panel: its file and reason in the failed-layers notice, and
    // the note that the run would leave these rules out gives way to the run's own notice.
    const panel = await checkPanelText(page);
    for (const said of [fgb.source, json.source, CUT_SHORT.vi, NOT_JSON.vi, vi.check.fixFiles])
      expect(count(panel, said.replace("{{catalog}}", "layers/catalog.json")), said).toBe(1);
    expect(await page.getByTestId("check-status").textContent()).toBe("");
    // The findings of the rules that ran show as usual; none comes from a rule that did not run.
    const counts = await summaryCounts(page);
    expect(counts.findings).toBeGreaterThan(0);
    const summary = page.getByTestId("check-summary");
    expect(await summary.getAttribute("data-complete")).toBe("false");
    expect(Number(await summary.getAttribute("data-rules-run"))).toBe(
      rulesFile.rules.length - notRun.length,
    );
    const groups = await collectRows(page, '[data-level="0"]', ["data-testid", "data-count"]);
    const groupRules = groups.map((g) => g["data-testid"]?.replace("check-group-rule-", ""));
    expect(groupRules).toContain("urban-on-protected-rice-land");
    expect(groupRules.filter((r) => notRun.includes(r ?? ""))).toEqual([]);
    expect(groups.reduce((n, g) => n + Number(g["data-count"]), 0)).toBe(counts.findings);
    const text = await pageText(page);
    for (const sentence of NO_CONFLICTS) expect(text).not.toContain(sentence);
    await screenshot(page, "check-incomplete-vi");
  });

  it("keeps a selected finding selected through a rerun that still finds it", async () => {
    await openGroup(page, "check-group-rule-urban-on-protected-rice-land");
    const selector = '.finding[data-rule="urban-on-protected-rice-land"]';
    expect(await scrollToRow(page, selector)).toBe(true);
    const row = page.locator(selector).first();
    const id = await row.getAttribute("data-testid");
    await row.click();
    expect(await row.getAttribute("aria-pressed")).toBe("true");
    await runAndWait(page);
    const selected = page.locator('.finding[aria-pressed="true"]');
    await selected.waitFor();
    expect(await selected.getAttribute("data-testid")).toBe(id);
    const roles = (await sourceFeatures(page, "check:highlight")).map((p) => p.role).sort();
    expect(roles).toEqual(["conflict", "constraint", "subject"]);
  });

  it("switches the messages with the language", async () => {
    await page.getByTestId("lang-switch").click();
    await page.waitForFunction(() => document.documentElement.lang === "en");
    expect(await page.getByTestId("check-incomplete").locator(".notice__title").textContent()).toBe(
      en.check.incomplete.title
        .replace("{{n}}", String(notRun.length))
        .replace("{{total}}", String(rulesFile.rules.length)),
    );
    for (const item of await notRunList(page)) {
      const failed = item.layers === fgb.id ? fgb : json;
      expect(item.text).toContain(failed.title.en);
    }
    const notice = await page.getByTestId("check-layers-failed").textContent();
    expect(notice).toContain(fgb.title.en);
    expect(notice).toContain(NOT_JSON.en);
    const panel = await checkPanelText(page);
    for (const said of [fgb.source, json.source, CUT_SHORT.en, NOT_JSON.en])
      expect(count(panel, said), said).toBe(1);
    const text = await pageText(page);
    for (const sentence of NO_CONFLICTS) expect(text).not.toContain(sentence);
    await screenshot(page, "check-incomplete-en");
    await page.getByTestId("lang-switch").click();
    await page.waitForFunction(() => document.documentElement.lang === "vi");
  });

  it("turns the run button off, saying why, when no ticked rule can run", async () => {
    await page.getByRole("button", { name: vi.check.selectNone }).click();
    await page.getByTestId("check-rule-housing-in-flood-corridor").check();
    expect(await page.getByTestId("check-run").isDisabled()).toBe(true);
    expect(await page.getByTestId("check-status").textContent()).toBe(vi.check.noneCanRun);
    await page.getByTestId("check-rule-urban-on-protected-rice-land").check();
    expect(await page.getByTestId("check-run").isEnabled()).toBe(true);
  });
});

describe("every layer the rules need fails, in Chromium", () => {
  it("never says “no conflicts”: the run button is off and says that no rule can run", async () => {
    await onFreshPage(async (page) => {
      const zones = layer("city-plan-zones");
      expect(rulesReading(zones.id)).toEqual(rulesFile.rules.map((r) => r.id));
      // Seven bytes: not even the FlatGeobuf magic bytes.
      await page.route(
        `**/${zones.source.replace(/^(\.\.\/)+/, "")}`,
        truncated(() => 7),
      );
      await openApp(page);
      await openCheckTab(page);
      const notice = await page.getByTestId("check-layers-failed").textContent();
      expect(notice).toContain(zones.title.vi);
      expect(notice).toContain(zones.source);
      expect(await page.locator('[data-testid^="check-rule-cannot-run-"]').count()).toBe(
        rulesFile.rules.length,
      );
      expect(await page.getByTestId("check-run").isDisabled()).toBe(true);
      expect(await page.getByTestId("check-status").textContent()).toBe(vi.check.noneCanRun);
      expect(await page.getByTestId("check-summary").count()).toBe(0);
      const text = await pageText(page);
      for (const sentence of NO_CONFLICTS) expect(text).not.toContain(sentence);
      await screenshot(page, "check-none-can-run-vi", "check-run");
    });
  });
});

describe("a rule the checker leaves out, in Chromium", () => {
  it("waits for its layers saying which, then is listed as not run with the checker's words", async () => {
    await onFreshPage(async (page) => {
      const roads = layer("ring-roads");
      // The line layer arrives only when the test lets it: until then the panel waits, and says for what.
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      await page.route(`**/layers/${roads.source}`, async (route) => {
        await held;
        await route.continue();
      });
      // Valid for the rules file, refused by the checker: "no overlap" with a line layer.
      await page.route("**/layers/rules.json", async (route) => {
        const response = await route.fetch();
        const file = (await response.json()) as RuleFile;
        const [first] = file.rules;
        if (!first?.constraint) throw new Error("the first shipped rule has no constraint");
        first.constraint = { layer: roads.id };
        await route.fulfill({ response, json: { ...file, rules: [first] } });
      });
      await openApp(page, "", { districtsOnly: true });
      await page.getByTestId("tab-check").click();
      const status = page.getByTestId("check-status");
      await expect.poll(() => status.textContent(), { timeout: 30_000 }).toContain(roads.title.vi);
      expect(await status.textContent()).toBe(
        vi.check.waiting_other.replace("{{count}}", "1").replace("{{layers}}", roads.title.vi),
      );
      expect(await page.getByTestId("check-run").isDisabled()).toBe(true);
      release();
      await page.waitForSelector('[data-testid="check-run"]:not([disabled])', { timeout: 30_000 });
      await runAndWait(page);
      const listed = await notRunList(page);
      expect(listed.map((l) => l.rule)).toEqual(["urban-on-protected-rice-land"]);
      expect(listed[0]?.text).toContain('"ring-roads"');
      expect(
        await page.getByTestId("check-incomplete").locator(".notice__title").textContent(),
      ).toBe(vi.check.incomplete.title.replace("{{n}}", "1").replace("{{total}}", "1"));
      expect(await page.getByTestId("check-summary").textContent()).toContain(
        vi.check.summary.nothingChecked,
      );
      // The checker's words are the rule's reason, not repeated among its notes.
      const words = (listed[0]?.text ?? "").split(": ").slice(1).join(": ");
      expect(count(await checkPanelText(page), words)).toBe(1);
      expect(await page.getByTestId("check-problems").count()).toBe(0);
      const text = await pageText(page);
      for (const sentence of NO_CONFLICTS) expect(text).not.toContain(sentence);
    });
  });
});

describe("a catalogue naming files on another host, in Chromium", () => {
  it("fails those layers with a clear message and never calls the host", async () => {
    await onFreshPage(async (page) => {
      const requested: string[] = [];
      page.on("request", (request) => requested.push(request.url()));
      // An absolute URL, a scheme-relative one and one with backslashes (the URL parser reads
      // "\\host\x" as "//host/x"): every spelling leads to example.org.
      const outside: Record<string, string> = {
        "national-defence": "http://example.org/x.geojson",
        "regional-satellite-towns": "//example.org/y.geojson",
        "second-airport-options": "\\\\example.org\\z.geojson",
      };
      // Not a URL at all: it used to throw inside the loading effect, and the whole app went blank.
      const badPath = { id: "power-substations", source: "http://[x.geojson" };
      await page.route("**/layers/catalog.json", async (route) => {
        const response = await route.fetch();
        const file = (await response.json()) as { layers: CatalogLayer[] };
        for (const entry of file.layers) entry.source = outside[entry.id] ?? entry.source;
        const bad = file.layers.find((l) => l.id === badPath.id);
        if (!bad) throw new Error(`the shipped catalogue has no layer ${badPath.id}`);
        bad.source = badPath.source;
        await route.fulfill({ response, json: file });
      });
      await openApp(page);
      const catalogNotice = page.getByTestId("catalog-notice");
      for (const [id, source] of Object.entries(outside)) {
        // The layer fails to load, naming its source; a catalogue schema that refuses the source
        // outright (and says so in the catalogue notice) is as good.
        const error = page.getByTestId(`layer-error-${id}`);
        await Promise.race([error.waitFor(), catalogNotice.waitFor()]);
        if ((await error.count()) === 0) {
          expect(await catalogNotice.textContent()).toContain(id);
          continue;
        }
        const message = await error.textContent();
        expect(message).toContain(source);
        expect(message).toContain(
          vi.load.reason["outside-host"].replace("{{detail}}", "http://example.org"),
        );
      }
      const badError = page.getByTestId(`layer-error-${badPath.id}`);
      await Promise.race([badError.waitFor(), catalogNotice.waitFor()]);
      if ((await badError.count()) > 0) {
        expect(await badError.textContent()).toBe(
          vi.load.error
            .replace("{{file}}", badPath.source)
            .replace("{{reason}}", vi.load.reason["bad-path"]),
        );
      }
      // The layers after them in the catalogue still load and draw, and the check still runs.
      const zones = layer("city-plan-zones");
      await expect
        .poll(async () => (await sourceFeatures(page, `plan:${zones.id}`)).length, {
          timeout: 30_000,
        })
        .toBeGreaterThan(0);
      await page.getByTestId("tab-check").click();
      await page.waitForSelector('[data-testid="check-run"]:not([disabled])', { timeout: 30_000 });
      expect(requested.filter((url) => new URL(url).hostname === "example.org")).toEqual([]);
    });
  });
});
