import i18next from "i18next";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import type { CheckResult } from "../../src/core/check/index";
import en from "../../src/i18n/en.json";
import vi from "../../src/i18n/vi.json";
import { runCoverage } from "../../src/state/check-coverage";
import type { CheckRun } from "../../src/state/check-state";
import { CheckCoverageNotice } from "../../src/ui/check-coverage-notice";
import { CheckSummary } from "../../src/ui/check-summary";
import type { FindingNames } from "../../src/ui/use-finding-names";
import { finding, ruleSummary } from "../state/check-finding";
import { renderInVietnamese, textOf } from "./render";

renderInVietnamese();

const names = (lang: "vi" | "en"): FindingNames => ({
  lang,
  rule: (id) => (lang === "vi" ? `Quy tắc ${id}` : `Rule ${id}`),
  district: (code) => code,
  layer: (id) => ({ flood: lang === "vi" ? "Hành lang thoát lũ" : "Flood corridor" })[id] ?? id,
  feature: (_layer, id) => id,
});

/**
 * A run of rules a, b and c: `ran` are in the engine's totals, `flood` was not sent because the
 * flood layer's file is cut short, and the engine left `left` out with a message.
 */
function run({
  ran = ["a", "b"],
  findings = 0,
  skipFlood = true,
  left = false,
}: {
  ran?: string[];
  findings?: number;
  skipFlood?: boolean;
  left?: boolean;
} = {}): CheckRun {
  const result: CheckResult = {
    findings: Array.from({ length: findings }, (_, i) => finding({ id: `f${i}`, rule: "a" })),
    summary: ran.map(ruleSummary),
    problems: left
      ? [
          {
            rule: "b",
            severity: "error",
            message: { vi: 'Bỏ qua quy tắc "b": lý do', en: 'rule "b" skipped: reason' },
          },
        ]
      : [],
    stats: { units: 10, candidatePairs: 0, shortcutPairs: 0, kernelCalls: 0 },
  };
  return {
    result,
    rules: skipFlood ? [...ran, "c"] : ran,
    elapsedMs: 100,
    skipped: skipFlood
      ? [
          {
            rule: "c",
            unreadable: [
              {
                layer: "flood",
                failure: {
                  file: "../data/flood.fgb",
                  reason: "fgb",
                  detail: "the file is cut short",
                  message: { vi: "tệp bị cắt cụt", en: "the file is cut short" },
                },
              },
            ],
            problems: [],
          },
        ]
      : [],
  };
}

const summary = (r: CheckRun) =>
  renderToStaticMarkup(createElement(CheckSummary, { run: r, coverage: runCoverage(r) }));
const notice = (r: CheckRun, lang: "vi" | "en" = "vi") =>
  renderToStaticMarkup(
    createElement(CheckCoverageNotice, {
      coverage: runCoverage(r),
      selected: r.rules.length,
      names: names(lang),
    }),
  );
/** How often `part` occurs in `whole`. */
const count = (whole: string, part: string) => whole.split(part).length - 1;

describe("the summary of a run", () => {
  it("says “no conflicts” when every selected rule ran and found nothing", () => {
    const html = summary(run({ skipFlood: false }));
    expect(textOf(html)).toContain(vi.check.summary.none);
    expect(html).toContain('data-complete="true"');
  });

  it("never says “no conflicts” when a rule did not run: it speaks of the rules that ran", () => {
    for (const r of [run(), run({ skipFlood: false, left: true })]) {
      const shown = textOf(summary(r));
      expect(shown).not.toContain(vi.check.summary.none);
      expect(shown).toContain(vi.check.summary.noneFromRulesRun_other.replace("{{count}}", ""));
    }
    expect(summary(run())).toContain('data-complete="false"');
  });

  it("says nothing was checked when no rule ran, and counts only the rules that ran", () => {
    const shown = textOf(summary(run({ ran: [] })));
    expect(shown).not.toContain(vi.check.summary.none);
    expect(shown).toContain(vi.check.summary.nothingChecked);
    expect(shown).toContain("0 quy tắc");
    expect(textOf(summary(run({ findings: 2 })))).toContain("2 quy tắc");
  });
});

describe("the notice of rules that did not run", () => {
  it("is absent when the check is complete", () => {
    expect(notice(run({ skipFlood: false }))).toBe("");
  });

  it("names each rule and the layer it lacks (its file and reason are the failed-layers notice's), or the checker's words", () => {
    const html = notice(run({ left: true }));
    expect(html).toContain('data-testid="check-not-run-b"');
    expect(html).toContain('data-testid="check-not-run-c"');
    const shown = textOf(html);
    expect(shown).toContain("Kiểm tra chưa đầy đủ: 2/3 quy tắc đã chọn không chạy");
    expect(shown).toContain('Quy tắc b : Bỏ qua quy tắc "b": lý do');
    expect(shown).toContain("Quy tắc c : không tải được lớp “Hành lang thoát lũ” ");
    expect(shown).not.toContain("../data/flood.fgb");
    expect(shown).not.toContain("tệp bị cắt cụt");
    expect(shown).toContain("chỉ gồm 1 quy tắc đã chạy");
    // the checker's words call for a fix here; a failed layer's fix is its own notice's
    expect(shown).toContain(vi.check.incomplete.fix);
    expect(textOf(notice(run()))).not.toContain(vi.check.incomplete.fix);
  });

  it("points a rule left out for an error tied to no rule to the checker's notes", () => {
    const r = run({ skipFlood: false });
    const coverage = runCoverage({
      ...r,
      result: {
        ...r.result,
        summary: [ruleSummary("a")],
        problems: [
          {
            rule: null,
            severity: "error",
            message: { vi: "lớp thiếu mã", en: "layer lacks codes" },
            layer: "zones",
          },
        ],
      },
    });
    const shown = textOf(
      renderToStaticMarkup(
        createElement(CheckCoverageNotice, { coverage, selected: 2, names: names("vi") }),
      ),
    );
    expect(shown).toContain(`Quy tắc b : ${vi.check.incomplete.seeNotes}`);
    expect(shown).not.toContain(vi.check.incomplete.unknown);
  });

  it("speaks English after a language switch", async () => {
    await i18next.changeLanguage("en");
    const shown = textOf(notice(run(), "en"));
    expect(shown).toContain("Incomplete check: 1 of the 3 selected rules did not run");
    expect(shown).toContain("Rule c : layer “Flood corridor” could not be loaded ");
    expect(shown).toContain("cover only the 2 rules that ran");
    expect(textOf(summary(run()))).not.toContain(en.check.summary.none);
  });

  it("says that nothing was checked when no rule ran, once with the summary", () => {
    const r = run({ ran: [] });
    expect(textOf(notice(r))).toContain("Kiểm tra chưa đầy đủ: 1/1 quy tắc đã chọn không chạy");
    expect(notice(r)).toContain("notice--error");
    const both = textOf(notice(r) + summary(r));
    expect(count(both, "Chưa kiểm tra được gì")).toBe(1);
  });

  it("and the summary say once that the rules that did not run were not checked", () => {
    const both = textOf(notice(run()) + summary(run()));
    expect(count(both, "chưa được kiểm tra")).toBe(1);
    expect(both).toContain(vi.check.summary.noneFromRulesRun_other.replace("{{count}}", "2"));
  });
});
