import i18next from "i18next";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { comparePlans, type PlanComparison } from "../../src/core/compare/index";
import { transitionColors } from "../../src/map/compare-layers";
import { ComparePanel, type ComparePanelProps } from "../../src/ui/compare-panel";
import { CompareStatus } from "../../src/ui/compare-status";
import { compareInput, readCompareFixture } from "../core/compare/fixture-input";
import { piece, summaryOf, transition } from "../support/compare-piece";
import { renderInVietnamese, textOf } from "./render";

renderInVietnamese();

const fixture = (name: string): PlanComparison => {
  const { current, proposal, options } = compareInput(readCompareFixture(name));
  return comparePlans(current, proposal, options);
};

const panel = (comparison: PlanComparison, props: Partial<ComparePanelProps> = {}) =>
  renderToStaticMarkup(
    createElement(ComparePanel, {
      comparison,
      colors: transitionColors(comparison.summary),
      proposalFile: "de-xuat.geojson",
      currentName: "Phân khu chức năng",
      selectedId: null,
      onSelect: () => {},
      ...props,
    }),
  );

/** A comparison of these pieces, with a summary of these transitions and nothing else. */
const made = (pieces: PlanComparison["pieces"], transitions = [transition()]): PlanComparison => {
  const summary = summaryOf(transitions);
  summary.totals.pieces = pieces.length;
  summary.totals.changedHectares = 1234.5;
  return {
    pieces,
    summary,
    problems: [],
    stats: fixture("identical").stats,
  };
};

describe("the comparison panel", () => {
  it("sums the change in hectares, Vietnamese style, and lists area by from → to", () => {
    const comparison = fixture("several-zones");
    const html = panel(comparison);
    expect(html).toContain(`data-pieces="${comparison.summary.totals.pieces}"`);
    const shown = textOf(html);
    expect(shown).toContain("So sánh với quy hoạch hiện hành");
    expect(shown).toContain("Phương án «de-xuat.geojson» so với lớp «Phân khu chức năng»");
    // hectares with a decimal comma and a thousands dot, as the summary has them
    const t = comparison.summary.totals;
    const vi = (h: number) =>
      `${new Intl.NumberFormat("vi-VN", { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(h)} ha`;
    expect(shown).toContain(`Đổi mã ${vi(t.changedHectares)}`);
    expect(shown).toContain(`Giữ nguyên ${vi(t.unchangedHectares)}`);
    expect(vi(t.changedHectares)).toMatch(/,\d\d ha$/);
    // one table row per transition, in the summary's order
    const rows = html.match(/<tr data-kind="(changed|added|removed)"/g) ?? [];
    expect(rows).toHaveLength(comparison.summary.transitions.length);
    const first = comparison.summary.transitions[0];
    expect(shown).toContain(`${first?.from} → ${first?.to}`);
    expect(shown).toContain("Xuất CSV");
    expect(shown).toContain("Xuất GeoJSON");
    expect(html).toContain('data-testid="compare-export-csv"');
  });

  it("switches to English with the UI, numbers the English way", async () => {
    await i18next.changeLanguage("en");
    const html = panel(made([piece({ areaSquareMeters: 12_345_600 })]));
    const shown = textOf(html);
    expect(shown).toContain("Comparison with the current plan");
    expect(shown).toContain("Code changed 1,234.50 ha");
    expect(shown).toContain("Export CSV");
    expect(shown).toContain("Current zone: C-1");
    expect(shown).toContain("1,234.56 ha");
  });

  it("shows the area by code before and after, with the sign of the change", () => {
    const shown = textOf(panel(fixture("code-change")));
    expect(shown).toContain("Diện tích theo mã loại đất, trước → sau");
    expect(shown).toMatch(/\+\d+(\.\d{3})*,\d\d ha/);
    expect(shown).toMatch(/−\d+(\.\d{3})*,\d\d ha/);
  });

  it("says when the proposal changes nothing", () => {
    const html = panel(fixture("identical"));
    expect(html).toContain('data-testid="compare-none"');
    expect(html).not.toContain('data-testid="compare-pieces"');
  });

  it("says which pieces could not be computed, and why, and shows the notes on the data", () => {
    const comparison = fixture("invalid-geometry");
    const html = panel(comparison);
    const shown = textOf(html);
    expect(shown).toContain("mảnh không tính được diện tích");
    expect(shown).toContain('Không tính được: vùng của phương án "X" có hình học không hợp lệ');
    expect(html).toContain('data-status="not-computed"');
    expect(comparison.problems.length).toBeGreaterThan(0);
    expect(shown).toContain(`Lưu ý khi so sánh (${comparison.problems.length})`);
  });

  it("renders codes, ids and reasons from the files as text, never as markup", () => {
    const evil = "<img src=x onerror=alert(1)>";
    const html = panel(
      made(
        [
          piece({
            from: evil,
            to: "__proto__",
            current: evil,
            status: "not-computed",
            reason: evil,
          }),
        ],
        [transition({ from: evil, to: "__proto__" })],
      ),
    );
    expect(html).not.toContain("<img");
    expect(html).toContain("&lt;img src=x onerror=alert(1)&gt;");
    expect(textOf(html)).toContain("__proto__");
  });

  it("draws only about a screenful of pieces however many there are", () => {
    const many = Array.from({ length: 3000 }, (_, i) => piece({ id: `m${i}`, current: `C-${i}` }));
    const html = panel(made(many));
    expect(html).toContain('data-rows="3000"');
    const drawn = html.match(/data-testid="compare-piece-m\d+"/g) ?? [];
    expect(drawn.length).toBeGreaterThan(0);
    expect(drawn.length).toBeLessThan(40);
    expect(drawn[0]).toBe('data-testid="compare-piece-m0"');
    expect(textOf(html)).toContain("Các mảnh thay đổi (3.000)");
    const height = Number(/check-results__rows" style="height:(\d+)px/.exec(html)?.[1]);
    expect(height).toBeGreaterThan(3000 * 50);
  });

  it("marks the selected piece and names districts through the caller", () => {
    const html = panel(made([piece({ id: "a" }), piece({ id: "b" })]), {
      selectedId: "b",
      districtName: (code) => (code === "001" ? "Quận Ba Đình" : code),
    });
    expect(html).toMatch(/data-testid="compare-piece-b"[^>]*aria-pressed="true"/);
    expect(html).toMatch(/data-testid="compare-piece-a"[^>]*aria-pressed="false"/);
    expect(textOf(html)).toContain("Quận, huyện: Quận Ba Đình");
  });

  it("has a legend with the map's colours, the smaller changes in grey, added and removed", () => {
    const comparison = made(
      [piece()],
      Array.from({ length: 10 }, (_, i) =>
        transition({ from: `A${i}`, to: "B", hectares: 10 - i }),
      ),
    );
    const colors = transitionColors(comparison.summary);
    const html = panel(comparison, { colors });
    const legend = /<ul class="legend compare-legend"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? "";
    expect(legend).toContain(`--swatch:${colors.colored[0]?.color}`);
    const shown = textOf(legend);
    expect(shown).toContain("A0 → B");
    expect(shown).toContain("2 chuyển đổi nhỏ hơn");
    expect(shown).toContain("Thêm mới (gạch chéo, viền liền)");
    expect(shown).toContain("Bị bỏ (gạch ô, viền đứt)");
  });
});

describe("the comparison status", () => {
  it("shows progress with a cancel button, then how a run ended", () => {
    const running = renderToStaticMarkup(
      createElement(CompareStatus, {
        state: { status: "running", done: 1200, total: 2400 },
        onCancel: () => {},
      }),
    );
    expect(running).toContain('aria-valuenow="1200"');
    expect(textOf(running)).toContain("Đang so sánh: 1.200/2.400 vùng");
    expect(running).toContain('data-testid="compare-cancel"');
    const failed = renderToStaticMarkup(
      createElement(CompareStatus, {
        state: { status: "failed", message: "<b>boom</b>" },
        onCancel: () => {},
      }),
    );
    expect(failed).not.toContain("<b>");
    expect(textOf(failed)).toContain("Không so sánh được");
  });
});
