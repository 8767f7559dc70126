import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { LayerEntry } from "../core/catalog/schema";
import type { Finding } from "../core/check/index";
import type { ComparePiece } from "../core/compare/index";
import type { MapView, PlanLayerData } from "../map/map-view";
import { initialBasemap, parseBasemapSource } from "../state/basemap";
import { collectionBbox, HANOI_BBOX } from "../state/bounds";
import { findingBbox, findingHighlight } from "../state/check-selection";
import type { DistrictInfo } from "../state/districts-index";
import { allLayersSettled, firstPictureSettled, layersToLoad } from "../state/first-picture";
import { identifyHits } from "../state/identify";
import { flattenOrder, shownSettings } from "../state/layer-order";
import { pieceGeometry } from "../state/piece-geometry";
import { type FeatureHit, featureToHighlight } from "../state/selection";
import {
  createAppStore,
  initialStoreData,
  StoreProvider,
  useAppStore,
  useDispatch,
} from "../state/store";
import {
  catalogOf,
  checkRunning,
  findingsOf,
  importTarget,
  landUseKeyFor,
  replacedLayer,
  selectedFinding,
  unsavedEvents,
} from "../state/store-selectors";
import { type Language, type MapCamera, parseUrlState, type UrlState } from "../state/url-state";
import { FeaturePanel } from "../ui/feature-panel";
import { FindingChooser } from "../ui/finding-chooser";
import { HeadlineUniterContext } from "../ui/headline-uniter";
import { ImportDropZone } from "../ui/import-drop-zone";
import { ImportDialog } from "../ui/lazy-panels";
import { MapCanvas } from "../ui/map-canvas";
import { MapLegend } from "../ui/map-legend";
import { Sidebar } from "../ui/sidebar";
import { SkipLink } from "../ui/skip-link";
import { useCityZones } from "../ui/use-city-zones";
import { storeBasemapAddress, storedBasemapAddress } from "./basemap-address";
import { flushPendingLinks } from "./hash-writer";
import { storedRenderQuality, storeRenderQuality } from "./render-quality-setting";
import { CATALOG_FILE, CATALOG_URL } from "./runtime-urls";
import { useAreaUniters } from "./use-area-uniters";
import { useBaseData } from "./use-base-data";
import { useCatalog } from "./use-catalog";
import { useCheck } from "./use-check";
import { useFlagStore } from "./use-flag-store";
import { useImport } from "./use-import";
import { useLayerSources } from "./use-layer-sources";
import { LinkedFinding } from "./use-linked-finding";
import { usePlace } from "./use-place";
import { useProposalCheck } from "./use-proposal-check";
import { useProposalCompare } from "./use-proposal-compare";
import { useUnloadWarning } from "./use-unload-warning";
import { useUrlSync } from "./use-url-sync";

/** The viewer: one store for the whole app, the loaders and workers that fill it, and the layout. */
export function App() {
  const [link] = useState(() => parseUrlState(window.location.hash));
  const [store] = useState(() => {
    const address = storedBasemapAddress();
    const configured = address !== "" && "url" in parseBasemapSource(address, document.baseURI);
    const basemap = initialBasemap(link.basemap, configured);
    return createAppStore(initialStoreData(basemap, CATALOG_FILE, address, storedRenderQuality()));
  });
  return (
    <StoreProvider store={store}>
      <AppShell link={link} />
    </StoreProvider>
  );
}

/**
 * Loads the catalogue, the base data and the layers into the store, drives the check, import and
 * comparison workers, registers the commands panels call, and lays out sidebar and map. Panels read
 * the store themselves; only the map (which this module's view ref drives) takes props.
 */
function AppShell({ link }: { link: UrlState }) {
  const { t, i18n } = useTranslation();
  const lang = (i18n.language === "en" ? "en" : "vi") satisfies Language;
  const dispatch = useDispatch();
  const app = useAppStore((s) => s.app);
  const uniterFor = useAreaUniters();
  const [mapReady, setMapReady] = useState(false);
  const [firstPicture, setFirstPicture] = useState(false);
  const viewRef = useRef<MapView | null>(null);
  const cameraRef = useRef<MapCamera | undefined>(link.camera);

  const catalogState = useCatalog(CATALOG_URL, CATALOG_FILE);
  const layers = catalogState.status === "ready" ? catalogState.catalog.layers : null;
  const sources = useLayerSources(
    layers,
    CATALOG_URL,
    layersToLoad(app.layers, firstPicture || app.tab === "check" || app.proposal !== null),
  );
  const baseState = useBaseData();
  const base = baseState.status === "ready" ? baseState : null;
  useEffect(() => {
    dispatch({
      type: "resources",
      patch: { catalog: catalogState, base: baseState, sources },
    });
  }, [dispatch, catalogState, baseState, sources]);

  const { proposal } = app;
  // The check reads the proposal in place of the layer it replaces; the map shows both.
  const checkSources = useMemo(
    () =>
      proposal
        ? {
            ...sources,
            [proposal.replaces]: {
              status: "ready" as const,
              data: proposal.data,
              bbox: proposal.bbox,
            },
          }
        : sources,
    [sources, proposal],
  );
  const catalog = useAppStore(catalogOf);
  const check = useCheck({
    catalog,
    catalogUrl: CATALOG_URL,
    catalogFile: CATALOG_FILE,
    sources: checkSources,
    baseDistricts: base?.base.districts ?? null,
    active: app.tab === "check",
  });
  const proposalCheckWaits = useProposalCheck(proposal, checkSources, check);
  const checking = useAppStore(checkRunning);

  useEffect(() => {
    if (layers) {
      const { order, solo } = link;
      dispatch({ type: "catalog-loaded", layers, fromUrl: link.layers, order, solo });
    }
  }, [dispatch, layers, link]);

  // The intranet basemap: what its address names, kept for the next visit.
  const basemapAddress = app.basemapAddress;
  const basemapSource = useMemo(() => {
    const parsed =
      basemapAddress === "" ? null : parseBasemapSource(basemapAddress, document.baseURI);
    return parsed && "url" in parsed ? parsed : null;
  }, [basemapAddress]);
  useEffect(() => storeBasemapAddress(basemapAddress), [basemapAddress]);
  useEffect(() => storeRenderQuality(app.renderQuality), [app.renderQuality]);
  const shown = useMemo(() => shownSettings(app.layers, app.solo), [app.layers, app.solo]);
  const drawOrder = useMemo(() => flattenOrder(app.layerOrder), [app.layerOrder]);
  const legendLayers = useMemo(
    () => [...(proposal ? [proposal.entry] : []), ...(layers ?? [])],
    [layers, proposal],
  );

  const target = useAppStore(importTarget);
  const importKey = useAppStore((s) => landUseKeyFor(s, target));
  const importer = useImport(app.importing, target, importKey, dispatch);

  useEffect(() => {
    if (proposal?.bbox) viewRef.current?.fitBounds(proposal.bbox);
  }, [proposal]);
  const replaced = useAppStore(replacedLayer);
  const replacedKey = useAppStore((s) => landUseKeyFor(s, replaced));
  const checkData = check.data;
  const comparison = useProposalCompare({
    proposal,
    current: proposal ? sources[proposal.replaces] : undefined,
    landUseKey: replacedKey,
    districts: checkData?.status === "ready" ? checkData.data.districts : null,
    deferred: proposalCheckWaits || checking,
  });

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
  const shownHit = app.hits[app.hitPage];
  const highlight = useMemo(
    () =>
      featureToHighlight(
        shownHit ? [shownHit] : [],
        app.district,
        base?.districtByCode ?? new Map(),
      ),
    [shownHit, app.district, base],
  );
  const cityZones = useCityZones();
  const place = usePlace({
    viewRef,
    mapReady,
    initial: link.place ? { place: link.place, move: !link.camera } : null,
    place: app.place,
    districts: base?.districts ?? null,
    zones: cityZones.zones,
    featureOf: cityZones.featureOf,
    dispatch,
  });
  const { open: openPlace } = place;

  const onHashChange = useCallback(
    (next: UrlState) => {
      if (next.camera) viewRef.current?.jumpTo(next.camera);
      if (next.lang) void i18n.changeLanguage(next.lang);
      if (next.basemap !== undefined) dispatch({ type: "set-basemap", basemap: next.basemap });
      if (layers && next.layers) {
        const { order, solo } = next;
        dispatch({ type: "catalog-loaded", layers, fromUrl: next.layers, order, solo });
      }
      if (next.tab) dispatch({ type: "set-tab", tab: next.tab });
      if (next.finding) dispatch({ type: "select-finding", id: next.finding });
      if (next.place) openPlace(next.place, !next.camera);
    },
    [i18n, layers, dispatch, openPlace],
  );
  const scheduleUrlWrite = useUrlSync({
    layers,
    settings: app.layers,
    order: app.layerOrder,
    solo: app.solo,
    lang,
    basemap: app.basemap,
    tab: app.tab,
    finding: useAppStore((s) => s.check.selected),
    place: app.place,
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
  // each feature once (a district is drawn by the base map and by the catalogue's layer)
  const onClick = useCallback(
    (hits: FeatureHit[]) => dispatch({ type: "set-hits", hits: identifyHits(hits, layersById) }),
    [dispatch, layersById],
  );
  const onFindings = useCallback(
    (ids: string[]) => {
      dispatch({ type: "findings-clicked", ids });
      dispatch({ type: "set-tab", tab: "check" });
    },
    [dispatch],
  );
  const closeFeaturePanel = useCallback(() => dispatch({ type: "set-hits", hits: [] }), [dispatch]);

  const checkLayers = checkData?.status === "ready" ? checkData.data.layers : null;
  const findings = useAppStore(findingsOf);
  const drawnFindings = useAppStore((s) => s.check.last?.drawn ?? null);
  const selected = useAppStore(selectedFinding);
  const comparedPieces = useAppStore((s) => s.compare.last?.comparison.pieces ?? null);
  const findingOutline = useMemo(
    () => (selected ? findingHighlight(selected, checkLayers ?? {}) : null),
    [selected, checkLayers],
  );

  const review = useFlagStore(findings);
  useUnloadWarning(useAppStore((s) => unsavedEvents(s.review.flags?.save)));

  // What panels ask of the app: registered in the store so they need not import it.
  const { run: runCheck, cancel: cancelCheck } = check;
  const { rerun: rerunCompare, cancel: cancelCompare } = comparison;
  const { choose: choosePlace } = place;
  useEffect(() => {
    const frame = (bbox: Parameters<MapView["fitBounds"]>[0] | null) => {
      if (bbox) viewRef.current?.fitBounds(bbox);
    };
    dispatch({
      type: "commands",
      commands: {
        ...review,
        runCheck,
        cancelCheck,
        rerunCompare,
        cancelCompare,
        openImport: importer.open,
        overrideImport: importer.override,
        cancelImport: importer.cancel,
        loadImport: importer.load,
        selectFinding: (finding: Finding) => {
          dispatch({ type: "select-finding", id: finding.id });
          const outline = findingHighlight(finding, checkLayers ?? {});
          const districtBbox = (code: string) => base?.districts.find((d) => d.code === code)?.bbox;
          frame(findingBbox(finding, outline, districtBbox, HANOI_BBOX));
        },
        selectPiece: (piece: ComparePiece) => {
          dispatch({ type: "select-piece", id: piece.id });
          const geometry = comparedPieces ? pieceGeometry(comparedPieces, piece) : piece.geometry;
          frame(
            geometry
              ? collectionBbox({
                  type: "FeatureCollection",
                  features: [{ type: "Feature", geometry, properties: {} }],
                })
              : null,
          );
        },
        selectDistrict: (district: DistrictInfo) => {
          dispatch({ type: "select-district", code: district.code });
          dispatch({ type: "set-hits", hits: [] });
          frame(district.bbox);
        },
        zoomToLayer: (id: string) => {
          if (proposal?.entry.id === id) return frame(proposal.bbox);
          const source = sources[id];
          if (source?.status === "ready") frame(source.bbox);
        },
        choosePlace,
        writeLinkNow: flushPendingLinks,
      },
    });
  }, [
    dispatch,
    review,
    runCheck,
    cancelCheck,
    rerunCompare,
    cancelCompare,
    importer,
    checkLayers,
    base,
    proposal,
    sources,
    choosePlace,
    comparedPieces,
  ]);
  const onComparePiece = useCallback(
    (id: string) => dispatch({ type: "select-piece", id }),
    [dispatch],
  );

  return (
    <div
      className={`app${app.tab === "progress" ? " app--wide" : app.tab === "check" ? " app--check" : ""}`}
      data-testid="app"
      data-map-ready={mapReady ? "true" : "false"}
      data-checking={checking ? "true" : "false"}
      data-first-picture={firstPicture}
      data-layers-settled={allLayersSettled(layers?.map((l) => l.id) ?? null, sources)}
    >
      <SkipLink />
      <LinkedFinding link={link} />
      <HeadlineUniterContext.Provider value={uniterFor}>
        <Sidebar />
      </HeadlineUniterContext.Provider>
      <main className="map-area">
        <ImportDropZone onFiles={importer.open} disabled={app.importing.status !== "idle"}>
          <MapCanvas
            viewRef={viewRef}
            initialCamera={link.camera}
            initialBounds={HANOI_BBOX}
            base={base?.base ?? null}
            layers={planLayers}
            settings={shown}
            order={drawOrder}
            startSettled={firstPictureSettled({
              catalog:
                catalogState.status === "ready"
                  ? catalogState.catalog.layers.map((l) => l.id)
                  : catalogState.status,
              settings: shown,
              sources,
              baseSettled: baseState.status !== "loading",
            })}
            basemap={app.basemap}
            basemapSource={basemapSource}
            highlight={highlight}
            findings={findings}
            drawnFindings={drawnFindings}
            findingHighlight={findingOutline}
            comparison={comparison.mapData}
            onComparePiece={onComparePiece}
            onFindings={onFindings}
            onReady={onReady}
            onFirstPicture={() => setFirstPicture(true)}
            onMove={onMove}
            onClick={onClick}
            onBasemapError={(reason) => dispatch({ type: "basemap-failed", reason })}
            renderQuality={app.renderQuality}
            onRenderer={(software) => dispatch({ type: "renderer-detected", software })}
            marker={place.marker}
            importing={app.importing.status !== "idle"}
          />
          <MapLegend layers={legendLayers} settings={shown} order={drawOrder} sources={sources} />
          <FindingChooser />
          {shownHit && <FeaturePanel layersById={layersById} onClose={closeFeaturePanel} />}
        </ImportDropZone>
      </main>
      <ImportDialog />
    </div>
  );
}
