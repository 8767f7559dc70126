import { useTranslation } from "react-i18next";
import { useAppStore, useCommands, useDispatch } from "../state/store";
import { catalogOf } from "../state/store-selectors";
import { BasemapToggle } from "./basemap-toggle";
import { DistrictSearch } from "./district-search";
import { DistrictSummary } from "./district-summary";
import { LayerPanel } from "./layer-panel";
import { ProposalLayerRow } from "./proposal-layer-row";

/**
 * The "Lớp / Layers" tab: district search and the chosen district's summary, the basemap switch,
 * the session's proposal (above), then the catalogue's layers by plan level.
 */
export function LayersTab() {
  const { t } = useTranslation();
  const base = useAppStore((s) => s.resources.base);
  const catalogState = useAppStore((s) => s.resources.catalog);
  const sources = useAppStore((s) => s.resources.sources);
  const settings = useAppStore((s) => s.app.layers);
  const proposal = useAppStore((s) => s.app.proposal);
  const basemap = useAppStore((s) => s.app.basemap);
  const basemapFailed = useAppStore((s) => s.app.basemapFailed);
  const districtCode = useAppStore((s) => s.app.district);
  const catalog = useAppStore(catalogOf);
  const dispatch = useDispatch();
  const commands = useCommands();
  const district =
    base.status === "ready" ? base.districts.find((d) => d.code === districtCode) : undefined;
  const onVisible = (id: string, visible: boolean) =>
    dispatch({ type: "set-visible", id, visible });
  const onOpacity = (id: string, opacity: number) => dispatch({ type: "set-opacity", id, opacity });
  return (
    <>
      {base.status === "ready" && (
        <DistrictSearch districts={base.districts} onSelect={commands.selectDistrict} />
      )}
      {district && (
        <DistrictSummary
          district={district}
          onClose={() => dispatch({ type: "select-district", code: null })}
        />
      )}
      <BasemapToggle
        on={basemap}
        failed={basemapFailed}
        onChange={(on) => dispatch({ type: "set-basemap", on })}
      />
      {catalogState.status === "loading" && <p className="muted">{t("app.loadingCatalog")}</p>}
      {proposal && (
        <ProposalLayerRow
          proposal={proposal}
          setting={settings[proposal.entry.id]}
          onVisible={onVisible}
          onOpacity={onOpacity}
          onZoom={commands.zoomToLayer}
          onRemove={() => dispatch({ type: "proposal-removed" })}
        />
      )}
      {catalog && (
        <LayerPanel
          layers={catalog.layers}
          settings={settings}
          sources={sources}
          onVisible={onVisible}
          onOpacity={onOpacity}
          onZoom={commands.zoomToLayer}
        />
      )}
    </>
  );
}
