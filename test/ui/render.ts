import i18next from "i18next";
import { afterEach, beforeAll } from "vitest";
import { initI18n } from "../../src/i18n/index";

/*
 * Helpers of the tests that render components to markup: the UI language, and the text a reader sees.
 */

/** The file's tests render in Vietnamese; a test that switches language is switched back after it. */
export function renderInVietnamese(): void {
  beforeAll(() => {
    initI18n("vi");
  });
  afterEach(async () => {
    await i18next.changeLanguage("vi");
  });
}

/** Text of rendered markup: tags dropped (each leaves a space), quotes' entities undone, spaces folded. */
export function textOf(html: string): string {
  return html
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, " ")
    .trim();
}
