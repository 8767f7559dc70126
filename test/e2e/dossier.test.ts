import { readFile, writeFile } from "node:fs/promises";
import { getDocument, OPS } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { readFlatGeobuf } from "../../src/io/fgb-reader";
import { openGroup, runAndWait, scrollToRow } from "./check-panel-helpers";
import { openApp, useGuardedPage } from "./harness";

declare global {
  interface Window {
    /** How often the app called window.print (stubbed: headless Chromium has no print dialog). */
    __printCalls?: number;
  }
}

/** Two planted conflicts (layers/README.md) to flag: zone name, rule, status and comment. */
const TO_FLAG = [
  {
    zone: "Khu công nghiệp Phụng Hiệp",
    rule: "urban-on-protected-rice-land",
    status: "confirmed",
    comment: "Lấn đất lúa LUC-07: đề nghị điều chỉnh ranh khu công nghiệp <b>ngay</b>",
  },
  {
    zone: "Khu đô thị ven sông Bồ Đề",
    rule: "housing-in-flood-corridor",
    status: "needs-revision",
    comment: "Nhà ở trong hành lang thoát lũ sông Hồng",
  },
] as const;
const REVIEWER = "Nguyễn Thị Lan";

async function zoneId(name: string): Promise<string> {
  const zones = await readFlatGeobuf(new Uint8Array(await readFile("data/city-plan-zones.fgb")));
  const zone = zones.features.find((f) => f.properties?.zone_name === name);
  if (zone?.id === undefined) throw new Error(`no zone ${name}`);
  return String(zone.id);
}

/**
 * Flags a finding as a reviewer would (create, then a status with a comment) through the app's flag
 * store (the test hook): the finding is read from its row in the results list and its conflicting
 * area from the map's check source.
 */
async function flagFinding(page: Page, flag: (typeof TO_FLAG)[number]): Promise<string> {
  const zone = await zoneId(flag.zone);
  await openGroup(page, `check-group-rule-${flag.rule}`);
  const selector = `[data-rule="${flag.rule}"][data-subject-id="${zone}"]`;
  expect(await scrollToRow(page, selector), flag.zone).toBe(true);
  return page.evaluate(
    async ({ selector, flag, reviewer }) => {
      const row = document.querySelector(selector);
      const store = window.__planLayersFlagStore;
      if (!row || !store) throw new Error("no row or no flag store");
      const attr = (name: string) => row.getAttribute(name) || null;
      const id = (attr("data-testid") ?? "").replace(/^finding-/, "");
      const source = window.__planLayersMap?.getSource("check:findings") as unknown as {
        getData: () => Promise<GeoJSON.FeatureCollection>;
      };
      const drawn = (await source.getData()).features.find((f) => f.properties?.id === id);
      const constraintLayer = attr("data-constraint-layer");
      const finding = {
        id,
        rule: attr("data-rule"),
        subject: { layer: attr("data-subject-layer"), featureId: attr("data-subject-id") },
        constraint: constraintLayer
          ? { layer: constraintLayer, featureId: attr("data-constraint-id") }
          : null,
        geometry: drawn?.geometry ?? null,
        areaSquareMeters: null,
      };
      const author = { reviewer };
      // the finding as the store takes it: only the fields a flag keeps are read
      const intent = { type: "flag-finding", finding } as unknown as Parameters<
        typeof store.apply
      >[0];
      const created = store.apply(intent, author);
      if (!created.ok) throw new Error(created.problem.en);
      const changed = store.apply(
        {
          type: "set-status",
          flagId: `finding:${id}`,
          status: flag.status,
          comment: flag.comment,
        },
        author,
      );
      if (!changed.ok) throw new Error(changed.problem.en);
      return id;
    },
    { selector, flag, reviewer: REVIEWER },
  );
}

type PdfPage = { width: number; height: number; text: string; images: number };

/** Size (pt), text and the number of images painted, of each page of a PDF (pdfjs in Node). */
async function readPdf(bytes: Uint8Array): Promise<PdfPage[]> {
  // pdfjs refuses a Node Buffer: a plain Uint8Array over the same bytes
  const data = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const pdf = await getDocument({ data, useSystemFonts: false }).promise;
  const pages: PdfPage[] = [];
  const imageOps = new Set<number>([
    OPS.paintImageXObject,
    OPS.paintInlineImageXObject,
    OPS.paintImageXObjectRepeat,
  ]);
  for (let n = 1; n <= pdf.numPages; n++) {
    const page = await pdf.getPage(n);
    const [x0, y0, x1, y1] = page.view as [number, number, number, number];
    const content = await page.getTextContent();
    const text = content.items
      .map((item) => ("str" in item ? item.str + (item.hasEOL ? "\n" : "") : ""))
      .join("")
      .normalize("NFC");
    const ops = await page.getOperatorList();
    pages.push({
      width: x1 - x0,
      height: y1 - y0,
      text,
      images: ops.fnArray.filter((fn) => imageOps.has(fn)).length,
    });
  }
  await pdf.destroy();
  return pages;
}

/**
 * Every page is A4: 210 × 297 mm = 595.28 × 841.89 pt, within the 1 pt Chromium's rounding to whole
 * CSS pixels leaves (it writes 595.92 × 841.92); Letter would be 612 × 792.
 */
function expectA4(pages: PdfPage[]): void {
  for (const p of pages) {
    expect(Math.abs(p.width - 595.28), `width ${p.width}`).toBeLessThan(1);
    expect(Math.abs(p.height - 841.89), `height ${p.height}`).toBeLessThan(1);
  }
}

/** The whole text of a PDF, whitespace made single spaces (lines wrap anywhere in a table cell). */
const flat = (pages: PdfPage[]) =>
  pages
    .map((p) => p.text)
    .join("\n")
    .replace(/\s+/g, " ");

describe("the printed dossier (hồ sơ thẩm định), in Chromium against the built app", () => {
  let page: Page;
  const flagged: string[] = [];

  useGuardedPage(async (guarded) => {
    page = guarded;
    await page.addInitScript(() => {
      window.print = () => {
        window.__printCalls = (window.__printCalls ?? 0) + 1;
      };
    });
    await openApp(page);
    await page.getByTestId("tab-check").click();
    await page.waitForSelector('[data-testid="check-run"]:not([disabled])', { timeout: 30_000 });
    await runAndWait(page);
    for (const flag of TO_FLAG) flagged.push(await flagFinding(page, flag));
  });

  it("prepares a map image of each flagged finding, then prints", async () => {
    const start = Date.now();
    await page.getByTestId("dossier-print").click();
    // a hang guard: 22–68 s measured on this shared 2-core machine (SwiftShader draws the maps)
    await page.waitForFunction(() => (window.__printCalls ?? 0) >= 1, null, { timeout: 300_000 });
    console.info(`dossier: 2 map images prepared and printed in ${Date.now() - start} ms`);
    const entries = page.locator('[data-testid="dossier-entry"]');
    expect(await entries.count()).toBe(2);
    expect(
      await entries.evaluateAll((els) => els.map((el) => el.getAttribute("data-image"))),
    ).toEqual(["true", "true"]);
    expect(await page.getByTestId("dossier-failed").count()).toBe(0);
  }, 330_000);

  it("prints on A4: the summary first, then each flagged finding with status, comment, legal basis and its map image (Vietnamese)", async () => {
    const bytes = await page.pdf({ format: "A4", printBackground: true });
    // DOSSIER_PDF=/tmp/dossier.pdf keeps the printed file to look at
    if (process.env.DOSSIER_PDF) await writeFile(process.env.DOSSIER_PDF, bytes);
    const pages = await readPdf(bytes);
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expectA4(pages);
    const first = pages[0]?.text.replace(/\s+/g, " ") ?? "";
    expect(first).toContain("Hồ sơ thẩm định");
    expect(first).toContain("I. Tổng hợp");
    expect(first).toContain("Theo quy tắc");
    expect(first).toContain("Theo quận, huyện, thị xã");
    expect(first).toContain("chưa gắn cờ");
    expect(first).toContain("Diện tích (ha)");
    // the app itself is not printed
    expect(first).not.toContain("Kiểm tra tính thống nhất");
    const text = flat(pages);
    expect(text).toContain("II. Các phát hiện đã gắn cờ");
    expect(text).toContain("Khu công nghiệp Phụng Hiệp");
    expect(text).toContain("Khu đô thị ven sông Bồ Đề");
    expect(text).toContain("đã xác nhận");
    expect(text).toContain("cần điều chỉnh");
    // comments as text, markup and all
    expect(text).toContain(TO_FLAG[0].comment);
    expect(text).toContain(TO_FLAG[1].comment);
    expect(text).toContain(REVIEWER);
    expect(text).toContain("Căn cứ pháp lý");
    expect(text).toContain("Lịch sử");
    for (const id of flagged) expect(text).toContain(id);
    // one image per flagged finding, none elsewhere
    expect(pages.reduce((n, p) => n + p.images, 0)).toBe(2);
  }, 120_000);

  it("prints in English after the language switch", async () => {
    await page.getByTestId("lang-switch").click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe("en");
    const pages = await readPdf(await page.pdf({ format: "A4", printBackground: true }));
    expectA4(pages);
    const first = pages[0]?.text.replace(/\s+/g, " ") ?? "";
    expect(first).toContain("Appraisal dossier");
    expect(first).toContain("I. Summary");
    expect(first).toContain("By rule");
    expect(first).toContain("unflagged");
    const text = flat(pages);
    expect(text).toContain("II. Flagged findings, by district and rule");
    expect(text).toContain("confirmed");
    expect(text).toContain("needs revision");
    expect(text).toContain("Legal basis");
    expect(text).toContain(TO_FLAG[0].comment);
    expect(text).not.toContain("Căn cứ pháp lý");
    expect(pages.reduce((n, p) => n + p.images, 0)).toBe(2);
  }, 120_000);
});
