import { readFile } from "node:fs/promises";
import type { Browser, Download, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type FlagFeatureProperties,
  foldFlags,
  formatReviewFile,
  parseReviewFile,
  reviewEvent,
} from "../../src/core/review/index";
import { FLAG_LAYERS, FLAG_SOURCE } from "../../src/map/flag-layers";
import { appUrl, type GuardedPage, launchBrowser, openGuardedPage } from "./harness";

/*
 * What reviewers do with flags of their own and with review files: draw a polygon and a point on the
 * map with a comment, move, delete and restore; export the review, open it in a browser that holds
 * nothing (a new context: its own IndexedDB) and import it; merge two reviewers' files that disagree
 * and settle it; refuse a corrupted file; download the findings with their flags for Excel.
 */

const AREA_COMMENT = "Bãi đổ thải trái phép ven đê sông Hồng, chưa có trong quy hoạch";
const POINT_COMMENT = "Điểm xả nước thải chưa được cấp phép — cần kiểm tra thực địa";

/** The review file's flags as the comparison of two exports sees them (not when they were exported). */
function flagsOf(text: string) {
  const file = JSON.parse(text) as { features: { properties: FlagFeatureProperties }[] };
  return file.features
    .map((f) => ({
      flagId: f.properties.flagId,
      kind: f.properties.kind,
      status: f.properties.status,
      deleted: f.properties.deleted,
      comment: f.properties.comment,
      events: f.properties.history.map((e) => e.eventId),
    }))
    .sort((a, b) => (a.flagId < b.flagId ? -1 : 1));
}

async function downloaded(
  page: Page,
  testId: string,
): Promise<{ download: Download; bytes: Buffer }> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId(testId).click(),
  ]);
  const path = await download.path();
  return { download, bytes: await readFile(path) };
}

async function openReview(guarded: GuardedPage, reviewer: string | null): Promise<Page> {
  const { page } = guarded;
  // openApp's wait, longer: this file opens the app in two contexts on a busy machine.
  await page.goto(appUrl());
  await page.waitForSelector('[data-testid="app"][data-map-ready="true"]', { timeout: 150_000 });
  await page.getByTestId("tab-check").click();
  await page.getByTestId("review-panel").waitFor();
  if (reviewer) await signAs(page, reviewer);
  return page;
}

/** Gives the reviewer's name in the one name field (asked once, then shown with "change"). */
async function signAs(page: Page, reviewer: string): Promise<void> {
  await page.getByTestId("flag-reviewer-input").first().fill(reviewer);
  await page.getByTestId("flag-reviewer-save").first().click();
  await page.getByTestId("flag-reviewer").first().waitFor();
}

/** The middle of the map canvas, in page pixels. */
async function mapCentre(page: Page): Promise<{ x: number; y: number }> {
  const box = await page.locator(".maplibregl-canvas").boundingBox();
  if (!box) throw new Error("no map canvas");
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Flag ids of the drawn flags rendered by a flag layer once the map is idle. */
function renderedFlagIds(page: Page, layers: string[]): Promise<string[]> {
  return page.evaluate(
    (layers) =>
      new Promise<string[]>((done) => {
        const map = window.__planLayersMap;
        if (!map) throw new Error("no map");
        const read = () =>
          done(
            map
              .queryRenderedFeatures({ layers })
              .map((f) => String(f.properties?.flagId))
              .filter((id, i, all) => all.indexOf(id) === i),
          );
        if (map.loaded()) read();
        else map.once("idle", read);
      }),
    layers,
  );
}

const rows = (page: Page) =>
  page.locator('[data-testid="drawn-flags"] > ul > [data-testid="drawn-flag"]');

async function importFile(page: Page, name: string, text: string): Promise<void> {
  await page.getByTestId("review-import-file").setInputFiles({
    name,
    mimeType: "application/geo+json",
    buffer: Buffer.from(text, "utf8"),
  });
}

describe("reviewers' own flags and review files", () => {
  let browser: Browser;
  let first: GuardedPage;
  let second: GuardedPage;
  let exported = "";

  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("draws a polygon and a point with comments: listed, drawn, moved, deleted and restored", async () => {
    first = await openGuardedPage(browser);
    const page = await openReview(first, null);
    // No name yet: drawing waits for it, and the field says why.
    await expect(page.getByTestId("draw-polygon").isDisabled()).resolves.toBe(true);
    await signAs(page, "Nguyễn Văn An");
    await expect(page.getByTestId("draw-polygon").isEnabled()).resolves.toBe(true);

    const { x, y } = await mapCentre(page);
    await page.getByTestId("draw-polygon").click();
    await page.getByTestId("draw-hint").waitFor();
    for (const [dx, dy] of <[number, number][]>[
      [-90, -60],
      [90, -60],
      [70, 70],
      [-90, -60], // the first vertex again closes the area
    ]) {
      await page.mouse.click(x + dx, y + dy);
    }
    await page.getByTestId("draw-comment").fill(AREA_COMMENT);
    await page.getByTestId("draw-save").click();
    await expect.poll(() => rows(page).count()).toBe(1);

    await page.getByTestId("draw-point").click();
    await page.mouse.click(x + 200, y + 100);
    await page.getByTestId("draw-comment").fill(POINT_COMMENT);
    await page.getByTestId("draw-save").click();
    await expect.poll(() => rows(page).count()).toBe(2);

    const area = rows(page).and(page.locator('[data-kind="polygon"]'));
    const point = rows(page).and(page.locator('[data-kind="point"]'));
    await expect(area.getByTestId("drawn-flag-comment").textContent()).resolves.toBe(AREA_COMMENT);
    await expect(point.getByTestId("drawn-flag-comment").textContent()).resolves.toBe(
      POINT_COMMENT,
    );
    await expect(area.getAttribute("data-status")).resolves.toBe("open");
    const areaId = String(await area.getAttribute("data-flag-id"));
    const pointId = String(await point.getAttribute("data-flag-id"));
    expect(areaId).toMatch(/^own:[0-9a-f]{32}$/);

    // Drawn on their own layer: the area filled and outlined, the point as a ring.
    await expect.poll(() => renderedFlagIds(page, [FLAG_LAYERS.fill])).toEqual([areaId]);
    await expect.poll(() => renderedFlagIds(page, [FLAG_LAYERS.point])).toEqual([pointId]);
    // A click on the map while nothing is drawn opens no drawing step.
    await expect(page.getByTestId("draw-comment-form").count()).resolves.toBe(0);

    // Move the area: drag it on the map, then save the position (a "geometry" event).
    const before = await flagGeometry(page, areaId);
    await area.getByTestId("flag-move").click();
    await page.getByTestId("move-step").waitFor();
    await page.mouse.move(x, y);
    await page.mouse.down();
    await page.mouse.move(x + 40, y + 30, { steps: 8 });
    await page.mouse.up();
    await page.getByTestId("move-save").click();
    await page.getByTestId("move-step").waitFor({ state: "detached" });
    const after = await flagGeometry(page, areaId);
    expect(after).not.toEqual(before);
    expect(after?.type).toBe("Polygon");

    // Delete the point: gone from the list and the map, kept under "deleted"; restore brings it back.
    await point.getByTestId("flag-delete").click();
    await expect.poll(() => rows(page).count()).toBe(1);
    await expect.poll(() => renderedFlagIds(page, [FLAG_LAYERS.point])).toEqual([]);
    await page.locator('[data-testid="deleted-flags"] summary').click();
    await page.getByTestId("deleted-flags").getByTestId("flag-restore").click();
    await expect.poll(() => rows(page).count()).toBe(2);
    await expect.poll(() => renderedFlagIds(page, [FLAG_LAYERS.point])).toEqual([pointId]);
    expect(first.violations).toEqual([]);
  }, 300_000);

  it("exports the review, and a browser holding nothing imports the same flags", async () => {
    const { download, bytes } = await downloaded(first.page, "review-export");
    expect(download.suggestedFilename()).toMatch(
      /^ket-qua-tham-dinh-\d{4}-\d{2}-\d{2}-\d{4}\.geojson$/,
    );
    exported = bytes.toString("utf8");
    const flags = flagsOf(exported);
    expect(flags.map((f) => [f.kind, f.status, f.deleted, f.comment])).toEqual(
      expect.arrayContaining([
        ["own", "open", false, AREA_COMMENT],
        ["own", "open", false, POINT_COMMENT],
      ]),
    );
    // The point's history: drawn, deleted, restored.
    expect(flags.map((f) => f.events.length).sort()).toEqual([2, 3]);

    // A new context has its own, empty IndexedDB: as after clearing the browser's storage.
    second = await openGuardedPage(browser);
    const page = await openReview(second, "Trần Thị Bình");
    await expect(rows(page).count()).resolves.toBe(0);
    await importFile(page, "review-an.geojson", exported);
    const done = await page.getByTestId("review-import-done").textContent();
    expect(done).toContain("review-an.geojson");
    expect(done).toContain("2 cờ");
    await expect.poll(() => rows(page).count()).toBe(2);
    const again = (await downloaded(page, "review-export")).bytes.toString("utf8");
    expect(flagsOf(again)).toEqual(flags);
    // Importing the same file twice adds nothing.
    await importFile(page, "review-an.geojson", exported);
    await expect
      .poll(() => page.getByTestId("review-import-done").textContent())
      .toContain("0 thay đổi mới");
    expect(second.violations).toEqual([]);
  }, 300_000);

  it("two reviewers' different statuses merged show the disagreement; settling clears it", async () => {
    const read = parseReviewFile(exported);
    if (!read.ok) throw new Error("the export does not read back");
    const flags = foldFlags(read.events);
    const area = [...flags.values()].find((f) => f.comment === AREA_COMMENT);
    if (!area) throw new Error("no area flag");
    // Two reviewers, each from the same export, neither seeing the other's change.
    const asReviewer = (reviewer: string, status: "confirmed" | "needs-revision") => {
      const made = reviewEvent(
        flags,
        { type: "set-status", flagId: area.id, status },
        { reviewer },
      );
      if (!made.ok) throw new Error(made.problem.en);
      return formatReviewFile([...read.events, made.event]);
    };
    const page = second.page;
    await importFile(page, "review-cuong.geojson", asReviewer("Lê Văn Cường", "confirmed"));
    await page.getByTestId("review-import-done").waitFor();
    await expect(page.getByTestId("review-disagreements").count()).resolves.toBe(0);
    await importFile(page, "review-dung.geojson", asReviewer("Phạm Thị Dung", "needs-revision"));
    const disagreement = page.getByTestId("disagreement");
    await expect.poll(() => disagreement.count()).toBe(1);
    await expect(disagreement.getAttribute("data-flag-id")).resolves.toBe(area.id);
    const heads = await disagreement
      .getByTestId("disagreement-head")
      .evaluateAll((els) => els.map((el) => [el.getAttribute("data-status"), el.textContent]));
    expect(heads.map(([status]) => status).sort()).toEqual(["confirmed", "needs-revision"]);
    expect(heads.map(([, text]) => text).join()).toContain("Lê Văn Cường");
    expect(heads.map(([, text]) => text).join()).toContain("Phạm Thị Dung");

    // Settling needs the reason; with it, the lead's status stands and the disagreement is gone.
    await disagreement.getByTestId("settle-status").selectOption("confirmed");
    await disagreement.getByTestId("settle").click();
    await disagreement.getByRole("alert").waitFor();
    await disagreement.getByTestId("settle-comment").fill("Đã kiểm tra thực địa: xác nhận vi phạm");
    await disagreement.getByTestId("settle").click();
    await expect.poll(() => page.getByTestId("review-disagreements").count()).toBe(0);
    await expect(
      rows(page)
        .and(page.locator(`[data-flag-id="${area.id}"]`))
        .getAttribute("data-status"),
    ).resolves.toBe("confirmed");
    expect(second.violations).toEqual([]);
  });

  it("a corrupted review file changes nothing and names the problem", async () => {
    const page = second.page;
    const before = flagsOf((await downloaded(page, "review-export")).bytes.toString("utf8"));
    const file = JSON.parse(exported) as {
      features: { properties: { history: { at: string }[] } }[];
    };
    const feature = file.features[1];
    if (!feature) throw new Error("the export has two flags");
    feature.properties.history[0] = { ...feature.properties.history[0], at: "hôm qua" };
    for (const [name, text] of [
      ["hong.geojson", exported.slice(0, exported.length / 2)],
      ["sua-tay.geojson", JSON.stringify(file)],
    ] as const) {
      await importFile(page, name, text);
      const refused = page.getByTestId("review-import-refused");
      await expect.poll(() => refused.locator(".notice__title").textContent()).toContain(name);
      const lines = await refused.locator("li").allTextContents();
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) expect(line).toContain(name);
      if (name === "sua-tay.geojson") expect(lines.join()).toMatch(/#2|history/);
    }
    const after = flagsOf((await downloaded(page, "review-export")).bytes.toString("utf8"));
    expect(after).toEqual(before);
    expect(second.violations).toEqual([]);
  });

  it("downloads the findings with their flags: CSV with a BOM and Vietnamese intact, and GeoJSON", async () => {
    const page = first.page;
    const csv = await downloaded(page, "export-findings-csv");
    expect(csv.download.suggestedFilename()).toMatch(/^phat-hien-kem-co-.*\.csv$/);
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { fatal: true }).decode(csv.bytes.subarray(3));
    expect(text).toContain("flag_comment");
    expect(text).toContain(AREA_COMMENT);
    expect(text).toContain(POINT_COMMENT);
    expect(text).toContain("\r\n");

    const geojson = await downloaded(page, "export-findings-geojson");
    const collection = JSON.parse(geojson.bytes.toString("utf8")) as GeoJSON.FeatureCollection;
    const comments = collection.features.map(
      (f) => (f.properties?.flag as { comment: string } | null)?.comment,
    );
    expect(comments).toEqual(expect.arrayContaining([AREA_COMMENT, POINT_COMMENT]));
    expect(first.violations).toEqual([]);
  });
});

/** A drawn flag's geometry as the map's flag source holds it. */
async function flagGeometry(page: Page, flagId: string) {
  const geometries = await page.evaluate(async (sourceId) => {
    const source = window.__planLayersMap?.getSource(sourceId) as
      | { getData: () => Promise<GeoJSON.FeatureCollection> }
      | undefined;
    if (!source) throw new Error(`no source ${sourceId}`);
    return (await source.getData()).features.map((f) => ({
      id: f.properties?.flagId as string,
      geometry: f.geometry,
    }));
  }, FLAG_SOURCE);
  return geometries.find((g) => g.id === flagId)?.geometry ?? null;
}
