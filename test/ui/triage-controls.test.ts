import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import i18next from "i18next";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { checkReducer, DEFAULT_TRIAGE } from "../../src/state/check-state";
import { createAppStore, initialStoreData, StoreProvider } from "../../src/state/store";
import type { TriageFilter } from "../../src/state/triage-filter";
import { TriageControls } from "../../src/ui/triage-controls";
import { renderInVietnamese, textOf } from "./render";

renderInVietnamese();

/** The controls with `filter` in the store, in the current UI language. */
function controls(filter: TriageFilter, lang: "vi" | "en" = "vi"): string {
  // server rendering reads the store's initial state: the filter is put in before
  const data = initialStoreData("none", "catalog.json");
  const store = createAppStore({
    ...data,
    check: checkReducer(data.check, { type: "set-triage", triage: { ...DEFAULT_TRIAGE, filter } }),
  });
  return renderToStaticMarkup(
    createElement(
      StoreProvider,
      { store },
      createElement(TriageControls, {
        lang,
        rules: [
          { id: "rice", title: "Đất lúa" },
          { id: "forest", title: "Rừng" },
        ],
        districts: [
          { code: "001", name: "Quận Ba Đình" },
          { code: "017", name: "Huyện Đông Anh" },
        ],
        severityName: (s) => s,
      }),
    ),
  );
}

/** The test ids of the ticked checkboxes. */
const ticked = (html: string) =>
  [...html.matchAll(/<input[^>]*>/g)]
    .map((m) => m[0])
    .filter((tag) => /type="checkbox"/.test(tag) && /checked=""/.test(tag))
    .map((tag) => /data-testid="([^"]+)"/.exec(tag)?.[1]);

describe("the findings filter's controls", () => {
  it("tick several statuses, districts and rules at once, each a checkbox", () => {
    const html = controls({
      reviewStatuses: ["open", "needs-revision"],
      districts: ["001", "017"],
      rules: ["forest"],
      severities: ["error", "warning"],
    });
    expect(ticked(html).sort()).toEqual(
      [
        "triage-district-001",
        "triage-district-017",
        "triage-rule-forest",
        "triage-severity-error",
        "triage-severity-warning",
        "triage-status-needs-revision",
        "triage-status-open",
      ].sort(),
    );
    // the long lists fold behind a disclosure that says what is chosen
    const text = textOf(html);
    expect(text).toContain("Trạng thái thẩm định: 2 đã chọn");
    expect(text).toContain("Quận/huyện: 2 đã chọn");
    expect(text).toContain("Quy tắc: Rừng");
    expect(html).toMatch(/<details[^>]*data-testid="triage-status"/);
    expect(html).not.toContain('<select data-testid="triage-status"');
  });

  it("says 'all' when nothing is ticked, and offers every status and 'not flagged'", () => {
    const html = controls({});
    expect(ticked(html)).toEqual([]);
    expect(textOf(html)).toContain("Trạng thái thẩm định: tất cả");
    for (const s of [
      "unflagged",
      "open",
      "confirmed",
      "accepted-as-exception",
      "needs-revision",
      "resolved",
    ]) {
      expect(html).toContain(`data-testid="triage-status-${s}"`);
    }
  });

  it("keeps a linked district this run did not find, by its code, so it can be unticked", () => {
    const html = controls({ districts: ["999"] });
    expect(ticked(html)).toEqual(["triage-district-999"]);
  });

  it("speak English through the i18n resources", async () => {
    await i18next.changeLanguage("en");
    const text = textOf(controls({ reviewStatuses: ["open", "resolved"] }, "en"));
    expect(text).toContain("Filter and sort");
    expect(text).toContain("Review status: 2 chosen");
    expect(text).toContain("Minimum area (ha)");
  });
});

describe("the reviewers' texts", () => {
  it("live in the i18n files, with plurals where English needs them", async () => {
    await i18next.changeLanguage("en");
    expect(i18next.t("flagSave.pending", { count: 1 })).toBe("1 change waiting to be saved");
    expect(i18next.t("flagSave.pending", { count: 3 })).toBe("3 changes waiting to be saved");
    expect(i18next.t("flagSave.retryIn", { seconds: 4 })).toBe("Retrying in 4 s.");
    await i18next.changeLanguage("vi");
    expect(i18next.t("flagSave.pending", { count: 3 })).toBe("3 thay đổi đang chờ lưu");
    expect(i18next.t("triage.showing", { shown: 12, all: 40 })).toBe("Đang hiện 12 / 40 phát hiện");
  });

  it("are not kept in a second table of the UI: no {vi, en} pairs in src/ui", () => {
    const dir = join(import.meta.dirname, "../../src/ui");
    const files = readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((f) =>
      /\.tsx?$/.test(f),
    );
    const tables = files.filter((f) => /\bvi:\s*["'`]/.test(readFileSync(join(dir, f), "utf8")));
    expect(tables).toEqual([]);
  });
});
