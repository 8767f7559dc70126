import type { Bilingual } from "../../core/validate/validation-issue";

/** Thrown when another tab keeps an older version of the database open, so it cannot be opened. */
export class StorageBlockedError extends Error {
  override name = "StorageBlockedError";
}

/** Thrown when the browser has no IndexedDB at all. */
export class NoStorageError extends Error {
  override name = "NoStorageError";
}

/** What is said after every failure: nothing is lost yet, and what the reviewer can do meanwhile. */
const KEPT: Bilingual = {
  vi: "các cờ vẫn được giữ trong trang này và sẽ được lưu lại tự động; đừng đóng trang, hoặc xuất tệp thẩm định để giữ an toàn",
  en: "the flags are kept in this page and saving is retried automatically; do not close the page, or export the review file to be safe",
};

const said = (vi: string, en: string): Bilingual => ({
  vi: `${vi}: ${KEPT.vi}`,
  en: `${en}: ${KEPT.en}`,
});

/**
 * Why the flags could not be read or saved, in both languages, from the storage error: a full
 * disk, private mode or storage turned off, another tab in the way, or anything else with its text.
 */
export function saveErrorText(error: unknown, phase: "load" | "save"): Bilingual {
  const name = error instanceof Error || error instanceof DOMException ? error.name : "";
  const detail =
    error instanceof Error || error instanceof DOMException ? error.message : String(error);
  switch (name) {
    case "QuotaExceededError":
      return said(
        "bộ nhớ của trình duyệt đã đầy, không lưu được cờ",
        "the browser's storage is full, the flags cannot be saved",
      );
    case "NoStorageError":
    case "SecurityError":
    case "InvalidStateError":
      return said(
        "trình duyệt không cho lưu dữ liệu (chế độ riêng tư hoặc bộ nhớ trang web bị tắt)",
        "the browser does not allow storage (private mode, or site storage turned off)",
      );
    case "ServerUnreachableError":
      return said(
        "không kết nối được máy chủ thẩm định; các thay đổi đang chờ và sẽ được gửi khi máy chủ trở lại",
        "the review server cannot be reached; the changes are queued and sent when it is back",
      );
    case "ServerRefusedError": {
      // the server's own words (server-persistence.ts): what was refused and what to do
      const text = (error as unknown as { text: Bilingual }).text;
      return said(`máy chủ thẩm định từ chối: ${text.vi}`, `the review server refused: ${text.en}`);
    }
    case "StorageBlockedError":
      return said(
        "một thẻ khác của ứng dụng đang mở phiên bản cũ của dữ liệu; đóng hoặc tải lại các thẻ đó",
        "another tab of the app holds an older version of the data open; close or reload it",
      );
    default:
      return phase === "load"
        ? said(
            `không đọc được các cờ đã lưu (${detail})`,
            `cannot read the stored flags (${detail})`,
          )
        : said(`không lưu được cờ (${detail})`, `cannot save the flags (${detail})`);
  }
}
