import type { Bilingual } from "../core/validate/validation-issue";

/*
 * What the reviewers' controls say (flags on findings, triage, the save state, the map's chooser),
 * in both UI languages; a component shows `TEXT.x[lang]`. Kept here rather than in the i18n JSON so
 * the core's bilingual messages (`problem[lang]`, `STATUS_NAMES`) and these read the same way.
 */
export const TEXT = {
  reviewerLabel: { vi: "Tên người thẩm định", en: "Reviewer's name" },
  reviewerHint: {
    vi: "Tên này được ghi vào mọi cờ bạn gắn (nhập một lần, trình duyệt ghi nhớ).",
    en: "Signed on every flag you make (asked once, kept by this browser).",
  },
  reviewerSave: { vi: "Lưu tên", en: "Save name" },
  reviewerChange: { vi: "Đổi tên", en: "Change" },
  reviewerIs: { vi: "Người thẩm định", en: "Reviewer" },
  flag: { vi: "Gắn cờ", en: "Flag it" },
  restore: { vi: "Gắn cờ lại", en: "Flag it again" },
  comment: { vi: "Ghi chú", en: "Comment" },
  commentRequired: { vi: "Ghi chú (bắt buộc)", en: "Comment (required)" },
  addComment: { vi: "Thêm ghi chú", en: "Add comment" },
  status: { vi: "Trạng thái", en: "Status" },
  setStatus: { vi: "Đổi trạng thái", en: "Change status" },
  noNext: { vi: "Không có trạng thái nào khác", en: "No other status" },
  history: { vi: "Lịch sử", en: "History" },
  loading: {
    vi: "Đang đọc các cờ đã lưu… (chờ giây lát trước khi gắn cờ)",
    en: "Reading the stored flags… (wait a moment before flagging)",
  },
  disagreement: {
    vi: "Các người thẩm định để trạng thái khác nhau: người chủ trì cần phân xử.",
    en: "Reviewers left different statuses: the lead reviewer must settle it.",
  },
  noLongerFound: { vi: "Không còn phát hiện", en: "No longer found" },
  noLongerFoundHint: {
    vi: "Các cờ này gắn với phát hiện mà lần kiểm tra này không còn thấy (quy hoạch đã sửa, hoặc quy tắc không chạy). Cờ vẫn được giữ.",
    en: "These flags are on findings this run no longer found (the plan was fixed, or the rule did not run). The flags are kept.",
  },
  unflagged: { vi: "chưa gắn cờ", en: "not flagged" },
  any: { vi: "tất cả", en: "all" },
  filterTitle: { vi: "Lọc và sắp xếp", en: "Filter and sort" },
  severity: { vi: "Mức độ", en: "Severity" },
  rule: { vi: "Quy tắc", en: "Rule" },
  district: { vi: "Quận/huyện", en: "District" },
  reviewStatus: { vi: "Trạng thái thẩm định", en: "Review status" },
  minArea: { vi: "Diện tích tối thiểu (ha)", en: "Minimum area (ha)" },
  sort: { vi: "Sắp xếp", en: "Sort" },
  sortAreaDesc: { vi: "diện tích lớn trước", en: "largest area first" },
  sortAreaAsc: { vi: "diện tích nhỏ trước", en: "smallest area first" },
  sortShareDesc: { vi: "tỷ lệ lớn trước", en: "largest share first" },
  sortShareAsc: { vi: "tỷ lệ nhỏ trước", en: "smallest share first" },
  clearFilter: { vi: "Bỏ lọc", en: "Clear filter" },
  noneMatch: {
    vi: "Không có phát hiện nào khớp bộ lọc: nới bộ lọc hoặc bấm “Bỏ lọc”.",
    en: "No finding matches the filter: widen it or press “Clear filter”.",
  },
  headline: {
    vi: "Diện tích xung đột (diện tích tính một lần cho mỗi quy tắc)",
    en: "Conflict area (each m² counted once per rule)",
  },
  headlineWorking: { vi: "đang tính…", en: "computing…" },
  headlineSummed: { vi: "cộng dồn từng phát hiện", en: "summed finding by finding" },
  saveLoading: { vi: "Đang đọc các cờ đã lưu…", en: "Reading the stored flags…" },
  saveSaving: { vi: "Đang lưu cờ…", en: "Saving the flags…" },
  saveFailedLoad: { vi: "Không đọc được các cờ đã lưu", en: "The stored flags could not be read" },
  saveFailedSave: { vi: "Chưa lưu được cờ", en: "The flags are not saved yet" },
  retryNow: { vi: "Thử lại ngay", en: "Retry now" },
  chooserTitle: {
    vi: "Nhiều xung đột tại điểm này: chọn một",
    en: "Several conflicts here: pick one",
  },
  close: { vi: "Đóng", en: "Close" },
} as const satisfies Record<string, Bilingual>;

/** "Thử lại sau 4 giây" / "Retrying in 4 s" (`seconds` 0: retrying now). */
export const retryIn = (seconds: number): Bilingual =>
  seconds > 0
    ? { vi: `Thử lại sau ${seconds} giây.`, en: `Retrying in ${seconds} s.` }
    : { vi: "Đang thử lại…", en: "Retrying…" };

/** "đang chờ lưu: 3 thay đổi" / "3 changes waiting to be saved". */
export const pendingEvents = (n: number): Bilingual => ({
  vi: `${n} thay đổi đang chờ lưu`,
  en: `${n} change${n === 1 ? "" : "s"} waiting to be saved`,
});

/** "Đang hiện 12 / 40 phát hiện" / "Showing 12 of 40 findings". */
export const showing = (shown: number, all: number): Bilingual => ({
  vi: `Đang hiện ${shown} / ${all} phát hiện`,
  en: `Showing ${shown} of ${all} findings`,
});

/** The linked or selected finding a run no longer found. */
export const missingFinding = (id: string): Bilingual => ({
  vi: `Phát hiện "${id}" (từ liên kết hoặc đang chọn) không có trong lần kiểm tra này: quy hoạch có thể đã sửa, hoặc quy tắc của nó chưa được chọn.`,
  en: `Finding "${id}" (from the link, or selected) is not among this run's findings: the plan may have been fixed, or its rule is not ticked.`,
});
