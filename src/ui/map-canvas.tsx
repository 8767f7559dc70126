import type { Feature } from "geojson";
import { type RefObject, useEffect, useEffectEvent, useLayoutEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { Finding } from "../core/check/index";
import { type BaseData, type ComparisonData, MapView, type PlanLayerData } from "../map/map-view";
import type { MarkedPlace } from "../map/place-marker";
import type { BasemapChoice, BasemapSource } from "../state/basemap";
import type { Bbox } from "../state/bounds";
import type { FindingHighlight } from "../state/check-selection";
import type { LayerSettings } from "../state/layer-settings";
import type { FeatureHit } from "../state/selection";
import type { MapCamera } from "../state/url-state";
import { useMapFlags } from "./use-map-flags";
import { useMapLocale } from "./use-map-locale";

type Props = {
  /** Receives the MapView so the app can move the camera (fit, jump). */
  viewRef: RefObject<MapView | null>;
  initialCamera: MapCamera | undefined;
  initialBounds: Bbox;
  base: BaseData | null;
  layers: PlanLayerData[];
  settings: LayerSettings;
  /** Layer ids, topmost first within each plan level (see `flattenOrder`). */
  order: readonly string[];
  basemap: BasemapChoice;
  /** The intranet basemap, when one is configured. */
  basemapSource: BasemapSource | null;
  highlight: Feature | null;
  /** Findings of the last check, drawn hatched. */
  findings: readonly Finding[];
  /** The selected finding's subject, constraint and conflicting part. */
  findingHighlight: FindingHighlight | null;
  /** What the loaded proposal changes, drawn over the plan layers (null: nothing). */
  comparison: ComparisonData | null;
  /** The place found by coordinates, marked on the map (null: no marker). */
  marker?: MarkedPlace | null;
  onReady: () => void;
  onMove: (camera: MapCamera) => void;
  onClick: (hits: FeatureHit[]) => void;
  /** The basemap failed to load, with the reason as MapLibre or the server gave it. */
  onBasemapError: (reason: string) => void;
  onComparePiece: (id: string) => void;
  /** A click on conflicts of the check's findings (their ids, topmost first). */
  onFindings: (ids: string[]) => void;
};

/** The map area. Creates the MapView once, then passes every prop change on to it. */
export function MapCanvas(props: Props) {
  const { t } = useTranslation();
  const container = useRef<HTMLElement>(null);
  const { viewRef, base, layers, settings, basemap, highlight, findings, findingHighlight } = props;
  const { comparison, order, basemapSource, marker = null } = props;
  const locale = useMapLocale();

  const onReady = useEffectEvent(() => props.onReady());
  const onMove = useEffectEvent((camera: MapCamera) => props.onMove(camera));
  const onClick = useEffectEvent((hits: FeatureHit[]) => props.onClick(hits));
  const onBasemapError = useEffectEvent((reason: string) => props.onBasemapError(reason));
  const onComparePiece = useEffectEvent((id: string) => props.onComparePiece(id));
  const currentFindings = useEffectEvent(() => props.findings);
  const onFindings = useEffectEvent((ids: string[]) => props.onFindings(ids));
  const initial = useEffectEvent(() => ({
    camera: props.initialCamera,
    bounds: props.initialBounds,
    locale,
  }));

  useEffect(() => {
    if (!container.current) return;
    const { camera, bounds, locale: firstLocale } = initial();
    const view = new MapView({
      container: container.current,
      camera,
      bounds,
      locale: firstLocale,
      onReady: () => onReady(),
      onMove: (c) => onMove(c),
      onClick: (hits) => onClick(hits),
      onBasemapError: (reason) => onBasemapError(reason),
      onComparePiece: (id) => onComparePiece(id),
      onFindings: (ids) => onFindings(ids),
    });
    viewRef.current = view;
    // The findings' layout effect ran before the map existed.
    view.setFindings(currentFindings());
    return () => {
      view.destroy();
      viewRef.current = null;
    };
  }, [viewRef]);

  useEffect(() => {
    if (base) viewRef.current?.setBaseData(base);
  }, [viewRef, base]);
  useEffect(() => {
    viewRef.current?.setLayers(layers, settings, order);
  }, [viewRef, layers, settings, order]);
  useEffect(() => {
    viewRef.current?.setBasemap(basemap, basemapSource);
  }, [viewRef, basemap, basemapSource]);
  useEffect(() => {
    viewRef.current?.highlight(highlight);
  }, [viewRef, highlight]);
  // At commit, not after the paint: the map's worker then tiles the findings while the page lays
  // out the new results list, and the map draws them a frame sooner.
  useLayoutEffect(() => {
    viewRef.current?.setFindings(findings);
  }, [viewRef, findings]);
  useEffect(() => {
    viewRef.current?.highlightFinding(findingHighlight);
  }, [viewRef, findingHighlight]);
  useEffect(() => {
    viewRef.current?.setComparison(comparison);
  }, [viewRef, comparison]);
  useMapFlags(viewRef);
  useEffect(() => {
    viewRef.current?.setLocale(locale);
  }, [viewRef, locale]);
  useEffect(() => {
    viewRef.current?.setMarker(marker);
  }, [viewRef, marker]);

  return <section ref={container} id="map" className="map-canvas" aria-label={t("app.map")} />;
}
