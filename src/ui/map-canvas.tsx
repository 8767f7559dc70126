import type { Feature } from "geojson";
import {
  type RefObject,
  useEffect,
  useEffectEvent,
  useLayoutEffect,
  useRef,
  useState,
} from "react";
import { useTranslation } from "react-i18next";
import type { Finding } from "../core/check/index";
import type { PackedLayer } from "../io/packed-collection";
import type { BaseData, ComparisonData, MapView, PlanLayerData } from "../map/map-view";
import type { MarkedPlace } from "../map/place-marker";
import type { BasemapChoice, BasemapSource } from "../state/basemap";
import type { Bbox } from "../state/bounds";
import type { FindingHighlight } from "../state/check-selection";
import type { LayerSettings } from "../state/layer-settings";
import type { RenderQuality } from "../state/render-quality";
import type { FeatureHit } from "../state/selection";
import type { MapCamera } from "../state/url-state";
import { type MapPhase, MapStatus } from "./map-status";
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
  /**
   * The districts and every layer shown at the start have loaded or failed: the first picture is
   * drawn now, in one pass (see `MapView.release`).
   */
  startSettled: boolean;
  basemap: BasemapChoice;
  /** The intranet basemap, when one is configured. */
  basemapSource: BasemapSource | null;
  highlight: Feature | null;
  /** Findings of the last check, drawn hatched. */
  findings: readonly Finding[];
  /** Their conflicting parts as the check workers packed them (null: none). */
  drawnFindings?: PackedLayer | null;
  /** The selected finding's subject, constraint and conflicting part. */
  findingHighlight: FindingHighlight | null;
  /** What the loaded proposal changes, drawn over the plan layers (null: nothing). */
  comparison: ComparisonData | null;
  /** The place found by coordinates, marked on the map (null: no marker). */
  marker?: MarkedPlace | null;
  /** Files are being imported (the import dialog is open): see `MapView.preparePictures`. */
  importing?: boolean;
  /** The districts are drawn (the first `idle` after they are). */
  onReady: () => void;
  /** The first picture is drawn: the districts and every plan layer shown at the start. */
  onFirstPicture?: () => void;
  onMove: (camera: MapCamera) => void;
  onClick: (hits: FeatureHit[]) => void;
  /** The basemap failed to load, with the reason as MapLibre or the server gave it. */
  onBasemapError: (reason: string) => void;
  /** How finely the map is drawn (see `state/render-quality.ts`). */
  renderQuality: RenderQuality;
  /** The map has started: whether its WebGL is drawn in software. */
  onRenderer: (software: boolean) => void;
  onComparePiece: (id: string) => void;
  /** A click on conflicts of the check's findings (their ids, topmost first). */
  onFindings: (ids: string[]) => void;
};

/**
 * MapLibre and the map's own code, asked for as soon as this module loads: they come in beside the
 * app's first render (their own chunks, cached across releases) instead of before it.
 */
const mapModule = import("../map/map-view");

/** Findings handed to the map in the commit that lists them; more go a task later. */
const FINDINGS_AT_COMMIT = 3000;

/**
 * The map area. Creates the MapView once its code has loaded, then passes every prop change on to
 * it; shows "loading" over the map until the first picture is drawn, and why the map could not
 * start if it could not (no WebGL, its code not loaded).
 */
export function MapCanvas(props: Props) {
  const { t } = useTranslation();
  const container = useRef<HTMLElement>(null);
  const [view, setView] = useState<MapView | null>(null);
  const [phase, setPhase] = useState<MapPhase>({ status: "loading" });
  const { viewRef, base, layers, settings, basemap, highlight, findings, findingHighlight } = props;
  const {
    comparison,
    startSettled,
    order,
    basemapSource,
    marker = null,
    importing = false,
  } = props;
  const drawnFindings = props.drawnFindings ?? null;
  const locale = useMapLocale();

  const onReady = useEffectEvent(() => props.onReady());
  const onFirstPicture = useEffectEvent(() => {
    setPhase({ status: "ready" });
    props.onFirstPicture?.();
  });
  const onMove = useEffectEvent((camera: MapCamera) => props.onMove(camera));
  const onClick = useEffectEvent((hits: FeatureHit[]) => props.onClick(hits));
  const onBasemapError = useEffectEvent((reason: string) => props.onBasemapError(reason));
  const onComparePiece = useEffectEvent((id: string) => props.onComparePiece(id));
  const onRenderer = useEffectEvent((software: boolean) => props.onRenderer(software));
  const onFindings = useEffectEvent((ids: string[]) => props.onFindings(ids));
  const initial = useEffectEvent(() => ({
    camera: props.initialCamera,
    bounds: props.initialBounds,
    locale,
    renderQuality: props.renderQuality,
  }));

  useEffect(() => {
    let gone = false;
    let created: MapView | null = null;
    mapModule
      // In a task of its own: the map's start (its WebGL context, its painter) is a long task,
      // and so is the render of the app that comes with the module.
      .then((module) => new Promise<typeof module>((resolve) => setTimeout(() => resolve(module))))
      .then(({ MapView }) => {
        if (gone || !container.current) return;
        const { camera, bounds, locale: firstLocale, renderQuality: firstQuality } = initial();
        created = new MapView({
          container: container.current,
          camera,
          bounds,
          locale: firstLocale,
          renderQuality: firstQuality,
          onRenderer: (software) => onRenderer(software),
          onReady: () => onReady(),
          onFirstPicture: () => onFirstPicture(),
          onMove: (c) => onMove(c),
          onClick: (hits) => onClick(hits),
          onBasemapError: (reason) => onBasemapError(reason),
          onComparePiece: (id) => onComparePiece(id),
          onFindings: (ids) => onFindings(ids),
        });
        viewRef.current = created;
        setView(created);
      })
      .catch((error: unknown) => {
        // MapLibre throws when WebGL is missing; an import fails when its chunk does not arrive
        if (!gone) setPhase({ status: "failed", detail: errorText(error) });
      });
    return () => {
      gone = true;
      created?.destroy();
      if (viewRef.current === created) viewRef.current = null;
      setView(null);
    };
  }, [viewRef]);

  useEffect(() => {
    if (base) view?.setBaseData(base);
  }, [view, base]);
  const { renderQuality } = props;
  useEffect(() => {
    view?.setRenderQuality(renderQuality);
  }, [view, renderQuality]);
  useEffect(() => {
    view?.setLayers(layers, settings, order);
  }, [view, layers, settings, order]);
  useEffect(() => {
    if (startSettled) view?.release();
  }, [view, startSettled]);
  useEffect(() => {
    view?.setBasemap(basemap, basemapSource);
  }, [view, basemap, basemapSource]);
  useEffect(() => {
    view?.highlight(highlight);
  }, [view, highlight]);
  // At commit, not after the paint: the map's worker then tiles the findings while the page lays
  // out the new results list, and the map draws them a frame sooner. A large run's findings come
  // packed by the check workers (the tile worker cuts them: nothing for the page to clone), at
  // commit too; without them, more than a few thousand (their clone to the map's worker takes
  // hundreds of ms) go in a task of their own, so the task that draws the list stays short.
  useLayoutEffect(() => {
    if (!view) return;
    if (findings.length <= FINDINGS_AT_COMMIT || drawnFindings) {
      view.setFindings(findings, drawnFindings);
      return;
    }
    const timer = setTimeout(() => view.setFindings(findings), 0);
    return () => clearTimeout(timer);
  }, [view, findings, drawnFindings]);
  useEffect(() => {
    view?.highlightFinding(findingHighlight);
  }, [view, findingHighlight]);
  useEffect(() => {
    view?.setComparison(comparison);
  }, [view, comparison]);
  useMapFlags(view);
  useEffect(() => {
    view?.setLocale(locale);
  }, [view, locale]);
  useEffect(() => {
    view?.setMarker(marker);
  }, [view, marker]);
  useEffect(() => {
    if (importing) view?.preparePictures();
  }, [view, importing]);

  return (
    <>
      <section
        ref={container}
        id="map"
        className="map-canvas"
        aria-label={t("app.map")}
        aria-busy={phase.status === "loading"}
      />
      <MapStatus phase={phase} />
    </>
  );
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
