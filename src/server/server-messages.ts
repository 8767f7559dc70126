import { showValue } from "../core/text/show-value";
import type { Bilingual } from "../core/validate/validation-issue";

/*
 * What the review server answers when it refuses a request, in both languages: the app shows the
 * user's, the command line both. Names from requests are quoted with showValue.
 */

export const notSignedIn: Bilingual = {
  vi: "chưa đăng nhập hoặc phiên đã hết hạn: đăng nhập lại (trang /login)",
  en: "not signed in, or the session expired: sign in again (page /login)",
};

export const badLogin: Bilingual = {
  vi: "sai tên hoặc mật khẩu: kiểm tra lại, hoặc nhờ quản trị đặt lại mật khẩu",
  en: "wrong name or password: check them, or ask the administrator to reset the password",
};

export const tooManyLogins = (seconds: number): Bilingual => ({
  vi: `đăng nhập sai quá nhiều lần: thử lại sau ${seconds} giây`,
  en: `too many failed sign-ins: try again in ${seconds} s`,
});

/** The same words for a review that does not exist and one the user is not a member of. */
export const noSuchReview = (review: string): Bilingual => ({
  vi: `không có cuộc thẩm định ${showValue(review)}, hoặc bạn không phải thành viên: kiểm tra mã cuộc thẩm định, hoặc nhờ quản trị thêm bạn vào`,
  en: `no review ${showValue(review)}, or you are not a member of it: check the review id, or ask the administrator to add you`,
});

export const crossSite: Bilingual = {
  vi: "yêu cầu đến từ trang web khác: bị từ chối; mở ứng dụng từ chính máy chủ này",
  en: "cross-site request refused: open the app from this server itself",
};

export const notJson: Bilingual = {
  vi: "nội dung yêu cầu phải là JSON (Content-Type: application/json)",
  en: "the request body must be JSON (Content-Type: application/json)",
};

export const badJson: Bilingual = {
  vi: "nội dung yêu cầu không phải JSON hợp lệ",
  en: "the request body is not valid JSON",
};

export const tooLarge = (bytes: number): Bilingual => ({
  vi: `nội dung yêu cầu lớn hơn ${bytes} byte: gửi ít hơn mỗi lần`,
  en: `the request body is larger than ${bytes} bytes: send less at a time`,
});

export const notFound: Bilingual = {
  vi: "không có địa chỉ API này",
  en: "no such API address",
};

export const internalError: Bilingual = {
  vi: "lỗi nội bộ của máy chủ thẩm định; thay đổi chưa được lưu, hãy thử lại; nếu lặp lại, báo quản trị kèm thời điểm",
  en: "internal error of the review server; the change was not stored, try again; if it repeats, tell the administrator the time",
};

export const noSuchVersion = (version: string): Bilingual => ({
  vi: `không có phiên bản phương án ${showValue(version)}: xem danh sách các phiên bản đã tải lên`,
  en: `no proposal version ${showValue(version)}: see the list of uploaded versions`,
});
