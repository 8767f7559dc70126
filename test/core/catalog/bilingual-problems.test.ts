import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { EntryProblem } from "../../../src/core/catalog/entry-problems";
import { formatCatalogProblem, parseCatalog } from "../../../src/core/catalog/parse-catalog";
import { formatRuleProblem, parseRules } from "../../../src/core/catalog/rules-schema";

/*
 * Problems in the catalogue and the rules file are read by Vietnamese civil servants first: each
 * comes in both languages, zod's own wording from its `vi` and `en` locales, the schemas' own
 * messages as written in both. (Before: one English string, e.g. "Invalid input: expected number,
 * received string".)
 */

const goodEntry = JSON.parse(
  readFileSync(new URL("../../fixtures/catalog/good-entry.json", import.meta.url), "utf8"),
) as Record<string, unknown>;
const catalogOf = (...layers: unknown[]) => ({
  version: 1,
  title: { vi: "Thử", en: "Test" },
  dataCutoff: "2022-12-31",
  layers,
});
const text = { vi: "Quy tắc", en: "Rule" };
const good = {
  id: "no-housing-on-rice",
  type: "no-overlap",
  title: text,
  description: text,
  severity: "error",
  subject: { layer: "zones" },
  constraint: { layer: "rice" },
};

/** The problem at `field`, failing the test when there is none. */
function at(problems: EntryProblem[], field: string): EntryProblem {
  const found = problems.find((p) => p.field === field);
  if (!found) throw new Error(`no problem at ${field}: ${JSON.stringify(problems)}`);
  return found;
}

describe("catalogue and rules problems in both languages", () => {
  const rules = parseRules(
    {
      version: 1,
      rules: [
        { ...good, id: "wrong-type", toleranceSquareMeters: "1" },
        { ...good, id: "bad-enum", severity: "fatal" },
        { ...good, id: "missing", title: undefined },
        { ...good, id: "misspelt", toleranceSquareMeter: 5 },
        good,
        good,
        { ...good, id: "ghost", constraint: { layer: "nowhere" } },
        {
          ...good,
          id: "quota",
          type: "quota",
          constraint: undefined,
          illustrative: true,
          targets: [{ scope: "district", minHectares: 1 }],
        },
      ],
    },
    new Set(["zones", "rice"]),
  ).problems;
  const byId = (id: string) => rules.filter((p) => p.id === id);
  const catalog = parseCatalog(
    catalogOf(
      { ...goodEntry, id: "Bad Id" },
      { ...goodEntry, id: "red", style: { type: "simple", color: "red" } },
      { ...goodEntry, id: "no-sector", sector: undefined },
      { ...goodEntry, id: "web", source: "https://example.com/roads.geojson" },
    ),
  ).problems;

  it("a wrong type: zod's words in each language, the types named", () => {
    expect(at(byId("wrong-type"), "toleranceSquareMeters").message).toEqual({
      vi: "Đầu vào không hợp lệ: mong đợi số, nhận được string",
      en: "Invalid input: expected number, received string",
    });
  });

  it("a missing field: what was expected, in each language", () => {
    expect(at(byId("missing"), "title").message).toEqual({
      vi: "Đầu vào không hợp lệ: mong đợi object, nhận được undefined",
      en: "Invalid input: expected object, received undefined",
    });
  });

  it("a bad enum value: the allowed values, in each language", () => {
    expect(at(byId("bad-enum"), "severity").message).toEqual({
      vi: 'Tùy chọn không hợp lệ: mong đợi một trong các giá trị "error"|"warning"',
      en: 'Invalid option: expected one of "error"|"warning"',
    });
  });

  it("a bad regex: the schema's own message, in each language", () => {
    const { message } = at(
      catalog.filter((p) => p.index === 1),
      "style.color",
    );
    expect(message.vi).toMatch(/^màu phải có dạng #rrggbb/);
    expect(message.en).toMatch(/^colour must be #rrggbb/);
    const id = at(
      catalog.filter((p) => p.index === 0),
      "id",
    ).message;
    expect(id.vi).toContain("chữ thường");
    expect(id.en).toContain("kebab-case");
  });

  it("a custom refinement: the schema's own message, in each language", () => {
    expect(at(byId("quota"), "targets.0.district").message).toEqual({
      vi: 'chỉ tiêu cấp quận/huyện cần mã quận/huyện (district), ví dụ "001"',
      en: 'a district target needs a code (district), e.g. "001"',
    });
    const sector = at(
      catalog.filter((p) => p.index === 2),
      "sector",
    ).message;
    expect(sector.vi).toContain("lớp cấp ngành");
    expect(sector.en).toContain("a sector-level layer must name its sector");
    const url = at(
      catalog.filter((p) => p.index === 3),
      "source",
    ).message;
    // before: both languages in one string, "… / …", in either language
    expect(url.vi).toMatch(/^nguồn phải là đường dẫn tệp .*không phải URL/);
    expect(url.vi).not.toContain("download");
    expect(url.en).toMatch(/^source must be a file path .*not a URL/);
    expect(url.en).not.toContain("nguồn");
  });

  it("an unknown key: the key quoted and the one it stands for, in each language", () => {
    expect(at(byId("misspelt"), "toleranceSquareMeter").message).toEqual({
      vi: 'khóa "toleranceSquareMeter" không có trong lược đồ (có phải "toleranceSquareMeters"?): sửa hoặc xóa khóa này',
      en: 'unknown key "toleranceSquareMeter" (did you mean "toleranceSquareMeters"?): correct or remove it',
    });
  });

  it("a duplicate id: the id quoted and the entry that holds it, in each language", () => {
    const [duplicate] = rules.filter((p) => p.index === 5);
    expect(duplicate).toEqual({
      index: 5,
      id: "no-housing-on-rice",
      field: "id",
      message: {
        vi: 'id "no-housing-on-rice" đã dùng cho quy tắc #4: đặt cho mỗi quy tắc một id riêng',
        en: 'duplicate rule id "no-housing-on-rice" (also rule #4): give each rule an id of its own',
      },
    });
  });

  it("an unknown layer: the id quoted and what to do, in each language", () => {
    expect(at(byId("ghost"), "constraint.layer").message).toEqual({
      vi: 'không có lớp "nowhere" trong danh mục: sửa id hoặc thêm lớp vào danh mục',
      en: 'unknown layer "nowhere": correct the id or add the layer to the catalogue',
    });
  });

  it("every problem has both languages, different unless zod's words are the same", () => {
    for (const p of [...rules, ...catalog]) {
      expect(p.message.vi, p.field).not.toBe("");
      expect(p.message.en, p.field).not.toBe("");
      expect(p.message.en, p.field).not.toMatch(
        /[ạảãáàậẩẫấầặẳẵắằệểễếềịỉĩíìọỏõóòộổỗốồợởỡớờụủũúùựửữứừỵỷỹýỳđ]/,
      );
    }
  });
});

describe("problem lines", () => {
  const [problem] = parseRules({ version: 1, rules: [{ ...good, severity: "fatal" }] }).problems;
  if (!problem) throw new Error("expected a problem");

  it("for a terminal: the place once, then Vietnamese / English on one line", () => {
    expect(formatRuleProblem(problem, "layers/rules.json")).toBe(
      'layers/rules.json: quy tắc / rule #0 "no-housing-on-rice" severity: Tùy chọn không hợp lệ: mong đợi một trong các giá trị "error"|"warning" / Invalid option: expected one of "error"|"warning"',
    );
  });

  it("for the app: one language, the UI's", () => {
    expect(formatRuleProblem(problem, "layers/rules.json", "vi")).toBe(
      'layers/rules.json: quy tắc #0 "no-housing-on-rice" severity: Tùy chọn không hợp lệ: mong đợi một trong các giá trị "error"|"warning"',
    );
    expect(formatRuleProblem(problem, "layers/rules.json", "en")).toBe(
      'layers/rules.json: rule #0 "no-housing-on-rice" severity: Invalid option: expected one of "error"|"warning"',
    );
    const [entry] = parseCatalog(catalogOf({ ...goodEntry, opacity: 2 })).problems;
    if (!entry) throw new Error("expected a problem");
    expect(formatCatalogProblem(entry, "layers/catalog.json", "vi")).toBe(
      'layers/catalog.json: lớp #0 "ring-road-4" opacity: Quá lớn: mong đợi number <=1',
    );
    expect(formatCatalogProblem(entry, "layers/catalog.json", "en")).toBe(
      'layers/catalog.json: layer #0 "ring-road-4" opacity: Too big: expected number to be <=1',
    );
  });
});
