import { useTranslation } from "react-i18next";
import { shownSettings } from "../state/layer-order";
import { useAppStore, useCommands, useDispatch } from "../state/store";
import { catalogOf } from "../state/store-selectors";
import { BasemapToggle } from "./basemap-toggle";
import { DistrictSummary } from "./district-summary";
import { LayerPanel } from "./layer-panel";
import { PlaceSearch } from "./place-search";
import { ProposalLayerRow } from "./proposal-layer-row";
import { RenderQualityToggle } from "./render-quality-toggle";
import { useCityZones } from "./use-city-zones";

/**
 * The "Lớp / Layers" tab: the place search (districts, city plan zones, coordinates) and the chosen
 * district's summary, the basemap switch and the map's sharpness, the session's proposal (above),
 * then the catalogue's layers by plan level.
 */
export function LayersTab() {
  const { t } = useTranslation();
  const base = useAppStore((s) => s.resources.base);
  const catalogState = useAppStore((s) => s.resources.catalog);
  const sources = useAppStore((s) => s.resources.sources);
  const settings = useAppStore((s) => s.app.layers);
  const solo = useAppStore((s) => s.app.solo);
  const order = useAppStore((s) => s.app.layerOrder);
  const basemapAddress = useAppStore((s) => s.app.basemapAddress);
  const proposal = useAppStore((s) => s.app.proposal);
  const basemap = useAppStore((s) => s.app.basemap);
  const basemapFailed = useAppStore((s) => s.app.basemapFailed);
  const renderQuality = useAppStore((s) => s.app.renderQuality);
  const softwareRenderer = useAppStore((s) => s.app.softwareRenderer);
  const districtCode = useAppStore((s) => s.app.district);
  const catalog = useAppStore(catalogOf);
  const dispatch = useDispatch();
  const commands = useCommands();
  const { zones } = useCityZones();
  const district =
    base.status === "ready" ? base.districts.find((d) => d.code === districtCode) : undefined;
  const onVisible = (id: string, visible: boolean) =>
    dispatch({ type: "set-visible", id, visible });
  const onOpacity = (id: string, opacity: number) => dispatch({ type: "set-opacity", id, opacity });
  return (
    <>
      {base.status === "ready" && (
        <PlaceSearch districts={base.districts} zones={zones} onChoose={commands.choosePlace} />
      )}
      {district && (
        <DistrictSummary
          district={district}
          onClose={() => dispatch({ type: "select-district", code: null })}
        />
      )}
      <BasemapToggle
        choice={basemap}
        failed={basemapFailed}
        address={basemapAddress}
        onChange={(choice) => dispatch({ type: "set-basemap", basemap: choice })}
        onAddress={(address) => dispatch({ type: "set-basemap-address", address })}
      />
      <RenderQualityToggle
        quality={renderQuality}
        softwareRenderer={softwareRenderer}
        onChange={(quality) => dispatch({ type: "set-render-quality", quality })}
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
          settings={shownSettings(settings, solo)}
          order={order}
          solo={solo}
          sources={sources}
          dispatch={dispatch}
          onZoom={commands.zoomToLayer}
        />
      )}
    </>
  );
}
