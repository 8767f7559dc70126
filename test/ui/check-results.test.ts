import i18next from "i18next";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { Finding } from "../../src/core/check/index";
import { runCoverage } from "../../src/state/check-coverage";
import type { CheckRun } from "../../src/state/check-state";
import { createAppStore, initialStoreData, StoreProvider } from "../../src/state/store";
import { CheckFindingRow } from "../../src/ui/check-finding-row";
import { CheckResults } from "../../src/ui/check-results";
import { CheckSummary } from "../../src/ui/check-summary";
import type { FindingNames } from "../../src/ui/use-finding-names";
import { finding, ruleSummary } from "../state/check-finding";
import { renderInVietnamese, textOf } from "./render";

renderInVietnamese();

const names = (lang: "vi" | "en"): FindingNames => ({
  lang,
  rule: (id) => `Quy tắc ${id}`,
  district: (code) => ({ "001": "Quận Ba Đình", "017": "Huyện Đông Anh" })[code] ?? code,
  layer: (id) => ({ zones: "Phân vùng", rice: "Đất lúa" })[id] ?? id,
  feature: (_layer, id) => `Khu ${id} (${id})`,
});

const row = (f = finding(), lang: "vi" | "en" = "vi") =>
  renderToStaticMarkup(
    createElement(CheckFindingRow, {
      finding: f,
      names: names(lang),
      selected: false,
      onSelect: () => {},
    }),
  );

/** The results list grouped by rule, in Vietnamese with nothing selected unless said otherwise. */
const list = (
  findings: Finding[],
  ruleOrder: string[],
  { lang = "vi", selectedId = null }: { lang?: "vi" | "en"; selectedId?: string | null } = {},
) =>
  renderToStaticMarkup(
    // a selected card shows its flag controls, which read the app store
    createElement(
      StoreProvider,
      { store: createAppStore(initialStoreData("none", "catalog.json")) },
      createElement(CheckResults, {
        findings,
        groupBy: "rule",
        ruleOrder,
        names: names(lang),
        selectedId,
        onSelect: () => {},
      }),
    ),
  );

describe("a finding row", () => {
  it("shows severity as a shape and a word, the pair, area, share and the adjustment message", () => {
    const html = row(finding({ areaSquareMeters: 118_387.99, shareOfSubject: 0.016 }));
    expect(html).toContain('data-testid="finding-f1"');
    expect(html).toContain("<svg");
    const shown = textOf(html);
    expect(shown).toContain("Lỗi");
    expect(shown).toContain("Khu Z-1 (Z-1)");
    expect(shown).toContain("Đối chiếu: Đất lúa: Khu LUC-1 (LUC-1)");
    expect(shown).toContain("11,84 ha");
    expect(shown).toMatch(/1,6\s?% diện tích khu/);
    expect(shown).toContain("Quy hoạch thành phố phải điều chỉnh");
  });

  it("switches language with the UI, findings unchanged", async () => {
    await i18next.changeLanguage("en");
    const shown = textOf(row(finding({ severity: "warning", areaSquareMeters: 118_387.99 }), "en"));
    expect(shown).toContain("Warning");
    expect(shown).toContain("11.84 ha");
    expect(shown).toContain("The city plan must be adjusted");
  });

  it("says why a pair could not be computed", () => {
    const html = row(
      finding({
        status: "not-computed",
        reason: "overlay threw",
        geometry: null,
        areaSquareMeters: null,
      }),
    );
    expect(textOf(html)).toContain("Không tính được: overlay threw");
    expect(html).toContain('data-status="not-computed"');
  });

  it("names a whole-layer constraint and a quota's group", () => {
    const within = finding({ constraint: { layer: "rice", featureId: null } });
    expect(textOf(row(within))).toContain("toàn lớp «Đất lúa»");
    const quota = finding({
      subject: { layer: "zones", featureId: null },
      group: { scope: "district", district: "017" },
      geometry: null,
      areaSquareMeters: null,
      shareOfSubject: null,
    });
    expect(textOf(row(quota))).toContain("Chỉ tiêu của Huyện Đông Anh");
  });
});

describe("the results list and summary", () => {
  const findings = [
    finding({ id: "a", rule: "r1", districts: ["001"], areaSquareMeters: 30_000 }),
    finding({ id: "b", rule: "r1", districts: ["017"], severity: "warning" }),
    finding({ id: "c", rule: "r2", districts: ["017"], areaSquareMeters: 500 }),
  ];

  it("renders one row per finding under groups with counts and areas", () => {
    const html = list(findings, ["r1", "r2"], { selectedId: "c" });
    expect(html.match(/data-testid="finding-/g)).toHaveLength(3);
    expect(html).toContain('data-testid="check-group-rule-r1"');
    expect(html).toContain('data-testid="check-group-district-017"');
    const shown = textOf(html);
    expect(shown).toContain("Quy tắc r1 2 phát hiện · 5,00 ha");
    expect(shown).toContain("Quy tắc r2 1 phát hiện · 500 m²");
    expect(html).toContain('aria-pressed="true"');
  });

  it("counts in English with a plural and leaves out the area of groups without one", async () => {
    await i18next.changeLanguage("en");
    const quota = finding({
      id: "q",
      rule: "r3",
      ruleType: "quota",
      subject: { layer: "zones", featureId: null },
      districts: [],
      group: { scope: "city", district: null },
      geometry: null,
      areaSquareMeters: null,
      shareOfSubject: null,
    });
    const html = list([...findings, quota], ["r1", "r2", "r3"], { lang: "en" });
    const shown = textOf(html);
    expect(shown).toContain("Quy tắc r1 2 findings · 5.00 ha");
    expect(shown).toContain("Quy tắc r2 1 finding · 500 m²");
    // the rule's legal sentence once, under its header, not on each card
    expect(shown).toContain(
      "Quy tắc r3 1 finding The city plan must be adjusted Whole city 1 finding",
    );
    expect(shown).toContain("Whole-city target Target set by: Đất lúa");
  });

  it("draws only about a screenful of rows however many findings there are", () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      finding({ id: `m${i}`, rule: "r1", districts: ["001"], areaSquareMeters: 3000 - i }),
    );
    const html = list(many, ["r1"]);
    // One rule, so its group is open: 2 headers and 3000 findings in the list, a few drawn.
    expect(html).toContain('data-rows="3002"');
    const drawn = html.match(/data-testid="finding-m\d+"/g) ?? [];
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn.length).toBeLessThan(40);
    // The largest conflicts come first, and the list is as tall as all its rows.
    expect(drawn[0]).toBe('data-testid="finding-m0"');
    const height = Number(/check-results__rows" style="height:(\d+)px/.exec(html)?.[1]);
    expect(height).toBeGreaterThan(3000 * 50);
  });

  it("closes the groups of a long list: headers are buttons that say so, findings are not drawn", () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      finding({ id: `m${i}`, rule: i % 2 ? "r1" : "r2", districts: ["001"] }),
    );
    const html = list(many, ["r1", "r2"]);
    expect(html).toContain('data-rows="2"');
    expect(html.match(/<button[^>]*aria-expanded="false"/g)).toHaveLength(2);
    expect(html).not.toContain('data-testid="finding-');
    expect(textOf(html)).toContain("Quy tắc r1 15 phát hiện · 30,00 ha");
  });

  it("sums the run: counts by severity, total area in ha and the time taken", () => {
    const run: CheckRun = {
      result: {
        findings,
        summary: [ruleSummary("r1"), ruleSummary("r2")],
        problems: [],
        stats: { units: 4198, candidatePairs: 0, shortcutPairs: 0, kernelCalls: 0 },
      },
      rules: ["r1", "r2"],
      elapsedMs: 612,
      skipped: [],
    };
    const html = renderToStaticMarkup(
      createElement(CheckSummary, { run, coverage: runCoverage(run) }),
    );
    expect(html).toContain('data-findings="3"');
    expect(html).toContain('data-errors="2"');
    expect(html).toContain('data-warnings="1"');
    const shown = textOf(html);
    expect(shown).toContain("5,05 ha");
    expect(shown).toContain("0,61 s · 2 quy tắc · 4.198 lượt");
  });
});
