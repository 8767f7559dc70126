import { bboxPolygon } from "@turf/turf";
import type { Feature, FeatureCollection } from "geojson";
import type { LayerSpecification } from "maplibre-gl";
import { opacityProperties } from "./plan-layer-specs";

/** The source of a warm-up's features, and the prefix of its layers' ids. */
export const WARMUP_SOURCE = "warmup";

/** The source of a warm-up's raster copies: one transparent pixel over the features' square. */
export const WARMUP_RASTER_SOURCE = "warmup-raster";

/** A PNG of one transparent pixel. */
const TRANSPARENT_PIXEL =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAAC0lEQVR4nGNgAAIAAAUAAXpeqz8AAAAASUVORK5CYII=";

/**
 * The paint properties that make a copy of a layer of `type` invisible: its opacities, and a
 * raster layer's (the pictures of a large proposal: see packed-pictures.ts).
 */
const warmupOpacity = (type: string): readonly string[] =>
  type === "raster" ? ["raster-opacity"] : opacityProperties(type);

/**
 * Opacity the warm-up draws with: not 0 (MapLibre skips a layer it would draw fully transparent,
 * and so compiles nothing), and less than half of one step of an 8-bit colour channel, so the
 * pixels it touches come out as they were.
 */
export const WARMUP_OPACITY = 0.001;

/**
 * Copies of `specs` that draw from {@link WARMUP_SOURCE} (a raster layer from
 * {@link WARMUP_RASTER_SOURCE}) at {@link WARMUP_OPACITY}, at any zoom. Which WebGL program
 * MapLibre uses for a layer depends on its type and on which paint properties are constants and
 * which depend on the feature; opacity is a constant in both, so each copy is drawn by the
 * program its original will use. Null for a layer type this cannot make invisible.
 */
export function warmupLayerSpecs(
  specs: readonly LayerSpecification[],
): LayerSpecification[] | null {
  const copies: LayerSpecification[] = [];
  for (const spec of specs) {
    const opacity = warmupOpacity(spec.type);
    if (opacity.length === 0 || !("source" in spec)) return null;
    const paint: Record<string, unknown> = { ...(spec.paint ?? {}) };
    for (const name of opacity) paint[name] = WARMUP_OPACITY;
    // no filter: which features a layer draws does not change its program, and every copy must
    // draw the warm-up's features whatever its original picks (a district seat, a lake…); no
    // zoom range: it is drawn at the map's zoom, whatever zooms its original is drawn at
    const {
      filter: _filter,
      minzoom: _minzoom,
      maxzoom: _maxzoom,
      ...rest
    } = spec as LayerSpecification & { filter?: unknown };
    copies.push({
      ...rest,
      id: `${WARMUP_SOURCE}:${spec.id}`,
      source: spec.type === "raster" ? WARMUP_RASTER_SOURCE : WARMUP_SOURCE,
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
  addSource(
    id: string,
    spec:
      | { type: "geojson"; data: FeatureCollection }
      | { type: "image"; url: string; coordinates: Corners },
  ): unknown;
  addLayer(spec: LayerSpecification): unknown;
  removeLayer(id: string): unknown;
  removeSource(id: string): unknown;
  setPaintProperty(id: string, name: string, value: unknown): unknown;
  triggerRepaint(): void;
  isSourceLoaded(id: string): boolean;
  on(type: "render" | "data", listener: (event: WarmupEvent) => void): unknown;
  off(type: "render" | "data", listener: (event: WarmupEvent) => void): unknown;
};

/** An image source's corners: top left, top right, bottom right, bottom left. */
type Corners = [[number, number], [number, number], [number, number], [number, number]];

/** What the warm-up reads of MapLibre's `data` events. */
type WarmupEvent = { sourceId?: string; sourceDataType?: string; tile?: unknown };

/** Side of the warm-up's squares, px: large enough that the tiler keeps them. */
const WARMUP_PIXELS = 8;

/**
 * Programs a frame of the warm-up compiles at most. A program's link makes the page wait for the
 * GPU process; with each frame shown once the GPU has drawn the one before (`afterDrawn`), that
 * wait is 0–6 ms, as for the first picture's ten programs in one frame. (Before that wait, and
 * with software compositing, ten in one frame made a task of 400 ms, and three a frame were kept.)
 */
export const PROGRAMS_PER_FRAME = 8;

/**
 * Frames each batch is shown for. In the first frame after the warm-up's tiles came in, MapLibre
 * sometimes drew the hatch's copy (a fill pattern) not at all, its tile's patterns not ready yet,
 * and the first check's results compiled its program (1 load in 4 in the browser test); a second
 * frame of the same batch draws it, and costs next to nothing where the first compiled it.
 */
export const FRAMES_PER_BATCH = 2;

/**
 * What picks a layer's WebGL program: its type, and which paint properties it has and whether each
 * depends on the feature (an attribute) or not (a uniform). Layers alike share a program; the
 * warm-up draws one of each.
 */
export function programSignature(spec: LayerSpecification): string {
  const paint = Object.entries((spec as { paint?: Record<string, unknown> }).paint ?? {})
    .map(([name, value]) => `${name}${FEATURE_DEPENDENT.test(JSON.stringify(value)) ? "*" : ""}`)
    .sort();
  return `${spec.type}:${paint.join(",")}`;
}

/** An expression that reads the feature (its properties, id, geometry type or state). */
const FEATURE_DEPENDENT = /\["(get|has|properties|id|geometry-type|feature-state)"/;

/**
 * The copies in frames: one copy of each program, {@link PROGRAMS_PER_FRAME} to a frame (the
 * other copies of a program, drawn by a program already compiled, cost nothing and are left out).
 */
export function warmupFrames(copies: readonly LayerSpecification[]): LayerSpecification[][] {
  const seen = new Set<string>();
  const distinct = copies.filter((copy) => {
    const signature = programSignature(copy);
    if (seen.has(signature)) return false;
    seen.add(signature);
    return true;
  });
  const frames: LayerSpecification[][] = [];
  for (let i = 0; i < distinct.length; i += PROGRAMS_PER_FRAME) {
    frames.push(distinct.slice(i, i + PROGRAMS_PER_FRAME));
  }
  return frames;
}

/**
 * Has the map draw invisible copies of `specs` (see {@link warmupLayerSpecs}) over a few pixels at
 * its centre, a few programs a frame, then takes them away. WebGL compiles a program the first
 * time something is drawn with it, and software WebGL (SwiftShader) takes tens of milliseconds a
 * program: without this the first check's frame compiled the hatch's and the outlines' programs
 * while the reviewer waited for the results. Call it while the map is quiet. Returns a function
 * that ends the warm-up at once (results to draw); `onDone` is called when every batch was drawn.
 *
 * The copies are added with opacity 0, which MapLibre does not draw (nor compile for); once their
 * tiles are in, each batch ({@link warmupFrames}) is shown for {@link FRAMES_PER_BATCH} frames at
 * {@link WARMUP_OPACITY}, the one before hidden (the base style has no paint transitions: a change is drawn at once).
 *
 * Each frame waits for `afterDrawn`: the GPU has drawn the frame before (`first-draw.ts`'s
 * `afterFrame`). Linking a program makes the page wait until the GPU process has run every
 * command before it; a batch shown right after a frame waited for that whole frame's drawing
 * (89–133 ms a program measured in Chromium, against 0–6 ms for the first picture's).
 */
export function warmUpPrograms(
  map: WarmupMap,
  specs: readonly LayerSpecification[],
  onDone: () => void = () => {},
  afterDrawn: (then: () => void) => void = (then) => then(),
): () => void {
  const copies = warmupLayerSpecs(specs);
  if (!copies || copies.length === 0 || warmingUp(map)) return () => {};
  const frames = warmupFrames(copies);
  const { lng, lat } = map.getCenter();
  const size = (WARMUP_PIXELS * 360) / (512 * 2 ** map.getZoom());
  // a source without a layer is never tiled: each only where a copy draws from it
  const vector = copies.some((copy) => copy.type !== "raster");
  const raster = copies.some((copy) => copy.type === "raster");
  if (vector) {
    map.addSource(WARMUP_SOURCE, { type: "geojson", data: warmupFeatures([lng, lat], size) });
  }
  if (raster) {
    // corners from the top left, clockwise: the features' square
    const coordinates: Corners = [
      [lng, lat + size],
      [lng + size, lat + size],
      [lng + size, lat],
      [lng, lat],
    ];
    map.addSource(WARMUP_RASTER_SOURCE, { type: "image", url: TRANSPARENT_PIXEL, coordinates });
  }
  const sources = [...(vector ? [WARMUP_SOURCE] : []), ...(raster ? [WARMUP_RASTER_SOURCE] : [])];
  for (const spec of copies) map.addLayer(withOpacity(spec, 0));
  let done = false;
  /** The features' tiles have started to come in (nothing to wait for without features). */
  let tiled = !vector;
  /** The batch shown in the frame being drawn, -1 before the tiles are in. */
  let shown = -1;
  /** Frames drawn with that batch. */
  let drawn = 0;
  /** Waiting for the GPU to draw the last frame: a frame drawn meanwhile is not the batch's. */
  let waiting = false;
  const end = () => {
    if (done) return;
    done = true;
    map.off("data", onData);
    map.off("render", onRender);
    for (const spec of copies) if (map.getLayer(spec.id) !== undefined) map.removeLayer(spec.id);
    for (const id of sources) if (map.getSource(id) !== undefined) map.removeSource(id);
  };
  const show = (batch: number, opacity: number) => {
    for (const spec of frames[batch] ?? []) {
      for (const name of warmupOpacity(spec.type)) map.setPaintProperty(spec.id, name, opacity);
    }
  };
  // its data in the map's worker: a frame asks for its tiles; they are in (and the pixel, where
  // there is one): the first batch
  const onData = (event: WarmupEvent) => {
    if (event.sourceId === undefined || !sources.includes(event.sourceId)) return;
    if (event.sourceId === WARMUP_SOURCE && event.sourceDataType === "metadata") {
      map.triggerRepaint();
      return;
    }
    if (event.sourceId === WARMUP_SOURCE && event.tile !== undefined) tiled = true;
    if (shown < 0 && !waiting && tiled && sources.every((id) => map.isSourceLoaded(id))) {
      afterGpu(next);
    }
  };
  // a batch was drawn: once the GPU has drawn it, the next frame, batch, or the end
  const onRender = () => {
    if (shown < 0 || waiting) return;
    drawn++;
    afterGpu(() => (drawn < FRAMES_PER_BATCH ? map.triggerRepaint() : next()));
  };
  const afterGpu = (then: () => void) => {
    waiting = true;
    afterDrawn(() => {
      waiting = false;
      if (!done) then();
    });
  };
  const next = () => {
    if (shown >= 0) show(shown, 0);
    shown++;
    drawn = 0;
    if (shown >= frames.length) {
      end();
      onDone();
      return;
    }
    show(shown, WARMUP_OPACITY);
    map.triggerRepaint();
  };
  map.on("data", onData);
  map.on("render", onRender);
  return end;
}

/** A warm-up is on: its sources are on the map (one warm-up at a time). */
export function warmingUp(map: Pick<WarmupMap, "getSource">): boolean {
  return (
    map.getSource(WARMUP_SOURCE) !== undefined || map.getSource(WARMUP_RASTER_SOURCE) !== undefined
  );
}

/** A copy drawn at `opacity`. */
function withOpacity(spec: LayerSpecification, opacity: number): LayerSpecification {
  const paint: Record<string, unknown> = { ...(spec as { paint?: object }).paint };
  for (const name of warmupOpacity(spec.type)) paint[name] = opacity;
  return { ...spec, paint } as LayerSpecification;
}
