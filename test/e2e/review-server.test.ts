import { fileURLToPath } from "node:url";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../src/server/db/database";
import { migrate } from "../../src/server/db/migrations";
import { pgliteDatabase } from "../../src/server/db/pglite-database";
import { listen, serverApp } from "../../src/server/server-app";
import { addUser, PASSWORD, proposalGeoJson } from "../server/support/review-server-harness";
import { launchBrowser } from "./harness";

/*
 * Two reviewers of one council, each in a browser context of their own, on the app served by the
 * review server (built app from dist/, embedded database in memory): they sign in, flag the same
 * finding, see each other's change (polled every second), change its status at once and both see the
 * disagreement; the time from one's change to the other's screen is measured and printed; one goes
 * offline, keeps working, and the change reaches the other once back, even after a reload while
 * offline. A consultant's status change is refused; they answer what is addressed to them and
 * upload a revised proposal. No Content-Security-Policy violation on the way.
 */

const REVIEW = "hanoi-2026";
const FINDING = "00000000000000aa";
const FLAG = `finding:${FINDING}`;
let db: Database;
let server: { port: number; close(): Promise<void> };
let browser: Browser;
let base: string;

beforeAll(async () => {
  db = await pgliteDatabase();
  await migrate(db);
  await addUser(db, "Lan", "reviewer", REVIEW);
  await addUser(db, "Minh", "reviewer", REVIEW);
  await addUser(db, "Tư vấn", "consultant", REVIEW);
  const distDir = fileURLToPath(new URL("../../dist/", import.meta.url));
  server = await listen(serverApp({ db, distDir }), 0, "127.0.0.1");
  base = `http://127.0.0.1:${server.port}/`;
  browser = await launchBrowser();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await db?.close();
});

type Member = { context: BrowserContext; page: Page; violations: string[] };

/** A member's own browser context, signed in through the /login form, on the app. */
async function member(name: string): Promise<Member> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  page.on("pageerror", (e) => violations.push(`page error: ${e.message}`));
  await page.route("**/*", (route) => {
    const url = new URL(route.request().url());
    const local = ["data:", "blob:"].includes(url.protocol) || url.hostname === "127.0.0.1";
    return local ? route.continue() : route.abort();
  });
  await page.goto(`${base}login`);
  await page.fill("#name", name);
  await page.fill("#password", PASSWORD);
  await Promise.all([page.waitForURL(base), page.click("button[type=submit]")]);
  // the map first (SwiftShader keeps the page busy until it has drawn), as the other browser tests
  await page.waitForSelector('[data-testid="app"][data-map-ready="true"]', { timeout: 180_000 });
  await page.waitForFunction(() => window.__planLayersFlagStore !== undefined, null, {
    timeout: 120_000,
  });
  await page.getByTestId("tab-check").click({ timeout: 60_000 });
  return { context, page, violations };
}

/** Applies an intent through the app's flag store (the test hook the flag controls' store is). */
function apply(page: Page, intent: Record<string, unknown>) {
  return page.evaluate((i) => {
    const store = window.__planLayersFlagStore;
    if (!store) throw new Error("no flag store");
    const r = store.apply(i as unknown as Parameters<typeof store.apply>[0], { reviewer: "" });
    return r.ok ? { ok: true as const } : { ok: false as const, problem: r.problem.en };
  }, intent);
}

/**
 * Waits until the page's flag store holds the flag, or its disagreement. The goal is 2 s (a poll
 * every second); the wait is a hang guard only, as a shared machine can stall a page for longer.
 */
function sees(page: Page, flagId: string, what: "flag" | "disagreement") {
  return page.waitForFunction(
    ({ flagId, what }) => {
      const flag = window.__planLayersFlagStore?.getSnapshot().flags.get(flagId);
      return what === "flag" ? flag !== undefined : flag?.disagreement === true;
    },
    { flagId, what },
    { timeout: 30_000 },
  );
}

/** A fresh id of a drawn flag. */
const ownFlagId = () =>
  `own:${Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16)).join("")}`;

/** Now on the page, in ms since the epoch (the pages of one browser share the machine's clock). */
declare global {
  interface Window {
    /** TEST-ONLY: when each drawn flag watched for first showed in the list (see `screenLatency`). */
    __shownAt?: Record<string, number>;
  }
}

/**
 * The time from `from`'s change (drawing flag `flagId`, through the store as the draw form does) to
 * the moment `to`'s page shows it in its list of drawn flags: a MutationObserver on `to`'s page,
 * set before the change, notes the moment the list item is in the document (the next frame paints
 * it). A measurement for the report, not an assertion: the wait is a hang guard only.
 */
async function screenLatency(from: Page, to: Page, flagId: string): Promise<number> {
  await to.evaluate((id) => {
    const selector = `[data-testid="drawn-flag"][data-flag-id="${id}"]`;
    window.__shownAt ??= {};
    const shown = window.__shownAt;
    const note = () => {
      if (shown[id] !== undefined || !document.querySelector(selector)) return false;
      shown[id] = performance.timeOrigin + performance.now();
      return true;
    };
    if (note()) return;
    const observer = new MutationObserver(() => {
      if (note()) observer.disconnect();
    });
    observer.observe(document.body, { childList: true, subtree: true });
  }, flagId);
  const started = await from.evaluate((id) => {
    const store = window.__planLayersFlagStore;
    if (!store) throw new Error("no flag store");
    const at = performance.timeOrigin + performance.now();
    const geometry = { type: "Point" as const, coordinates: [105.85, 21.03] };
    const r = store.apply(
      { type: "draw", flagId: id, geometry, comment: "đo thời gian" },
      {
        reviewer: "",
      },
    );
    if (!r.ok) throw new Error(r.problem.en);
    return at;
  }, flagId);
  const handle = await to.waitForFunction((id) => window.__shownAt?.[id], flagId, {
    timeout: 30_000,
  });
  return ((await handle.jsonValue()) as number) - started;
}

const finding = {
  id: FINDING,
  rule: "flood-corridor",
  subject: { layer: "city-plan-zones", featureId: "7" },
  constraint: { layer: "flood-corridor", featureId: null },
  geometry: { type: "Point", coordinates: [105.85, 21.03] },
  areaSquareMeters: null,
};

describe("two reviewers on the review server", () => {
  it("see each other's flag, and a concurrent status change as a disagreement", async () => {
    const lan = await member("Lan");
    const minh = await member("Minh");
    const line = lan.page.getByTestId("review-server");
    await expect.poll(() => line.getAttribute("data-state")).toBe("connected");
    expect(await line.textContent()).toMatch(/đã kết nối|connected/);

    const flagged = Date.now();
    expect(await apply(lan.page, { type: "flag-finding", finding })).toEqual({ ok: true });
    await sees(minh.page, FLAG, "flag");
    // a figure for the report (the goal is 2 s), not an assertion
    console.log(`review server: Minh saw Lan's flag after ${Date.now() - flagged} ms`);
    // both change the status before the other's change reaches them
    const [a, b] = await Promise.all([
      apply(lan.page, { type: "set-status", flagId: FLAG, status: "confirmed" }),
      apply(minh.page, { type: "set-status", flagId: FLAG, status: "needs-revision" }),
    ]);
    expect([a, b]).toEqual([{ ok: true }, { ok: true }]);
    await sees(lan.page, FLAG, "disagreement");
    await sees(minh.page, FLAG, "disagreement");

    // "other reviewers see a change within 2 s": measured from one's change to the other's screen
    const samples: number[] = [];
    for (let i = 0; i < 10; i++) {
      const [from, to] = i % 2 === 0 ? [lan.page, minh.page] : [minh.page, lan.page];
      samples.push(Math.round(await screenLatency(from, to, ownFlagId())));
    }
    const sorted = [...samples].sort((a, b) => a - b);
    const median = ((sorted[4] as number) + (sorted[5] as number)) / 2;
    console.log(
      `review server: change → other reviewer's screen, ms: ${samples.join(", ")} (median ${median}, max ${sorted.at(-1)}; goal 2000)`,
    );

    // Minh goes offline, keeps working, and the change arrives once he is back
    await minh.context.setOffline(true);
    const minhLine = minh.page.getByTestId("review-server");
    expect(
      await apply(minh.page, { type: "comment", flagId: FLAG, comment: "ngoại tuyến" }),
    ).toEqual({
      ok: true,
    });
    await expect
      .poll(() => minhLine.getAttribute("data-state"), { timeout: 10_000 })
      .toBe("offline");
    expect(await minhLine.textContent()).toMatch(/1 thay đổi đang chờ gửi|1 change queued/);
    await minh.context.setOffline(false);
    await expect
      .poll(() => minhLine.getAttribute("data-state"), { timeout: 10_000 })
      .toBe("connected");
    await lan.page.waitForFunction(
      (flagId) =>
        window.__planLayersFlagStore?.getSnapshot().flags.get(flagId)?.comment === "ngoại tuyến",
      FLAG,
      { timeout: 5000 },
    );

    // offline again, and the page reloaded while offline: the queued change is not lost
    await minh.context.setOffline(true);
    expect(
      await apply(minh.page, { type: "comment", flagId: FLAG, comment: "trước khi tải lại" }),
    ).toEqual({ ok: true });
    await expect
      .poll(() => minhLine.getAttribute("data-state"), { timeout: 10_000 })
      .toBe("offline");
    await minh.page.reload().catch(() => {}); // the browser's own "no connection" page
    await minh.context.setOffline(false);
    await minh.page.goto(base);
    await lan.page.waitForFunction(
      (flagId) =>
        window.__planLayersFlagStore?.getSnapshot().flags.get(flagId)?.comment ===
        "trước khi tải lại",
      FLAG,
      { timeout: 120_000 },
    );
    // the council addresses a comment to the consultant (answered in the next test)
    expect(
      await apply(lan.page, {
        type: "comment",
        flagId: FLAG,
        comment: "đề nghị giải trình ranh giới",
        to: "consultant",
      }),
    ).toEqual({ ok: true });
    await lan.page.waitForFunction(
      () => window.__planLayersFlagStore?.getSnapshot().save.kind === "saved",
      null,
      { timeout: 30_000 },
    );
    expect(lan.violations).toEqual([]);
    expect(minh.violations).toEqual([]);
    await lan.context.close();
    await minh.context.close();
  }, 300_000);

  it("a consultant cannot change a status, and may answer", async () => {
    const consultant = await member("Tư vấn");
    await consultant.page.waitForFunction(
      (flagId) => window.__planLayersFlagStore?.getSnapshot().flags.has(flagId),
      FLAG,
      { timeout: 5000 },
    );
    const refused = await apply(consultant.page, {
      type: "settle",
      flagId: FLAG,
      status: "confirmed",
      comment: "x",
    });
    expect(refused.ok).toBe(false);
    expect(refused).toMatchObject({ problem: expect.stringMatching(/"consultant" may not/) });
    expect(
      await apply(consultant.page, { type: "comment", flagId: FLAG, comment: "đã sửa" }),
    ).toEqual({
      ok: true,
    });

    // what is addressed to them, answered through the list: the answer is in the flag's history
    const item = consultant.page
      .getByTestId("addressed-item")
      .filter({ hasText: "đề nghị giải trình ranh giới" });
    await item.getByTestId("addressed-answer-text").fill("đã điều chỉnh ranh giới theo ý kiến");
    await item.getByTestId("addressed-answer-send").click();
    await expect.poll(() => item.getAttribute("data-answered"), { timeout: 10_000 }).toBe("true");
    const answered = await consultant.page.evaluate((flagId) => {
      const flag = window.__planLayersFlagStore?.getSnapshot().flags.get(flagId);
      return flag?.history
        .filter((e) => e.type === "comment" && e.inReplyTo)
        .map((e) => e.reviewer);
    }, FLAG);
    expect(answered).toEqual(["Tư vấn"]);

    // a revised proposal uploaded as version 1; a bad file is refused and changes nothing
    const upload = consultant.page.getByTestId("proposal-upload");
    await upload.setInputFiles({
      name: "phuong-an-2.geojson",
      mimeType: "application/geo+json",
      buffer: Buffer.from(proposalGeoJson()),
    });
    await expect
      .poll(() => consultant.page.getByTestId("proposal-version").count(), { timeout: 30_000 })
      .toBe(1);
    expect(await consultant.page.getByTestId("proposal-version").textContent()).toMatch(
      /phuong-an-2\.geojson.*Tư vấn/,
    );
    await upload.setInputFiles({
      name: "hong.geojson",
      mimeType: "application/geo+json",
      buffer: Buffer.from(proposalGeoJson("XYZ")),
    });
    const status = consultant.page.getByTestId("proposal-status");
    await expect.poll(() => status.getAttribute("role"), { timeout: 30_000 }).toBe("alert");
    expect(await status.textContent()).toMatch(/hong\.geojson/);
    expect(await consultant.page.getByTestId("proposal-version").count()).toBe(1);
    expect(consultant.violations).toEqual([]);
    await consultant.context.close();
  }, 300_000);
});
