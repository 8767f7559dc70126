import { showValue } from "../text/show-value";
import type { Bilingual } from "../validate/validation-issue";
import type { FlagStatus } from "./flag-types";

/*
 * What the review workflow says when a change cannot be made, in both UI languages: the app shows
 * the user's, a log or the CLI both. Names and ids from data are quoted with showValue.
 */

/** The statuses as a reviewer reads them. */
export const STATUS_NAMES: Readonly<Record<FlagStatus, Bilingual>> = {
  open: { vi: "đang mở", en: "open" },
  confirmed: { vi: "đã xác nhận", en: "confirmed" },
  "accepted-as-exception": { vi: "chấp nhận ngoại lệ", en: "accepted as exception" },
  "needs-revision": { vi: "cần điều chỉnh", en: "needs revision" },
  resolved: { vi: "đã xử lý", en: "resolved" },
};

export const noReviewer: Bilingual = {
  vi: "chưa có tên người thẩm định: nhập tên của bạn trước khi gắn cờ",
  en: "no reviewer name: enter your name before flagging",
};

export const textTooLong = (what: Bilingual, max: number): Bilingual => ({
  vi: `${what.vi} dài quá ${max} ký tự: rút gọn lại`,
  en: `${what.en} longer than ${max} characters: shorten it`,
});

export const COMMENT: Bilingual = { vi: "ghi chú", en: "the comment" };
export const REVIEWER: Bilingual = { vi: "tên người thẩm định", en: "the reviewer name" };

export const noSuchFlag = (flagId: string): Bilingual => ({
  vi: `không có cờ ${showValue(flagId)}: tải lại danh sách cờ`,
  en: `no flag ${showValue(flagId)}: reload the flags`,
});

export const alreadyFlagged = (flagId: string): Bilingual => ({
  vi: `cờ ${showValue(flagId)} đã có: đổi trạng thái hoặc thêm ghi chú cho cờ đó`,
  en: `flag ${showValue(flagId)} exists already: change its status or comment on it`,
});

export const flagDeleted = (flagId: string): Bilingual => ({
  vi: `cờ ${showValue(flagId)} đã bị xóa: khôi phục nó trước`,
  en: `flag ${showValue(flagId)} was deleted: restore it first`,
});

export const flagNotDeleted = (flagId: string): Bilingual => ({
  vi: `cờ ${showValue(flagId)} chưa bị xóa: không cần khôi phục`,
  en: `flag ${showValue(flagId)} is not deleted: nothing to restore`,
});

export const statusNotAllowed = (from: FlagStatus, to: FlagStatus): Bilingual => ({
  vi: `không chuyển được từ "${STATUS_NAMES[from].vi}" sang "${STATUS_NAMES[to].vi}": mở lại cờ trước nếu cần`,
  en: `cannot change from "${STATUS_NAMES[from].en}" to "${STATUS_NAMES[to].en}": reopen the flag first if needed`,
});

export const sameStatus = (status: FlagStatus): Bilingual => ({
  vi: `cờ đã ở trạng thái "${STATUS_NAMES[status].vi}": thêm ghi chú nếu muốn bổ sung`,
  en: `the flag is "${STATUS_NAMES[status].en}" already: add a comment to say more`,
});

export const commentRequired = (to: FlagStatus): Bilingual => ({
  vi: `chuyển sang "${STATUS_NAMES[to].vi}" cần ghi chú lý do: nhập ghi chú`,
  en: `changing to "${STATUS_NAMES[to].en}" needs a comment saying why: enter a comment`,
});

export const mustSettle: Bilingual = {
  vi: "các người thẩm định đang để trạng thái khác nhau cho cờ này: người chủ trì hãy chọn trạng thái cuối (phân xử) kèm ghi chú",
  en: "reviewers left different statuses on this flag: the lead reviewer settles it (choose the final status, with a comment)",
};

export const nothingToSettle: Bilingual = {
  vi: "cờ không có bất đồng nào cần phân xử: đổi trạng thái như thường",
  en: "the flag has no disagreement to settle: change its status as usual",
};

export const emptyComment: Bilingual = {
  vi: "ghi chú trống: nhập nội dung ghi chú",
  en: "the comment is empty: write something",
};

export const notOwnFlag = (flagId: string): Bilingual => ({
  vi: `cờ ${showValue(flagId)} gắn với một phát hiện: chỉ di chuyển được cờ tự vẽ`,
  en: `flag ${showValue(flagId)} is on a finding: only a drawn flag can be moved`,
});

export const badGeometry: Bilingual = {
  vi: "hình vẽ không hợp lệ: cần một điểm hoặc một vùng khép kín có ít nhất 3 đỉnh, tọa độ kinh/vĩ độ WGS84",
  en: "invalid drawing: draw a point or a closed polygon of at least 3 vertices, WGS84 lon/lat",
};

export const notAddressed = (eventId: string): Bilingual => ({
  vi: `sự kiện ${showValue(eventId)} không phải ý kiến gửi đơn vị tư vấn của cờ này: chỉ trả lời được ghi chú gửi đơn vị tư vấn hoặc cờ "cần điều chỉnh"`,
  en: `event ${showValue(eventId)} is not addressed to the consultant on this flag: only a comment addressed to the consultant, or a flag set to "needs revision", can be answered`,
});
