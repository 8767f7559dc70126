import type { LocalizedText } from "../../../catalog/schema";
import { showValue } from "../../../text/show-value";
import type { QuotaRule } from "./schema";

/* What the engine says when it leaves a quota rule out, in both UI languages (see problem-messages.ts). */

/** A rule overlaying the district layer when the run was given none. */
export function districtsNotGiven(rule: QuotaRule): LocalizedText {
  return {
    vi: `Bỏ qua quy tắc "${rule.id}": quy tắc tính theo lớp ranh giới quận, huyện nhưng lớp này chưa được nạp`,
    en: `rule "${rule.id}" skipped: it groups by the district layer, which was not given`,
  };
}

/** A quota target naming a district code that is known nowhere. */
export function unknownDistrict(
  rule: QuotaRule,
  target: number,
  district: string,
  where: LocalizedText,
  hint: LocalizedText,
): LocalizedText {
  const shown = showValue(district);
  return {
    vi: `Bỏ qua quy tắc "${rule.id}": targets.${target}.district là ${shown}, không phải mã quận, huyện nào của ${where.vi}${hint.vi}`,
    en: `rule "${rule.id}" skipped: targets.${target}.district is ${shown}, not a district code of ${where.en}${hint.en}`,
  };
}

/** Where quota district codes come from, for {@link unknownDistrict}. */
export function districtSources(attribute: string | null, layer: string): LocalizedText {
  if (attribute === null) return { vi: "lớp ranh giới quận, huyện", en: "the district layer" };
  const name = showValue(attribute);
  return {
    vi: `lớp ranh giới quận, huyện hay thuộc tính ${name} của lớp ${showValue(layer)}`,
    en: `the district layer or of attribute ${name} of layer ${showValue(layer)}`,
  };
}
