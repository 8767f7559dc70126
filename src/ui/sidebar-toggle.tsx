import { useState } from "react";
import { useTranslation } from "react-i18next";

/** Narrower than this the sidebar sits above the map and can fold away (the CSS's phone layout). */
const PHONE_QUERY = "(max-width: 720px)";

/** Whether the sidebar's panels are folded away: on a phone they start folded, so the map shows. */
export function useSidebarCollapse(): { collapsed: boolean; toggle: () => void } {
  const [collapsed, setCollapsed] = useState(
    () => typeof window !== "undefined" && window.matchMedia?.(PHONE_QUERY).matches === true,
  );
  return { collapsed, toggle: () => setCollapsed((c) => !c) };
}

/** The phone layout's button that shows or hides the sidebar's panels (hidden on wider screens). */
export function SidebarToggle({
  collapsed,
  toggle,
  controls,
}: {
  collapsed: boolean;
  toggle: () => void;
  /** Id of the element it shows and hides. */
  controls: string;
}) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="sidebar-toggle"
      data-testid="sidebar-toggle"
      aria-expanded={!collapsed}
      aria-controls={controls}
      onClick={toggle}
    >
      <span aria-hidden="true">{collapsed ? "☰" : "▴"}</span>{" "}
      {collapsed ? t("app.showPanel") : t("app.hidePanel")}
    </button>
  );
}
