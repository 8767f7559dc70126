import { ROLE_NAMES } from "../core/review/review-roles";
import { useAppStore } from "../state/store";
import type { Language } from "../state/url-state";

/*
 * One line saying where the flags go when the app is served by the review server (`npm run
 * serve`): connected to the shared review, or offline with the changes queued, or not signed in.
 * Nothing without the server (the flags stay in the browser, as always).
 */

const queued = (n: number) => ({
  vi: `${n} thay đổi đang chờ gửi`,
  en: `${n} change${n === 1 ? "" : "s"} queued`,
});

export function ReviewServerStatus({ lang }: { lang: Language }) {
  const server = useAppStore((s) => s.review.server);
  const save = useAppStore((s) => s.review.flags?.save);
  if (!server) return null;
  const pending = save && save.kind !== "saved" ? save.pending : 0;
  if (server.kind === "signed-out") {
    return (
      <p
        className="flag-save muted"
        role="status"
        data-testid="review-server"
        data-state="signed-out"
      >
        {lang === "vi"
          ? "Máy chủ thẩm định: chưa đăng nhập — các cờ chỉ lưu trong trình duyệt này. "
          : "Review server: not signed in — flags stay in this browser only. "}
        <a href={server.loginUrl}>{lang === "vi" ? "Đăng nhập" : "Sign in"}</a>
      </p>
    );
  }
  if (server.kind === "no-review") {
    return (
      <p
        className="flag-save muted"
        role="status"
        data-testid="review-server"
        data-state="no-review"
      >
        {lang === "vi"
          ? `Máy chủ thẩm định: ${server.user} chưa thuộc cuộc thẩm định nào — các cờ chỉ lưu trong trình duyệt này; nhờ quản trị thêm bạn.`
          : `Review server: ${server.user} is in no review — flags stay in this browser only; ask the administrator to add you.`}
      </p>
    );
  }
  const { session, online } = server;
  const role = ROLE_NAMES[session.role][lang];
  const line = online
    ? lang === "vi"
      ? `Máy chủ thẩm định: đã kết nối — ${session.title}, ${session.user} (${role})`
      : `Review server: connected — ${session.title}, ${session.user} (${role})`
    : lang === "vi"
      ? `Máy chủ thẩm định: mất kết nối — ${queued(pending).vi}; vẫn làm việc được, thay đổi sẽ được gửi khi máy chủ trở lại`
      : `Review server: offline — ${queued(pending).en}; keep working, they are sent when it is back`;
  return (
    <p
      className={online ? "flag-save muted" : "flag-save"}
      role="status"
      data-testid="review-server"
      data-state={online ? "connected" : "offline"}
      data-pending={pending}
    >
      {line}
      {online && pending > 0 && ` (${queued(pending)[lang]})`}
    </p>
  );
}
