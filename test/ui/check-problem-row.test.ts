import i18next from "i18next";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { CheckProblem } from "../../src/core/check/index";
import { CheckProblemRow } from "../../src/ui/check-problem-row";
import { renderInVietnamese, textOf } from "./render";

renderInVietnamese();

const row = (problem: CheckProblem) =>
  renderToStaticMarkup(createElement(CheckProblemRow, { problem }));

const warning: CheckProblem = {
  rule: null,
  severity: "warning",
  message: { vi: 'ghi "odt", đọc là "ODT"', en: 'holds "odt", read as "ODT"' },
  layer: "zones",
  features: { total: 661, count: 6, first: [{ index: 1, id: "Z2" }] },
};
const error: CheckProblem = {
  rule: "r",
  severity: "error",
  message: { vi: "Bỏ qua quy tắc <b>r</b>", en: "rule <b>r</b> skipped" },
};

describe("a problem of a check run", () => {
  it("shows a warning and an error differently: shape, word and class", () => {
    const w = row(warning);
    const e = row(error);
    expect(w).toContain('data-severity="warning"');
    expect(w).toContain("severity-mark--warning");
    expect(e).toContain('data-severity="error"');
    expect(e).toContain("severity-mark--error");
    expect(textOf(w)).toBe('Cảnh báo ghi "odt", đọc là "ODT" (đối tượng 2/661 (id "Z2"), …)');
    expect(textOf(e)).toMatch(/^Lỗi Bỏ qua quy tắc/);
  });

  it("in English too, and text from data never becomes markup", async () => {
    await i18next.changeLanguage("en");
    expect(textOf(row(warning))).toBe(
      'Warning holds "odt", read as "ODT" (features 2/661 (id "Z2"), …)',
    );
    expect(row(error)).toContain("rule &lt;b&gt;r&lt;/b&gt; skipped");
  });
});
