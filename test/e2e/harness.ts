import type { Browser, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, inject } from "vitest";
import { launchChromium } from "../../scripts/chromium.mjs";

export { CHROMIUM_PATH } from "../../scripts/chromium.mjs";

export function launchBrowser(): Promise<Browser> {
  return launchChromium();
}

export type GuardedPage = {
  page: Page;
  /** Requests to hosts other than localhost, and uncaught page errors, seen so far. */
  violations: string[];
};

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * A new page that records every request to a host other than localhost (and aborts it, so the test
 * never depends on the network) and every uncaught page error. Tests assert `violations` is empty.
 */
export async function openGuardedPage(browser: Browser): Promise<GuardedPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const violations: string[] = [];
  await page.route("**/*", (route) => {
    const url = new URL(route.request().url());
    const local =
      url.protocol === "data:" || url.protocol === "blob:" || LOCAL_HOSTS.has(url.hostname);
    if (local) return route.continue();
    violations.push(`request to outside host: ${url.href}`);
    return route.abort();
  });
  page.on("pageerror", (error) => violations.push(`uncaught page error: ${error.message}`));
  return { page, violations };
}

/**
 * One browser and one guarded page for the tests of a `describe` (SwiftShader draws slowly: the map
 * loads once): `setup` routes and opens the app before the first test; after each test, no request
 * has left this machine and the page has raised no uncaught error.
 */
export function useGuardedPage(setup: (page: Page) => Promise<void>): void {
  let browser: Browser | undefined;
  let guarded: GuardedPage | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
    guarded = await openGuardedPage(browser);
    await setup(guarded.page);
  });
  afterAll(async () => {
    await guarded?.page.context().close();
    await browser?.close();
  });
  afterEach(() => {
    expect(guarded?.violations).toEqual([]);
  });
}

/**
 * Runs `body` on a page of its own browser, set up from scratch (routes first, then the app), and
 * checks that no request left this machine and the page raised no uncaught error.
 */
export async function onFreshPage(body: (page: Page) => Promise<void>): Promise<void> {
  const browser = await launchBrowser();
  try {
    const { page, violations } = await openGuardedPage(browser);
    await body(page);
    expect(violations).toEqual([]);
  } finally {
    await browser.close();
  }
}

export function appUrl(hash = ""): string {
  return `${inject("baseUrl")}${hash ? `#${hash.replace(/^#/, "")}` : ""}`;
}

/**
 * Opens the app and waits until the map has drawn its first picture (the districts and the layers
 * shown at the start) and every layer's file has loaded or failed (the hidden ones are read after
 * the first picture). `districtsOnly`: until the districts are drawn, for a test that holds back a
 * layer's file.
 */
export async function openApp(
  page: Page,
  hash = "",
  { districtsOnly = false } = {},
): Promise<void> {
  await page.goto(appUrl(hash));
  const settled = districtsOnly ? "" : '[data-first-picture="true"][data-layers-settled="true"]';
  await page.waitForSelector(`[data-testid="app"][data-map-ready="true"]${settled}`, {
    timeout: 60_000,
  });
}
