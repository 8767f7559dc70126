import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { CloseButton } from "./close-button";

/** A dismissible message box; `tone` sets its colour. */
export function Notice({
  tone,
  title,
  children,
  onDismiss,
  testId,
}: {
  tone: "warning" | "error" | "info";
  title: string;
  children?: ReactNode;
  onDismiss?: () => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <div
      className={`notice notice--${tone}`}
      role={tone === "info" ? "status" : "alert"}
      data-testid={testId}
    >
      <div className="notice__body">
        <p className="notice__title">{title}</p>
        {children}
      </div>
      {onDismiss && (
        <CloseButton label={t("notice.dismiss")} className="notice__dismiss" onClick={onDismiss} />
      )}
    </div>
  );
}
