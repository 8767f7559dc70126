import type { Rule } from "../catalog/rules-schema";
import type { LocalizedText } from "../catalog/schema";
import { showValue } from "../text/show-value";
import type { ProblemFeatures } from "./types";

/*
 * What the engine says when it leaves a rule out or cannot name a prevailing plan, in both UI
 * languages: the app shows the user's language, the CLI prints both. Layer and rule ids are quoted
 * as written (`showValue`: a layer id in the rules file may be any text).
 */

const quoted = (ids: readonly string[], and: string) => ids.map(showValue).join(and);

export function layersNotLoaded(rule: Rule, missing: readonly string[]): LocalizedText {
  return {
    vi: `Bỏ qua quy tắc "${rule.id}": chưa nạp lớp ${quoted(missing, ", ")}`,
    en: `rule "${rule.id}" skipped: layer ${quoted(missing, ", ")} not loaded`,
  };
}

export function layerNotInCatalogue(rule: Rule, layer: string): LocalizedText {
  return {
    vi: `Lớp ${showValue(layer)} không có trong danh mục: các phát hiện của quy tắc "${rule.id}" không nêu được quy hoạch cấp trên`,
    en: `layer ${showValue(layer)} is not in the catalogue: findings of rule "${rule.id}" name no prevailing plan`,
  };
}

export function layersNotPolygonal(
  rule: Rule,
  layers: readonly { role: "subject" | "constraint"; id: string }[],
): LocalizedText {
  const vi = layers
    .map(
      ({ role, id }) =>
        `${role === "subject" ? "lớp đối tượng" : "lớp ràng buộc"} ${showValue(id)}`,
    )
    .join(" và ");
  const en = layers.map(({ role, id }) => `${role} layer ${showValue(id)}`).join(" and ");
  return {
    vi: `Bỏ qua quy tắc "${rule.id}": ${vi} phải là lớp vùng (polygon) với loại quy tắc ${rule.type}`,
    en: `rule "${rule.id}" skipped: its ${en} must be polygons (${rule.type})`,
  };
}

/** A rule whose set-up threw; `reason` is the error's own (technical, untranslated) text. */
export function ruleSetupFailed(rule: Rule, reason: string): LocalizedText {
  return {
    vi: `Bỏ qua quy tắc "${rule.id}": không chuẩn bị được (${reason})`,
    en: `rule "${rule.id}" skipped: ${reason}`,
  };
}

/*
 * Data against rules (`rule-data.ts`). Values and attribute names come from the files: they are
 * quoted as JSON strings (escapes, no line breaks) and long ones cut, never interpreted.
 */

/** Rules named in a data problem: the first three, then how many more (one layer feeds many). */
function ruleList(rules: readonly string[]): LocalizedText {
  const shown = quoted(rules.slice(0, 3), ", ");
  const more = rules.length - 3;
  return more > 0
    ? { vi: `${shown} và ${more} quy tắc khác`, en: `${shown} and ${more} more` }
    : { vi: shown, en: shown };
}

/** An attribute a rule reads that no feature of the layer has. */
export function attributeNotInLayer(
  rule: Rule,
  field: string,
  attribute: string,
  layer: string,
  hint: LocalizedText,
): LocalizedText {
  const name = showValue(attribute);
  return {
    vi: `Bỏ qua quy tắc "${rule.id}": ${field} là ${name} nhưng không đối tượng nào của lớp ${showValue(layer)} có thuộc tính này${hint.vi}; sửa tên thuộc tính trong quy tắc hoặc trong dữ liệu`,
    en: `rule "${rule.id}" skipped: ${field} is ${name} but no feature of layer ${showValue(layer)} has that attribute${hint.en}; correct the name in the rule or in the data`,
  };
}

/** A filter value or matrix key of a code attribute that is not an official land-use code. */
export function notALandUseCode(
  rule: Rule,
  field: string,
  value: string,
  hint: LocalizedText,
): LocalizedText {
  const shown = showValue(value);
  return {
    vi: `Bỏ qua quy tắc "${rule.id}": ${field} có ${shown}, không phải mã loại đất của Thông tư 01/2021/TT-BTNMT${hint.vi}; không đối tượng nào khớp được giá trị này`,
    en: `rule "${rule.id}" skipped: ${field} holds ${shown}, which is not a land-use code of Circular 01/2021/TT-BTNMT${hint.en}; no feature could ever match it`,
  };
}

/** A filter value or matrix key (not a code) that no feature of the layer has. */
export function valueInNoFeature(
  rule: Rule,
  field: string,
  value: string,
  attribute: string,
  layer: string,
  hint: LocalizedText,
): LocalizedText {
  const shown = showValue(value);
  const name = showValue(attribute);
  return {
    vi: `Quy tắc "${rule.id}": ${field} có ${shown} nhưng không đối tượng nào của lớp ${showValue(layer)} có ${name} bằng giá trị này${hint.vi}; kiểm tra lại giá trị`,
    en: `rule "${rule.id}": ${field} holds ${shown} but no feature of layer ${showValue(layer)} has ${name} equal to it${hint.en}; check the value`,
  };
}

/**
 * A problem of a code attribute's values: `layer "x", attribute "y": <what>`, then the rules reading
 * the attribute, as skipped or (when they still ran) in parentheses.
 */
function columnProblem(
  layer: string,
  attribute: string,
  what: LocalizedText,
  rules: readonly string[],
  skipped: boolean,
): LocalizedText {
  const list = ruleList(rules);
  const where = {
    vi: `Lớp ${showValue(layer)}, thuộc tính ${showValue(attribute)}`,
    en: `layer ${showValue(layer)}, attribute ${showValue(attribute)}`,
  };
  return skipped
    ? {
        vi: `${where.vi}: ${what.vi}; bỏ qua quy tắc ${list.vi}`,
        en: `${where.en}: ${what.en}; rules ${list.en} skipped`,
      }
    : {
        vi: `${where.vi}: ${what.vi} (quy tắc ${list.vi})`,
        en: `${where.en}: ${what.en} (rules ${list.en})`,
      };
}

/** Features of a code attribute whose value is a code only once tidied: read as that code. */
export function codeReadLoosely(
  layer: string,
  attribute: string,
  value: string,
  code: string,
  count: number,
  rules: readonly string[],
): LocalizedText {
  const shown = showValue(value);
  const what = {
    vi: `${count} đối tượng ghi ${shown}, được đọc là mã "${code}"; hãy ghi đúng mã`,
    en: `${count} feature(s) hold ${shown}, read as the code "${code}"; write the code as it is`,
  };
  return columnProblem(layer, attribute, what, rules, false);
}

/** Features of a code attribute without a value: the rules reading it do not run. */
export function codeMissing(
  layer: string,
  attribute: string,
  count: number,
  rules: readonly string[],
): LocalizedText {
  const name = showValue(attribute);
  return {
    vi: `Lớp ${showValue(layer)}: ${count} đối tượng không có giá trị ${name}, cần một mã loại đất (Thông tư 01/2021/TT-BTNMT); bỏ qua quy tắc ${ruleList(rules).vi}`,
    en: `layer ${showValue(layer)}: ${count} feature(s) have no ${name} value; each needs a land-use code (Circular 01/2021/TT-BTNMT); rules ${ruleList(rules).en} skipped`,
  };
}

/** Features of a code attribute whose value is no code: the rules reading it do not run. */
export function codeUnknown(
  layer: string,
  attribute: string,
  value: string,
  count: number,
  hint: LocalizedText,
  rules: readonly string[],
): LocalizedText {
  const shown = showValue(value);
  const what = {
    vi: `${count} đối tượng ghi ${shown}, không phải mã loại đất của Thông tư 01/2021/TT-BTNMT${hint.vi}`,
    en: `${count} feature(s) hold ${shown}, not a land-use code of Circular 01/2021/TT-BTNMT${hint.en}`,
  };
  return columnProblem(layer, attribute, what, rules, true);
}

/** Values of a code attribute read as codes once tidied, beyond those named one by one. */
export function moreCodesReadLoosely(
  layer: string,
  attribute: string,
  values: number,
  count: number,
  rules: readonly string[],
): LocalizedText {
  const what = {
    vi: `${values} cách ghi khác nữa (${count} đối tượng) được đọc là mã sau khi bỏ khoảng trắng và viết hoa; hãy ghi đúng mã`,
    en: `${values} more spellings (${count} feature(s)) read as codes once trimmed and upper-cased; write the codes as they are`,
  };
  return columnProblem(layer, attribute, what, rules, false);
}

/** Values of a code attribute that are no code, beyond those named one by one. */
export function moreCodesUnknown(
  layer: string,
  attribute: string,
  values: number,
  count: number,
  rules: readonly string[],
): LocalizedText {
  const what = {
    vi: `${values} giá trị khác nữa (${count} đối tượng) không phải mã loại đất của Thông tư 01/2021/TT-BTNMT`,
    en: `${values} more values (${count} feature(s)) are not land-use codes of Circular 01/2021/TT-BTNMT`,
  };
  return columnProblem(layer, attribute, what, rules, true);
}

/**
 * The features of a problem as their files number them: `2/661 (id "1"), 12/661 (id "11"), …`
 * (1-based position in the layer / features in it; "…" when there are more than listed).
 */
export function featureRefs(features: ProblemFeatures): string {
  const refs = features.first.map(
    ({ index, id }) => `${index + 1}/${features.total} (id ${showValue(id)})`,
  );
  return `${refs.join(", ")}${features.count > refs.length ? ", …" : ""}`;
}

/** {@link featureRefs} with its noun, in both languages, for a list of problems. */
export function problemFeaturesText(features: ProblemFeatures): LocalizedText {
  const refs = featureRefs(features);
  return {
    vi: `đối tượng ${refs}`,
    en: `${features.count === 1 ? "feature" : "features"} ${refs}`,
  };
}
