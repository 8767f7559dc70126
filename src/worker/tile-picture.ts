import type { GeoJSONVTFeature } from "@maplibre/geojson-vt";
import {
  Color,
  type Feature,
  type FeatureFilter,
  featureFilter,
  latest,
  normalizePropertyExpression,
  ResolvedImage,
  type StylePropertyExpression,
  type StylePropertySpecification,
} from "@maplibre/maplibre-gl-style-spec";
import type { PictureImage, PictureLayer, PictureStyle } from "./tile-protocol";

/*
 * A packed layer's tile drawn as a picture (Canvas 2D, in the tile worker), with the MapLibre layer
 * specs that draw the same tile as vectors, evaluated by MapLibre's own style-spec library: the
 * same filters, colours, opacities and widths. Below the zoom where a large layer's features grow
 * a few pixels across, the map shows these pictures instead of drawing every feature in each frame
 * (src/map/packed-pictures.ts). With software WebGL a frame of 100 000 zones took 1.4–2.6 s; a
 * picture is one textured square.
 *
 * Drawn as MapLibre draws, layer by layer and feature by feature, each fill's antialiased edge
 * stroked as its `fill-antialias` strokes it. A test in Chromium (test/e2e/packed-pictures.test.ts)
 * compares a picture with the same view drawn by MapLibre.
 */

/** The part of a Canvas 2D context a picture is drawn with (a recording fake in unit tests). */
export type PictureContext = Pick<
  OffscreenCanvasRenderingContext2D,
  "beginPath" | "moveTo" | "lineTo" | "closePath" | "arc" | "fill" | "stroke" | "setLineDash"
> & {
  globalAlpha: number;
  fillStyle: string | CanvasPattern;
  strokeStyle: string;
  lineWidth: number;
  lineCap: CanvasLineCap;
  lineJoin: CanvasLineJoin;
};

/** Where a tile is and how it is drawn: tile units (extent) to pixels (size × ratio). */
export type PictureTile = { z: number; x: number; y: number; extent: number; pixels: number };

/** A pattern image as a fill draws it, made once per style (see `compilePictureStyle`). */
export type PatternFill = {
  pattern: CanvasPattern;
  /** The image's width and height in CSS pixels (its pixels over its pixel ratio). */
  width: number;
  height: number;
  pixelRatio: number;
};

type Expressions = Map<string, StylePropertyExpression>;

type CompiledLayer = {
  type: PictureLayer["type"];
  filter: FeatureFilter;
  paint: Expressions;
  layout: Expressions;
};

export type CompiledStyle = { layers: CompiledLayer[]; patterns: Map<string, PatternFill> };

const PAINT_SPECS = {
  fill: latest.paint_fill,
  line: latest.paint_line,
  circle: latest.paint_circle,
} as unknown as Record<PictureLayer["type"], Record<string, StylePropertySpecification>>;

const LAYOUT_SPECS = {
  fill: latest.layout_fill,
  line: latest.layout_line,
  circle: latest.layout_circle,
} as unknown as Record<PictureLayer["type"], Record<string, StylePropertySpecification>>;

/** The properties a picture draws with, per layer type (others are MapLibre's alone). */
const PAINT_DRAWN: Record<PictureLayer["type"], readonly string[]> = {
  fill: ["fill-color", "fill-opacity", "fill-pattern", "fill-antialias", "fill-outline-color"],
  line: ["line-color", "line-opacity", "line-width", "line-dasharray"],
  circle: [
    "circle-color",
    "circle-opacity",
    "circle-radius",
    "circle-stroke-color",
    "circle-stroke-width",
    "circle-stroke-opacity",
  ],
};

const LAYOUT_DRAWN: Record<PictureLayer["type"], readonly string[]> = {
  fill: [],
  line: ["line-cap", "line-join"],
  circle: [],
};

function expressions(
  values: Readonly<Record<string, unknown>>,
  names: readonly string[],
  specs: Record<string, StylePropertySpecification>,
  root: string,
): Expressions {
  const compiled: Expressions = new Map();
  for (const name of names) {
    const spec = specs[name];
    if (!spec) continue;
    const value = Object.hasOwn(values, name) ? values[name] : spec.default;
    // a property without a value and without a default (a pattern, an outline colour): not drawn
    if (value === undefined) continue;
    compiled.set(
      name,
      normalizePropertyExpression(
        value as never,
        `${root}.${name}`,
        spec,
      ) as StylePropertyExpression,
    );
  }
  return compiled;
}

/**
 * A picture style ready to draw: each layer's filter and properties compiled by the style-spec
 * library, each pattern made into a fill by `makePattern` (a Canvas pattern of its pixels).
 */
export function compilePictureStyle(
  style: PictureStyle,
  makePattern: (image: PictureImage) => CanvasPattern | null,
): CompiledStyle {
  const layers = style.layers.map((layer, i) => ({
    type: layer.type,
    filter: featureFilter(layer.filter as never, `layers[${i}].filter`),
    paint: expressions(layer.paint, PAINT_DRAWN[layer.type], PAINT_SPECS[layer.type], "paint"),
    layout: expressions(layer.layout, LAYOUT_DRAWN[layer.type], LAYOUT_SPECS[layer.type], "layout"),
  }));
  const patterns = new Map<string, PatternFill>();
  for (const [name, image] of style.images) {
    const pattern = makePattern(image);
    if (!pattern) continue;
    patterns.set(name, {
      pattern,
      width: image.width / image.pixelRatio,
      height: image.height / image.pixelRatio,
      pixelRatio: image.pixelRatio,
    });
  }
  return { layers, patterns };
}

/** A feature as the style-spec library evaluates it (reused across features: no allocation). */
type Evaluated = { type: 1 | 2 | 3; id: number | undefined; properties: Record<string, unknown> };

const colorStrings = new WeakMap<Color, string>();

/** CSS text of an evaluated colour (one string per colour object: `match` returns its literals). */
function cssColor(value: unknown): string {
  if (!(value instanceof Color)) return "rgba(0,0,0,0)";
  let text = colorStrings.get(value);
  if (text === undefined) {
    text = value.toString();
    colorStrings.set(value, text);
  }
  return text;
}

/**
 * How one feature of a layer looks: `apply` sets the context's style (only when the key differs
 * from the last feature's), `paint` fills or strokes the feature's path.
 */
type Look = {
  key: string;
  apply: (ctx: PictureContext) => void;
  paint: (ctx: PictureContext) => void;
  /** A circle's radius, px. */
  radius?: number;
};

/**
 * Draws `features` (a geojson-vt tile, in tile units) with `style` on `ctx`, a canvas of
 * `tile.pixels` square: layer by layer, feature by feature, as MapLibre draws them. One path per
 * feature: Chromium's canvas builds one path of tens of thousands of parts in time that grows
 * faster than their number (3.7 s for 40 000 zones of 12 points, against 0.2 s drawn one by one).
 */
export function drawPicture(
  ctx: PictureContext,
  features: readonly GeoJSONVTFeature[],
  style: CompiledStyle,
  tile: PictureTile,
): void {
  const scale = tile.pixels / tile.extent;
  const ratio = tile.pixels / 512;
  const globals = { zoom: tile.z };
  const evaluated: Evaluated = { type: 1, id: undefined, properties: {} };
  const asFeature = evaluated as unknown as Feature;
  let applied: string | null = null;
  for (const layer of style.layers) {
    const values = layerValues(layer, globals, asFeature);
    // a layer whose look depends on no feature's attributes: one look for all its features
    const fixed = values.featureConstant
      ? lookOf(layer.type, values.get, style.patterns, tile, ratio)
      : undefined;
    if (fixed === null) continue;
    for (const feature of features) {
      evaluated.type = feature.type;
      evaluated.id = feature.id as number | undefined;
      evaluated.properties = feature.tags ?? {};
      if (!layer.filter.filter(globals, asFeature)) continue;
      const look = fixed ?? lookOf(layer.type, values.get, style.patterns, tile, ratio);
      if (!look || !trace(ctx, layer.type, feature, scale, look.radius ?? 0)) continue;
      if (look.key !== applied) {
        look.apply(ctx);
        applied = look.key;
      }
      look.paint(ctx);
    }
  }
}

/**
 * The path of `feature` as a layer of `type` draws it, begun on `ctx`; false when that layer draws
 * nothing of it (a fill draws polygons; a line, lines and polygons' rings; a circle, points).
 */
function trace(
  ctx: PictureContext,
  type: PictureLayer["type"],
  feature: GeoJSONVTFeature,
  scale: number,
  radius: number,
): boolean {
  if (type === "circle") {
    if (feature.type !== 1) return false;
    ctx.beginPath();
    for (const [x, y] of feature.geometry) {
      ctx.moveTo(x * scale + radius, y * scale);
      ctx.arc(x * scale, y * scale, radius, 0, 2 * Math.PI);
    }
    return true;
  }
  if (feature.type === 1 || (type === "fill" && feature.type !== 3)) return false;
  ctx.beginPath();
  for (const ring of feature.geometry) {
    ring.forEach(([x, y], i) => {
      if (i === 0) ctx.moveTo(x * scale, y * scale);
      else ctx.lineTo(x * scale, y * scale);
    });
    if (feature.type === 3) ctx.closePath();
  }
  return true;
}

/** A property's value for the current feature (paint and layout share one name space). */
type Values = (name: string) => unknown;

/**
 * The values of a layer's properties for the feature `feature` currently stands for: those that
 * depend on no feature (constants, zoom functions) evaluated once per tile, the others per feature.
 */
function layerValues(
  layer: CompiledLayer,
  globals: { zoom: number },
  feature: Feature,
): { get: Values; featureConstant: boolean } {
  const constant = new Map<string, unknown>();
  const varying = new Map<string, StylePropertyExpression>();
  for (const map of [layer.paint, layer.layout]) {
    for (const [name, expression] of map) {
      if (expression.kind === "constant" || expression.kind === "camera") {
        constant.set(name, expression.evaluate(globals, feature));
      } else {
        varying.set(name, expression);
      }
    }
  }
  return {
    get: (name) =>
      constant.has(name) ? constant.get(name) : varying.get(name)?.evaluate(globals, feature),
    featureConstant: varying.size === 0,
  };
}

function lookOf(
  type: PictureLayer["type"],
  get: Values,
  patterns: Map<string, PatternFill>,
  tile: PictureTile,
  ratio: number,
): Look | null {
  const number = (name: string): number => {
    const v = get(name);
    return typeof v === "number" && Number.isFinite(v) ? v : 0;
  };
  switch (type) {
    case "fill": {
      const opacity = number("fill-opacity");
      if (opacity <= 0) return null;
      const name = imageName(get("fill-pattern"));
      if (name !== null) {
        const fill = patterns.get(name);
        if (!fill) return null;
        return {
          key: `p${opacity}|${name}`,
          apply: (ctx) => {
            alignPattern(fill, tile, ratio);
            ctx.globalAlpha = opacity;
            ctx.fillStyle = fill.pattern;
          },
          paint: (ctx) => ctx.fill("nonzero"),
        };
      }
      const color = cssColor(get("fill-color"));
      // MapLibre's antialiased fill strokes its edge with a 1 px line of its outline colour (the
      // fill's own when none is set): zones a few pixels across look that much larger
      const edged = get("fill-antialias") === true;
      const outline = get("fill-outline-color");
      const edge = !edged ? null : outline === undefined ? color : cssColor(outline);
      return {
        key: `f${opacity}|${color}|${edge}`,
        apply: (ctx) => {
          ctx.globalAlpha = opacity;
          ctx.fillStyle = color;
          if (edge === null) return;
          ctx.strokeStyle = edge;
          ctx.lineWidth = ratio;
          ctx.setLineDash([]);
        },
        paint: (ctx) => {
          ctx.fill("nonzero");
          if (edge !== null) ctx.stroke();
        },
      };
    }
    case "line": {
      const opacity = number("line-opacity");
      const width = number("line-width") * ratio;
      if (opacity <= 0 || width <= 0) return null;
      const color = cssColor(get("line-color"));
      const dashes = get("line-dasharray");
      // MapLibre's dashes are in line widths
      const dash = Array.isArray(dashes) ? dashes.map((d) => Number(d) * width) : [];
      const cap = get("line-cap") as CanvasLineCap;
      const join = get("line-join") as CanvasLineJoin;
      return {
        key: `l${opacity}|${width}|${color}|${dash.join(",")}|${cap}|${join}`,
        apply: (ctx) => {
          ctx.globalAlpha = opacity;
          ctx.strokeStyle = color;
          ctx.lineWidth = width;
          ctx.lineCap = cap;
          ctx.lineJoin = join;
          ctx.setLineDash(dash);
        },
        paint: (ctx) => ctx.stroke(),
      };
    }
    case "circle": {
      const radius = number("circle-radius") * ratio;
      if (radius <= 0) return null;
      const opacity = number("circle-opacity");
      const color = cssColor(get("circle-color"));
      const strokeWidth = number("circle-stroke-width") * ratio;
      const strokeOpacity = number("circle-stroke-opacity");
      const stroke = cssColor(get("circle-stroke-color"));
      return {
        key: `c${radius}|${opacity}|${color}|${strokeWidth}|${strokeOpacity}|${stroke}`,
        radius,
        apply: (ctx) => {
          ctx.fillStyle = color;
          ctx.strokeStyle = stroke;
          ctx.lineWidth = strokeWidth;
          ctx.setLineDash([]);
        },
        paint: (ctx) => {
          if (opacity > 0) {
            ctx.globalAlpha = opacity;
            ctx.fill("nonzero");
          }
          if (strokeWidth > 0 && strokeOpacity > 0) {
            ctx.globalAlpha = strokeOpacity;
            ctx.stroke();
          }
        },
      };
    }
  }
}

/** The image a `fill-pattern` names: a constant is its name, an expression a resolved image. */
function imageName(value: unknown): string | null {
  if (value instanceof ResolvedImage) return value.name;
  return typeof value === "string" && value !== "" ? value : null;
}

/**
 * A pattern anchored as MapLibre anchors it: on the world's pixel grid at the tile's zoom, so it
 * runs on seamlessly from one tile to the next; drawn at the image's own size in CSS pixels.
 */
function alignPattern(fill: PatternFill, tile: PictureTile, ratio: number): void {
  const originX = (tile.x * 512) % fill.width;
  const originY = (tile.y * 512) % fill.height;
  const scale = ratio / fill.pixelRatio;
  // `+ 0`: a tile at the grid's origin is shifted by 0, not -0
  const e = -originX * ratio + 0;
  const f = -originY * ratio + 0;
  fill.pattern.setTransform({ a: scale, b: 0, c: 0, d: scale, e, f });
}
