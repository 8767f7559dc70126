import { useCallback, useEffect, useMemo, useReducer, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { LayerEntry } from "../core/catalog/schema";
import type { Finding } from "../core/check/index";
import type { ComparePiece } from "../core/compare/index";
import type { MapView, PlanLayerData } from "../map/map-view";
import { appReducer, initialAppState } from "../state/app-state";
import { collectionBbox, HANOI_BBOX } from "../state/bounds";
import { findingBbox, findingHighlight } from "../state/check-selection";
import type { DistrictInfo } from "../state/districts-index";
import { allLayersSettled, firstPictureSettled, layersToLoad } from "../state/first-picture";
import type { LoadedProposal } from "../state/proposal-layer";
import { landUseKeyOf, proposalTarget } from "../state/proposal-layer";
import { type FeatureHit, featureToHighlight } from "../state/selection";
import { type Language, type MapCamera, parseUrlState, type UrlState } from "../state/url-state";
import { FeaturePanel } from "../ui/feature-panel";
import { ImportDropZone } from "../ui/import-drop-zone";
import {
  CheckPanel,
  ImportDialog,
  type PlanView,
  ProposalCompare,
  planViewOf,
} from "../ui/lazy-panels";
import { MapCanvas } from "../ui/map-canvas";
import { Sidebar } from "../ui/sidebar";
import { CATALOG_FILE, CATALOG_URL } from "./runtime-urls";
import { useBaseData } from "./use-base-data";
import { useCatalog } from "./use-catalog";
import { useCheck } from "./use-check";
import { useImport } from "./use-import";
import { type LayerSource, useLayerSources } from "./use-layer-sources";
import { useProposalCompare } from "./use-proposal-compare";
import { useUrlSync } from "./use-url-sync";

/** The viewer: loads the catalogue and the base data, holds the app state, lays out sidebar and map. */
export function App() {
  const { t, i18n } = useTranslation();
  const lang = (i18n.language === "en" ? "en" : "vi") satisfies Language;
  const [link] = useState(() => parseUrlState(window.location.hash));
  const [state, dispatch] = useReducer(appReducer, link.basemap ?? false, initialAppState);
  const [mapReady, setMapReady] = useState(false);
  const [firstPicture, setFirstPicture] = useState(false);
  const [basemapFailed, setBasemapFailed] = useState(false);
  const viewRef = useRef<MapView | null>(null);
  const cameraRef = useRef<MapCamera | undefined>(link.camera);

  const catalogState = useCatalog(CATALOG_URL, CATALOG_FILE);
  const catalog = catalogState.status === "ready" ? catalogState.catalog : null;
  const layers = catalog?.layers ?? null;
  const { proposal } = state;
  const sources = useLayerSources(
    layers,
    CATALOG_URL,
    layersToLoad(state.layers, firstPicture || state.tab === "check" || proposal !== null),
  );
  const baseState = useBaseData();
  const base = baseState.status === "ready" ? baseState : null;
  // The check reads the proposal in place of the layer it replaces; the map shows both.
  const checkSources = useMemo<Record<string, LayerSource>>(
    () =>
      proposal
        ? {
            ...sources,
            [proposal.replaces]: { status: "ready", data: proposal.data, bbox: proposal.bbox },
          }
        : sources,
    [sources, proposal],
  );
  const check = useCheck({
    catalog,
    catalogUrl: CATALOG_URL,
    catalogFile: CATALOG_FILE,
    sources: checkSources,
    baseDistricts: base?.base.districts ?? null,
    active: state.tab === "check",
  });

  useEffect(() => {
    if (layers) dispatch({ type: "catalog-loaded", layers, fromUrl: link.layers });
  }, [layers, link]);

  const rules = check.rules.status === "ready" ? check.rules.rules : null;
  const target = useMemo(
    () => (layers ? proposalTarget(layers, rules ?? []) : null),
    [layers, rules],
  );
  const importer = useImport(state.importing, target, dispatch);

  // A proposal just loaded is checked as soon as the check data holds it.
  const [toCheck, setToCheck] = useState<LoadedProposal | null>(null);
  useEffect(() => {
    if (proposal) {
      setToCheck(proposal);
      if (proposal.bbox) viewRef.current?.fitBounds(proposal.bbox);
    }
  }, [proposal]);
  const { data: checkData, run: runCheck } = check;
  const replaced = proposal ? layers?.find((l) => l.id === proposal.replaces) : undefined;
  const comparison = useProposalCompare({
    proposal,
    current: proposal ? sources[proposal.replaces] : undefined,
    landUseKey: replaced ? landUseKeyOf(replaced) : "land_use_code",
    districts: checkData?.status === "ready" ? checkData.data.districts : null,
  });
  const { dispatch: compareDispatch } = comparison.compare;
  const onComparePiece = useCallback(
    (id: string) => compareDispatch({ type: "select-piece", id }),
    [compareDispatch],
  );
  const onSelectPiece = useCallback(
    (piece: ComparePiece) => {
      compareDispatch({ type: "select-piece", id: piece.id });
      const bbox = piece.geometry
        ? collectionBbox({
            type: "FeatureCollection",
            features: [{ type: "Feature", geometry: piece.geometry, properties: {} }],
          })
        : null;
      if (bbox) viewRef.current?.fitBounds(bbox);
    },
    [compareDispatch],
  );
  const onPlanView = useCallback(
    (view: PlanView) => {
      if (!proposal) return;
      dispatch({ type: "set-visible", id: proposal.replaces, visible: view !== "after" });
      dispatch({ type: "set-visible", id: proposal.entry.id, visible: view !== "before" });
    },
    [proposal],
  );
  useEffect(() => {
    if (!toCheck || checkData?.status !== "ready") return;
    if (checkData.data.layers[toCheck.replaces] !== toCheck.data) return;
    setToCheck(null);
    runCheck();
  }, [toCheck, checkData, runCheck]);

  const pageTitle = t("app.title");
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = pageTitle;
  }, [lang, pageTitle]);

  const layersById = useMemo(
    () =>
      new Map<string, LayerEntry>(
        [...(layers ?? []), ...(proposal ? [proposal.entry] : [])].map((l) => [l.id, l]),
      ),
    [layers, proposal],
  );
  const planLayers = useMemo<PlanLayerData[]>(
    () => [
      ...(layers ?? []).flatMap((layer) => {
        const source = sources[layer.id];
        return source?.status === "ready" ? [{ layer, data: source.data }] : [];
      }),
      ...(proposal ? [{ layer: proposal.entry, data: proposal.data }] : []),
    ],
    [layers, sources, proposal],
  );
  const highlight = useMemo(
    () => featureToHighlight(state.hits, state.district, base?.districtByCode ?? new Map()),
    [state.hits, state.district, base],
  );

  const onHashChange = useCallback(
    (next: UrlState) => {
      if (next.camera) viewRef.current?.jumpTo(next.camera);
      if (next.lang) void i18n.changeLanguage(next.lang);
      if (next.basemap !== undefined) dispatch({ type: "set-basemap", on: next.basemap });
      if (layers && next.layers) dispatch({ type: "catalog-loaded", layers, fromUrl: next.layers });
    },
    [i18n, layers],
  );
  const scheduleUrlWrite = useUrlSync({
    layers,
    settings: state.layers,
    lang,
    basemap: state.basemap,
    cameraRef,
    onHashChange,
  });

  const onMove = useCallback(
    (camera: MapCamera) => {
      cameraRef.current = camera;
      scheduleUrlWrite();
    },
    [scheduleUrlWrite],
  );
  const onReady = useCallback(() => {
    setMapReady(true);
    const camera = viewRef.current?.camera();
    if (camera) onMove(camera);
  }, [onMove]);
  const onClick = useCallback((hits: FeatureHit[]) => {
    dispatch({ type: "set-hits", hits });
  }, []);
  const onSelectDistrict = useCallback((district: DistrictInfo) => {
    dispatch({ type: "select-district", code: district.code });
    dispatch({ type: "set-hits", hits: [] });
    viewRef.current?.fitBounds(district.bbox);
  }, []);
  const closeFeaturePanel = useCallback(() => dispatch({ type: "set-hits", hits: [] }), []);
  const onZoomToLayer = useCallback(
    (id: string) => {
      if (proposal?.entry.id === id) {
        if (proposal.bbox) viewRef.current?.fitBounds(proposal.bbox);
        return;
      }
      const source = sources[id];
      if (source?.status === "ready" && source.bbox) viewRef.current?.fitBounds(source.bbox);
    },
    [sources, proposal],
  );

  const districtNames = useMemo(
    () => new Map((base?.districts ?? []).map((d) => [d.code, d.name])),
    [base],
  );
  const checkLayers = check.data?.status === "ready" ? check.data.data.layers : null;
  const selectedFinding = check.selectedFinding;
  const findingOutline = useMemo(
    () => (selectedFinding ? findingHighlight(selectedFinding, checkLayers ?? {}) : null),
    [selectedFinding, checkLayers],
  );
  const { dispatch: checkDispatch } = check;
  const onSelectFinding = useCallback(
    (finding: Finding) => {
      checkDispatch({ type: "select-finding", id: finding.id });
      const outline = findingHighlight(finding, checkLayers ?? {});
      const districtBbox = (code: string) => base?.districts.find((d) => d.code === code)?.bbox;
      viewRef.current?.fitBounds(findingBbox(finding, outline, districtBbox, HANOI_BBOX));
    },
    [checkDispatch, checkLayers, base],
  );

  const selectedDistrict = base?.districts.find((d) => d.code === state.district);

  return (
    <div
      className={`app${state.tab === "progress" ? " app--wide" : state.tab === "check" ? " app--check" : ""}`}
      data-testid="app"
      data-map-ready={mapReady ? "true" : "false"}
      data-first-picture={firstPicture}
      data-layers-settled={allLayersSettled(layers?.map((l) => l.id) ?? null, sources)}
    >
      <Sidebar
        tab={state.tab}
        onTab={(tab) => dispatch({ type: "set-tab", tab })}
        onLanguage={(next) => void i18n.changeLanguage(next)}
        catalogState={catalogState}
        catalog={catalog}
        baseState={baseState}
        settings={state.layers}
        sources={sources}
        proposal={proposal}
        basemap={state.basemap}
        basemapFailed={basemapFailed}
        selectedDistrict={selectedDistrict}
        onVisible={(id, visible) => dispatch({ type: "set-visible", id, visible })}
        onOpacity={(id, opacity) => dispatch({ type: "set-opacity", id, opacity })}
        onZoomToLayer={onZoomToLayer}
        onBasemap={(on) => {
          setBasemapFailed(false);
          dispatch({ type: "set-basemap", on });
        }}
        onSelectDistrict={onSelectDistrict}
        onCloseDistrict={() => dispatch({ type: "select-district", code: null })}
        checkPanel={
          catalog && (
            <CheckPanel
              check={check}
              catalog={catalog.layers}
              catalogFile={CATALOG_FILE}
              districtNames={districtNames}
              proposal={proposal}
              onSelectFinding={onSelectFinding}
            />
          )
        }
        comparePanel={
          proposal && (
            <ProposalCompare
              compare={comparison.compare}
              proposal={proposal}
              currentName={replaced ? replaced.title[lang] : proposal.replaces}
              view={planViewOf(state.layers, proposal)}
              onView={onPlanView}
              onSelectPiece={onSelectPiece}
              onRerun={comparison.rerun}
              waiting={comparison.waiting}
              districtName={(code) => districtNames.get(code) ?? code}
            />
          )
        }
      />
      <main className="map-area">
        <ImportDropZone onFiles={importer.open} disabled={state.importing.status !== "idle"}>
          <MapCanvas
            viewRef={viewRef}
            initialCamera={link.camera}
            initialBounds={HANOI_BBOX}
            base={base?.base ?? null}
            layers={planLayers}
            settings={state.layers}
            startSettled={firstPictureSettled({
              catalog:
                catalogState.status === "loading" || catalogState.status === "failed"
                  ? catalogState.status
                  : catalogState.catalog.layers.map((l) => l.id),
              settings: state.layers,
              sources,
              baseSettled: baseState.status !== "loading",
            })}
            basemap={state.basemap}
            highlight={highlight}
            findings={check.findings}
            findingHighlight={findingOutline}
            comparison={comparison.mapData}
            onComparePiece={onComparePiece}
            onReady={onReady}
            onFirstPicture={() => setFirstPicture(true)}
            onMove={onMove}
            onClick={onClick}
            onBasemapError={() => setBasemapFailed(true)}
          />
          {state.hits.length > 0 && (
            <FeaturePanel hits={state.hits} layersById={layersById} onClose={closeFeaturePanel} />
          )}
        </ImportDropZone>
      </main>
      {state.importing.status !== "idle" && (
        <ImportDialog state={state.importing} target={target} controller={importer} />
      )}
    </div>
  );
}
