import { useTranslation } from "react-i18next";
import { useAppStore, useDispatch } from "../state/store";
import { catalogOf } from "../state/store-selectors";
import { BaseDataNotice } from "./base-data-notice";
import { CatalogNotice } from "./catalog-notice";
import { CopyLinkButton } from "./copy-link-button";
import { LanguageSwitch } from "./language-switch";
import { LayersTab } from "./layers-tab";
import { CheckPanel, ProgressTable, ProposalCompare } from "./lazy-panels";
import { ReviewPanel } from "./review-panel";
import { SidebarTabs } from "./sidebar-tabs";
import { SidebarToggle, useSidebarCollapse } from "./sidebar-toggle";

/** The left column: title, language, notices, then the "Layers", "Check" or "Progress" tab. */
export function Sidebar() {
  const { t, i18n } = useTranslation();
  const tab = useAppStore((s) => s.app.tab);
  const catalogState = useAppStore((s) => s.resources.catalog);
  const baseState = useAppStore((s) => s.resources.base);
  const catalogFile = useAppStore((s) => s.resources.catalogFile);
  const hasProposal = useAppStore((s) => s.app.proposal !== null);
  const catalog = useAppStore(catalogOf);
  const dispatch = useDispatch();
  const fold = useSidebarCollapse();
  return (
    <aside
      className={`sidebar${fold.collapsed ? " sidebar--collapsed" : ""}`}
      aria-label={t("app.sidebar")}
    >
      <header className="sidebar__header">
        <div>
          <h1 className="sidebar__title">{t("app.title")}</h1>
          <p className="sidebar__subtitle">{t("app.subtitle")}</p>
        </div>
        <div className="sidebar__actions">
          <CopyLinkButton />
          <LanguageSwitch onChange={(lang) => void i18n.changeLanguage(lang)} />
          <SidebarToggle {...fold} controls="sidebar-body" />
        </div>
      </header>
      {/* folded away on a phone (sidebar-toggle) */}
      <div className="sidebar__body" id="sidebar-body">
        <CatalogNotice state={catalogState} file={catalogFile} />
        <BaseDataNotice state={baseState} />
        <SidebarTabs
          tab={tab}
          onChange={(next) => dispatch({ type: "set-tab", tab: next })}
          compare={hasProposal}
        />
        <div
          className="sidebar__panel"
          id={`panel-${tab}`}
          role="tabpanel"
          aria-labelledby={`tab-${tab}`}
        >
          {tab === "layers" ? (
            <LayersTab />
          ) : tab === "check" ? (
            catalog && (
              <>
                <CheckPanel catalog={catalog.layers} />
                <ReviewPanel />
              </>
            )
          ) : tab === "compare" ? (
            <ProposalCompare />
          ) : (
            catalog && <ProgressTable catalog={catalog} />
          )}
        </div>
      </div>
    </aside>
  );
}
