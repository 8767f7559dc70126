import { useTranslation } from "react-i18next";
import { useAppStore, useDispatch } from "../state/store";
import { catalogOf } from "../state/store-selectors";
import { BaseDataNotice } from "./base-data-notice";
import { CatalogNotice } from "./catalog-notice";
import { LanguageSwitch } from "./language-switch";
import { LayersTab } from "./layers-tab";
import { CheckPanel, ProgressTable, ProposalCompare } from "./lazy-panels";
import { SidebarTabs } from "./sidebar-tabs";

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
  return (
    <aside className="sidebar" aria-label={t("app.sidebar")}>
      <header className="sidebar__header">
        <div>
          <h1 className="sidebar__title">{t("app.title")}</h1>
          <p className="sidebar__subtitle">{t("app.subtitle")}</p>
        </div>
        <LanguageSwitch onChange={(lang) => void i18n.changeLanguage(lang)} />
      </header>
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
          catalog && <CheckPanel catalog={catalog.layers} />
        ) : tab === "compare" ? (
          <ProposalCompare />
        ) : (
          catalog && <ProgressTable catalog={catalog} />
        )}
      </div>
    </aside>
  );
}
