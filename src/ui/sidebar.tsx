import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { CATALOG_FILE } from "../app/runtime-urls";
import type { BaseDataState } from "../app/use-base-data";
import type { CatalogState } from "../app/use-catalog";
import type { LayerSource } from "../app/use-layer-sources";
import type { Catalog } from "../core/catalog/parse-catalog";
import type { Tab } from "../state/app-state";
import type { DistrictInfo } from "../state/districts-index";
import type { LayerSettings } from "../state/layer-settings";
import type { LoadedProposal } from "../state/proposal-layer";
import type { Language } from "../state/url-state";
import { BaseDataNotice } from "./base-data-notice";
import { BasemapToggle } from "./basemap-toggle";
import { CatalogNotice } from "./catalog-notice";
import { DistrictSearch } from "./district-search";
import { DistrictSummary } from "./district-summary";
import { LanguageSwitch } from "./language-switch";
import { LayerPanel } from "./layer-panel";
import { ProgressTable } from "./lazy-panels";
import { ProposalLayerRow } from "./proposal-layer-row";
import { SidebarTabs } from "./sidebar-tabs";

type Props = {
  tab: Tab;
  onTab: (tab: Tab) => void;
  onLanguage: (lang: Language) => void;
  catalogState: CatalogState;
  catalog: Catalog | null;
  baseState: BaseDataState;
  settings: LayerSettings;
  sources: Record<string, LayerSource>;
  /** The proposal loaded in this session, listed above the catalogue's layers. */
  proposal: LoadedProposal | null;
  basemap: boolean;
  basemapFailed: boolean;
  selectedDistrict: DistrictInfo | undefined;
  onVisible: (id: string, visible: boolean) => void;
  onOpacity: (id: string, opacity: number) => void;
  onZoomToLayer: (id: string) => void;
  onBasemap: (on: boolean) => void;
  onSelectDistrict: (district: DistrictInfo) => void;
  onCloseDistrict: () => void;
  /** Content of the "Check" tab (the check panel). */
  checkPanel: ReactNode;
  /** Content of the "Compare" tab, while a proposal is loaded (null: no such tab). */
  comparePanel: ReactNode;
};

/** The left column: title, language, notices, then the "Layers", "Check" or "Progress" tab. */
export function Sidebar(props: Props) {
  const { t } = useTranslation();
  const { catalog, tab } = props;
  return (
    <aside className="sidebar" aria-label={t("app.sidebar")}>
      <header className="sidebar__header">
        <div>
          <h1 className="sidebar__title">{t("app.title")}</h1>
          <p className="sidebar__subtitle">{t("app.subtitle")}</p>
        </div>
        <LanguageSwitch onChange={props.onLanguage} />
      </header>
      <CatalogNotice state={props.catalogState} file={CATALOG_FILE} />
      <BaseDataNotice state={props.baseState} />
      <SidebarTabs tab={tab} onChange={props.onTab} compare={props.comparePanel !== null} />
      <div
        className="sidebar__panel"
        id={`panel-${tab}`}
        role="tabpanel"
        aria-labelledby={`tab-${tab}`}
      >
        {tab === "layers" ? (
          <>
            {props.baseState.status === "ready" && (
              <DistrictSearch
                districts={props.baseState.districts}
                onSelect={props.onSelectDistrict}
              />
            )}
            {props.selectedDistrict && (
              <DistrictSummary district={props.selectedDistrict} onClose={props.onCloseDistrict} />
            )}
            <BasemapToggle
              on={props.basemap}
              failed={props.basemapFailed}
              onChange={props.onBasemap}
            />
            {props.catalogState.status === "loading" && (
              <p className="muted">{t("app.loadingCatalog")}</p>
            )}
            {props.proposal && (
              <ProposalLayerRow
                proposal={props.proposal}
                setting={props.settings[props.proposal.entry.id]}
                onVisible={props.onVisible}
                onOpacity={props.onOpacity}
                onZoom={props.onZoomToLayer}
              />
            )}
            {catalog && (
              <LayerPanel
                layers={catalog.layers}
                settings={props.settings}
                sources={props.sources}
                onVisible={props.onVisible}
                onOpacity={props.onOpacity}
                onZoom={props.onZoomToLayer}
              />
            )}
          </>
        ) : tab === "check" ? (
          props.checkPanel
        ) : tab === "compare" ? (
          props.comparePanel
        ) : (
          catalog && <ProgressTable catalog={catalog} />
        )}
      </div>
    </aside>
  );
}
