import type { LocalizedText } from "../catalog/schema";
import { showValue } from "../text/show-value";

/*
 * Messages of the comparison. Values and names from the files are quoted with `showValue` (JSON
 * escapes, cut when long), never interpreted.
 */

/** Which plan a message is about. */
export type Side = "current" | "proposal";

const SIDE: Record<Side, LocalizedText> = {
  current: { vi: "Quy hoạch hiện hành", en: "Current plan" },
  proposal: { vi: "Phương án", en: "Proposal" },
};

const ZONE: Record<Side, LocalizedText> = {
  current: { vi: "vùng hiện hành", en: "current zone" },
  proposal: { vi: "vùng của phương án", en: "proposal zone" },
};

/** No zone of a side has the land-use attribute: nothing could be compared. */
export function attributeNotInLayer(
  side: Side,
  attribute: string,
  hint: LocalizedText,
): LocalizedText {
  const name = showValue(attribute);
  return {
    vi: `${SIDE[side].vi}: không vùng nào có thuộc tính ${name}${hint.vi}; cho đúng tên thuộc tính mã loại đất`,
    en: `${SIDE[side].en}: no zone has the attribute ${name}${hint.en}; give the right name of the land-use code attribute`,
  };
}

/** Zones without a code: compared as zones with no code. */
export function codesMissing(side: Side, attribute: string, count: number): LocalizedText {
  const name = showValue(attribute);
  return {
    vi: `${SIDE[side].vi}: ${count} vùng không có giá trị ${name}, được so sánh như vùng không mã; hãy ghi mã loại đất (Thông tư 01/2021/TT-BTNMT)`,
    en: `${SIDE[side].en}: ${count} zone(s) have no ${name} value and are compared as zones without a code; give each a land-use code (Circular 01/2021/TT-BTNMT)`,
  };
}

/** Zones whose value is no official code: compared as written. */
export function codesUnknown(
  side: Side,
  attribute: string,
  values: readonly string[],
  count: number,
): LocalizedText {
  const shown = values.slice(0, 3).map(showValue).join(", ");
  const more = values.length > 3 ? ", …" : "";
  return {
    vi: `${SIDE[side].vi}: ${count} vùng có ${showValue(attribute)} không phải mã loại đất của Thông tư 01/2021/TT-BTNMT (${shown}${more}), được so sánh theo giá trị ghi; hãy sửa mã`,
    en: `${SIDE[side].en}: ${count} zone(s) hold a ${showValue(attribute)} that is no land-use code of Circular 01/2021/TT-BTNMT (${shown}${more}), compared as written; correct the codes`,
  };
}

/** Zones whose value is a code once trimmed and upper-cased ("odt"): read as that code. */
export function codesReadLoosely(side: Side, attribute: string, count: number): LocalizedText {
  return {
    vi: `${SIDE[side].vi}: ${count} vùng ghi ${showValue(attribute)} chưa chuẩn (khoảng trắng, chữ thường), được đọc là mã sau khi bỏ khoảng trắng và viết hoa; hãy ghi đúng mã`,
    en: `${SIDE[side].en}: ${count} zone(s) write ${showValue(attribute)} loosely (spaces, lower case), read as the code once trimmed and upper-cased; write the codes as they are`,
  };
}

/** Features without a polygon: no area to compare. */
export function notPolygonal(side: Side, count: number): LocalizedText {
  return {
    vi: `${SIDE[side].vi}: ${count} đối tượng không có vùng (hình học rỗng, điểm hoặc đường), không được so sánh; lớp quy hoạch chỉ gồm các vùng`,
    en: `${SIDE[side].en}: ${count} feature(s) have no polygon (empty geometry, points or lines) and are left out of the comparison; a plan layer holds zones only`,
  };
}

/** Zones with invalid geometry: their pieces are listed as not computed. */
export function invalidZones(side: Side, count: number): LocalizedText {
  return {
    vi: `${SIDE[side].vi}: ${count} vùng có hình học không hợp lệ; các mảnh liên quan được ghi là không tính được; hãy sửa hình học (quy tắc valid-geometry của npm run check chỉ rõ chỗ sai)`,
    en: `${SIDE[side].en}: ${count} zone(s) have invalid geometry; the pieces they take part in are listed as not computed; fix the geometry (the valid-geometry rule of npm run check says where)`,
  };
}

/** What is wrong with an invalid zone, for {@link invalidZoneReason}. */
export type InvalidGeometry =
  | { kind: "coordinates" }
  | { kind: "self-intersection"; at: readonly number[] }
  | { kind: "hole-outside-shell" }
  | { kind: "nested-holes" };

function whatIsWrong(problem: InvalidGeometry): LocalizedText {
  switch (problem.kind) {
    case "coordinates":
      return {
        vi: "tọa độ không phải kinh độ, vĩ độ hợp lệ",
        en: "coordinates that are no valid longitude and latitude",
      };
    case "self-intersection": {
      const at = problem.at.map((v) => Number(v.toFixed(7))).join(", ");
      return {
        vi: `đường biên tự cắt hoặc chạm nhau tại ${at}`,
        en: `rings crossing or touching themselves at ${at}`,
      };
    }
    case "hole-outside-shell":
      return { vi: "lỗ nằm ngoài vòng ngoài", en: "a hole outside its shell" };
    case "nested-holes":
      return { vi: "lỗ nằm trong lỗ khác", en: "a hole inside another hole" };
  }
}

/** The reason of a piece not computed because a zone's geometry is invalid ("vi / en"). */
export function invalidZoneReason(side: Side, id: string, problem: InvalidGeometry): string {
  const what = whatIsWrong(problem);
  const zone = showValue(id);
  return `${ZONE[side].vi} ${zone} có hình học không hợp lệ (${what.vi}) / ${ZONE[side].en} ${zone} has invalid geometry (${what.en})`;
}
