import type { KeyboardEvent } from "react";
import { useTranslation } from "react-i18next";
import type { Tab } from "../state/app-state";

/**
 * The "Layers" / "Check" / "Compare" / "Progress" tab strip (WAI-ARIA tabs: arrow keys move between
 * tabs). "Compare" is there while a proposal is loaded.
 */
export function SidebarTabs({
  tab,
  onChange,
  compare,
}: {
  tab: Tab;
  onChange: (tab: Tab) => void;
  compare: boolean;
}) {
  const { t } = useTranslation();
  const TABS: Tab[] = compare
    ? ["layers", "check", "compare", "progress"]
    : ["layers", "check", "progress"];
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") return;
    const step = event.key === "ArrowRight" ? 1 : -1;
    const next = TABS[(TABS.indexOf(tab) + step + TABS.length) % TABS.length] ?? "layers";
    onChange(next);
    document.getElementById(`tab-${next}`)?.focus();
  };
  return (
    <div className="tabs" role="tablist" aria-label={t("tabs.label")} onKeyDown={onKeyDown}>
      {TABS.map((id) => (
        <button
          key={id}
          id={`tab-${id}`}
          type="button"
          role="tab"
          className="tabs__tab"
          data-testid={`tab-${id}`}
          aria-selected={tab === id}
          aria-controls={`panel-${id}`}
          tabIndex={tab === id ? 0 : -1}
          onClick={() => onChange(id)}
        >
          {t(`tabs.${id}`)}
        </button>
      ))}
    </div>
  );
}
