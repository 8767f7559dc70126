import { useTranslation } from "react-i18next";
import { ROLE_NAMES } from "../core/review/review-roles";
import { useAppStore } from "../state/store";
import type { Language } from "../state/url-state";

/*
 * One line saying where the flags go when the app is served by the review server (`npm run
 * serve`): connected to the shared review, or offline with the changes queued, or not signed in.
 * Nothing without the server (the flags stay in the browser, as always).
 */

export function ReviewServerStatus({ lang }: { lang: Language }) {
  const { t } = useTranslation();
  const server = useAppStore((s) => s.review.server);
  const save = useAppStore((s) => s.review.flags?.save);
  if (!server) return null;
  const pending = save && save.kind !== "saved" ? save.pending : 0;
  const queued = t("reviewServer.queued", { count: pending });
  if (server.kind === "signed-out") {
    return (
      <p
        className="flag-save muted"
        role="status"
        data-testid="review-server"
        data-state="signed-out"
      >
        {t("reviewServer.signedOut")}
        <a href={server.loginUrl}>{t("reviewServer.signIn")}</a>
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
        {t("reviewServer.noReview", { user: server.user })}
      </p>
    );
  }
  const { session, online } = server;
  const line = online
    ? t("reviewServer.connected", {
        title: session.title,
        user: session.user,
        role: ROLE_NAMES[session.role][lang],
      })
    : t("reviewServer.offline", { queued });
  return (
    <p
      className={online ? "flag-save muted" : "flag-save"}
      role="status"
      data-testid="review-server"
      data-state={online ? "connected" : "offline"}
      data-pending={pending}
    >
      {line}
      {online && pending > 0 && ` (${queued})`}
    </p>
  );
}
