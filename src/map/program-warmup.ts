import { bboxPolygon } from "@turf/turf";
import type { Feature, FeatureCollection } from "geojson";
import type { LayerSpecification } from "maplibre-gl";

/** The source of a warm-up's features, and the prefix of its layers' ids. */
export const WARMUP_SOURCE = "warmup";

/**
 * Opacity the warm-up draws with: not 0 (MapLibre skips a layer it would draw fully transparent,
 * and so compiles nothing), and less than half of one step of an 8-bit colour channel, so the
 * pixels it touches come out as they were.
 */
export const WARMUP_OPACITY = 0.001;

/** Opacity-like paint properties of each layer type the warm-up draws. */
const OPACITY_PAINT: Readonly<Record<string, readonly string[]>> = {
  fill: ["fill-opacity"],
  line: ["line-opacity"],
  circle: ["circle-opacity", "circle-stroke-opacity"],
};

/**
 * Copies of `specs` that draw from {@link WARMUP_SOURCE} at {@link WARMUP_OPACITY}. Which WebGL
 * program MapLibre uses for a layer depends on its type and on which paint properties are
 * constants and which depend on the feature; opacity is a constant in both, so each copy is drawn
 * by the program its original will use. Null for a layer type this cannot make invisible.
 */
export function warmupLayerSpecs(
  specs: readonly LayerSpecification[],
): LayerSpecification[] | null {
  const copies: LayerSpecification[] = [];
  for (const spec of specs) {
    const opacity = OPACITY_PAINT[spec.type];
    if (!opacity || !("source" in spec)) return null;
    const paint: Record<string, unknown> = { ...(spec.paint ?? {}) };
    for (const name of opacity) paint[name] = WARMUP_OPACITY;
    // no filter: which features a layer draws does not change its program, and every copy must
    // draw the warm-up's features whatever its original picks (a district seat, a lake…)
    const { filter: _, ...rest } = spec as LayerSpecification & { filter?: unknown };
    copies.push({
      ...rest,
      id: `${WARMUP_SOURCE}:${spec.id}`,
      source: WARMUP_SOURCE,
      layout: { ...(spec.layout ?? {}), visibility: "visible" },
      paint,
    } as LayerSpecification);
  }
  return copies;
}

/**
 * Features that every one of the check's and the selection's layers draws: a square and a point
 * at `center` for each severity and role (the layers' filters pick by geometry type, severity and
 * role, and the hatch's pattern by severity). `size` is the square's side in degrees: a few
 * pixels, so the tiler keeps it.
 */
export function warmupFeatures(center: [number, number], size: number): FeatureCollection {
  const [x, y] = center;
  const square = bboxPolygon([x, y, x + size, y + size]).geometry;
  const features: Feature[] = [];
  for (const severity of ["error", "warning"]) {
    for (const role of ["subject", "constraint", "conflict"]) {
      const properties = { id: `${WARMUP_SOURCE}:${severity}:${role}`, severity, role };
      features.push({ type: "Feature", geometry: square, properties });
      features.push({
        type: "Feature",
        geometry: { type: "Point", coordinates: [x, y] },
        properties,
      });
    }
  }
  return { type: "FeatureCollection", features };
}

/** What of a MapLibre map the warm-up uses (a fake in unit tests). */
export type WarmupMap = {
  getCenter(): { lng: number; lat: number };
  getZoom(): number;
  getSource(id: string): unknown;
  getLayer(id: string): unknown;
  addSource(id: string, spec: { type: "geojson"; data: FeatureCollection }): unknown;
  addLayer(spec: LayerSpecification): unknown;
  removeLayer(id: string): unknown;
  removeSource(id: string): unknown;
  isSourceLoaded(id: string): boolean;
  on(type: "idle" | "render" | "data", listener: (event: WarmupEvent) => void): unknown;
  off(type: "idle" | "render" | "data", listener: (event: WarmupEvent) => void): unknown;
};

/** What the warm-up reads of MapLibre's `data` events. */
type WarmupEvent = { sourceId?: string; sourceDataType?: string; tile?: unknown };

/** Side of the warm-up's squares, px: large enough that the tiler keeps them. */
const WARMUP_PIXELS = 8;

/**
 * Has the map draw, once, invisible copies of `specs` (see {@link warmupLayerSpecs}) over a few
 * pixels at its centre, then takes them away at the first `idle` after they are drawn. WebGL
 * compiles a program the first time something is drawn with it, and software WebGL
 * (SwiftShader) takes hundreds of milliseconds a program: without this the first check's frame
 * compiled the hatch's and the outlines' programs while the reviewer waited for the results. Call
 * it while the map is quiet. Returns a function that ends the warm-up at once (results to draw).
 *
 * `draw`: the map's frames are held (the first picture's gate, see `frame-hold.ts`), and this
 * draws one anyway: then the warm-up has the frame that asks for its tiles drawn once its data is
 * in, and the one that draws them once they are, and ends after that frame.
 */
export function warmUpPrograms(
  map: WarmupMap,
  specs: readonly LayerSpecification[],
  draw?: () => void,
): () => void {
  const copies = warmupLayerSpecs(specs);
  if (!copies || map.getSource(WARMUP_SOURCE) !== undefined) return () => {};
  const { lng, lat } = map.getCenter();
  const size = (WARMUP_PIXELS * 360) / (512 * 2 ** map.getZoom());
  map.addSource(WARMUP_SOURCE, { type: "geojson", data: warmupFeatures([lng, lat], size) });
  for (const spec of copies) map.addLayer(spec);
  let done = false;
  let drawn = false;
  const end = () => {
    if (done) return;
    done = true;
    map.off("idle", onIdle);
    map.off("data", onData);
    map.off("render", onRender);
    for (const spec of copies) if (map.getLayer(spec.id) !== undefined) map.removeLayer(spec.id);
    if (map.getSource(WARMUP_SOURCE) !== undefined) map.removeSource(WARMUP_SOURCE);
  };
  // idle: the frame after the source's tiles came in is drawn, so every copy was drawn with it
  const onIdle = () => {
    if (map.isSourceLoaded(WARMUP_SOURCE)) end();
  };
  // frames held: drawn here, once the source's data is in the map's worker (asking for its
  // tiles), and once its tiles are in (drawing them); after that frame it is over
  let asked = false;
  const onData = (event: WarmupEvent) => {
    if (event.sourceId !== WARMUP_SOURCE || !draw) return;
    if (!asked && event.sourceDataType === "metadata") {
      asked = true;
      draw();
    } else if (event.tile !== undefined && map.isSourceLoaded(WARMUP_SOURCE)) {
      drawn = true;
      draw();
    }
  };
  const onRender = () => {
    if (drawn && map.isSourceLoaded(WARMUP_SOURCE)) end();
  };
  if (draw) {
    map.on("data", onData);
    map.on("render", onRender);
  } else map.on("idle", onIdle);
  return end;
}
