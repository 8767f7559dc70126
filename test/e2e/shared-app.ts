import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect } from "vitest";
import { type GuardedPage, launchBrowser, openApp, openGuardedPage } from "./harness";

/** Per-test time limit for tests on a shared page: SwiftShader draws slowly on a busy machine. */
export const SLOW = 240_000;

/** The browser and the guarded page a file's tests share, once `beforeAll` has run. */
export type SharedApp = { browser: Browser; guarded: GuardedPage; page: Page };

/**
 * Opens the app once for the tests of a file, which then follow each other on the same page (a
 * fresh load takes most of a minute here); `before` runs first (a server the tests need). After
 * all tests, no request has left this machine and the page raised no uncaught error.
 */
export function loadAppOnce(before?: () => Promise<void>): SharedApp {
  const shared = {} as SharedApp;
  beforeAll(async () => {
    await before?.();
    shared.browser = await launchBrowser();
    shared.guarded = await openGuardedPage(shared.browser);
    shared.page = shared.guarded.page;
    await openApp(shared.page);
  }, SLOW);
  afterAll(async () => {
    expect(shared.guarded?.violations).toEqual([]);
    await shared.browser?.close();
  });
  return shared;
}
