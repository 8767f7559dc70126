import i18next from "i18next";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { dossierModel } from "../../src/state/dossier-model";
import { DossierDocument } from "../../src/ui/dossier/dossier-document";
import type { FindingNames } from "../../src/ui/use-finding-names";
import { CATALOG, districtName, FINDINGS, FLAGS, RULES } from "../state/dossier-fixture";
import { renderInVietnamese, textOf } from "./render";

renderInVietnamese();

const names = (lang: "vi" | "en"): FindingNames => ({
  lang,
  rule: (id) => RULES.find((r) => r.id === id)?.title[lang] ?? id,
  district: districtName,
  layer: (id) => CATALOG.find((l) => l.id === id)?.title[lang] ?? id,
  feature: (_layer, id) => `Khu ${id}`,
});

const MODEL = dossierModel({
  findings: FINDINGS,
  flags: FLAGS,
  rules: RULES,
  catalog: CATALOG,
  districtName,
});

function render(lang: "vi" | "en", images = new Map<string, string>()) {
  return renderToStaticMarkup(
    createElement(DossierDocument, {
      model: MODEL,
      rules: RULES,
      names: names(lang),
      images,
      maxImages: 60,
      rulesRun: 2,
      preparedAt: "2026-12-01T10:00:00Z",
    }),
  );
}

describe("DossierDocument", () => {
  it("opens with the summary tables, then the flagged findings by district and rule", () => {
    const text = textOf(render("vi"));
    const at = (s: string) => text.indexOf(s);
    expect(at("I. Tổng hợp")).toBeGreaterThan(at("Hồ sơ thẩm định"));
    expect(at("Theo quận, huyện, thị xã")).toBeGreaterThan(at("Theo quy tắc"));
    expect(at("II. Các phát hiện đã gắn cờ")).toBeGreaterThan(at("Theo quận, huyện, thị xã"));
    expect(at("III. Cờ trên phát hiện không còn")).toBeGreaterThan(at("II. Các phát hiện"));
    expect(at("IV. Cờ do người thẩm định vẽ")).toBeGreaterThan(at("III. Cờ"));
    // the totals row: 5 findings, 1 confirmed, 1 needing revision, 3 unflagged, 11,20 ha, 8,00 flagged
    expect(text).toContain("Tổng cộng 5 0 1 0 1 0 3 11,20 8,00");
    expect(text).toContain("Căn cứ pháp lý 39/2021/QH15 ngày 13/11/2021 của Thủ tướng Chính phủ");
    expect(text).toContain("đổi trạng thái: đã xác nhận Lấn 5 ha");
    expect(text).toContain("Trường học trong hành lang");
  });

  it("renders comments as text, never as markup", () => {
    const html = render("vi");
    expect(html).not.toContain("<b>");
    expect(html).toContain("&lt;b&gt;xem lại&lt;/b&gt;");
  });

  it("shows each map image given, and says why one is missing", () => {
    const html = render("vi", new Map([["finding:c", "data:image/png;base64,AAAA"]]));
    expect(html.match(/<img /g)).toHaveLength(1);
    expect(html).toContain('src="data:image/png;base64,AAAA"');
    const text = textOf(html);
    expect(text).toContain("Không có ảnh bản đồ: không vẽ kịp, hoặc hồ sơ đã đủ 60 ảnh.");
  });

  it("speaks English after the switch", async () => {
    await i18next.changeLanguage("en");
    const text = textOf(render("en"));
    expect(text).toContain("Appraisal dossier");
    expect(text).toContain("Total 5 0 1 0 1 0 3 11.20 8.00");
    expect(text).toContain("needs revision");
    expect(text).toContain("Legal basis 39/2021/QH15 of 13 Nov 2021 by The Prime Minister");
    expect(text).not.toContain("Căn cứ");
  });
});
