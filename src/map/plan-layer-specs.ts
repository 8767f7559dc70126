import type {
  AllPaintProperties,
  ExpressionSpecification,
  LayerSpecification,
  PropertyValueSpecification,
} from "maplibre-gl";
import { distinctCategories } from "../core/catalog/catalog-queries";
import type { LayerEntry, LayerStyle } from "../core/catalog/schema";
import { OUTLINED_FILL_PAINT } from "./fill-paint";
import { POLYGONS } from "./geometry-filters";

/** Prefix of the MapLibre source and layer ids drawn for catalogue layers. */
export const PLAN_LAYER_PREFIX = "plan:";

/** MapLibre source id of a catalogue layer; its MapLibre layers' ids start with it too. */
export const planSourceId = (layerId: string) => `${PLAN_LAYER_PREFIX}${layerId}`;

type ColorValue = PropertyValueSpecification<string>;

/**
 * The colour of a style as a MapLibre value: a constant, or a `match` on the attribute read as
 * text (category values may be numbers or strings in the catalogue). A duplicate category value
 * keeps the first colour, since `match` rejects repeated labels.
 */
export function colorExpression(style: LayerStyle): ColorValue {
  if (style.type === "simple") return style.color;
  const pairs = distinctCategories(style).flatMap((c) => [String(c.value), c.color]);
  return [
    "match",
    ["to-string", ["get", style.attribute]],
    ...pairs,
    style.fallbackColor,
  ] as ExpressionSpecification;
}

/**
 * The widest outline (px) a polygon layer's fill draws itself. MapLibre's fill antialiasing strokes
 * each ring with a 1 px line in the fill's colour and opacity, from the fill's own vertices; an
 * outline layer instead builds and draws a second, larger set of vertices (four per point) with the
 * costliest program of the style. With software WebGL (SwiftShader) that layer was a quarter of a
 * redraw of the default view, and the worker built its vertices for every tile, for a line
 * the fill's edge draws as well.
 */
const FILL_EDGE_WIDTH = 1;

/**
 * The MapLibre layers that draw one catalogue layer, bottom to top: polygons as a fill whose edge is
 * their outline, or, for an outline wider than {@link FILL_EDGE_WIDTH}, a fill plus an outline layer;
 * lines as a line, points as circles. Opacity and visibility start as given and are later changed in
 * place (see {@link opacityPaint}).
 */
export function planLayerSpecs(
  layer: LayerEntry,
  visible: boolean,
  opacity: number,
): LayerSpecification[] {
  const source = planSourceId(layer.id);
  const color = colorExpression(layer.style);
  const layout = { visibility: visible ? ("visible" as const) : ("none" as const) };
  const width = layer.style.width;
  switch (layer.geometryType) {
    case "polygon": {
      const fill = {
        id: `${source}:fill`,
        type: "fill" as const,
        source,
        layout,
        filter: POLYGONS,
        paint: { "fill-color": color, "fill-opacity": opacity },
      };
      if ((width ?? FILL_EDGE_WIDTH) <= FILL_EDGE_WIDTH) return [fill];
      return [
        { ...fill, paint: { ...OUTLINED_FILL_PAINT, ...fill.paint } },
        {
          id: `${source}:outline`,
          type: "line",
          source,
          layout,
          filter: POLYGONS,
          paint: { "line-color": color, "line-width": width, "line-opacity": opacity },
        },
      ];
    }
    case "line":
      return [
        {
          id: `${source}:line`,
          type: "line",
          source,
          layout: { ...layout, "line-cap": "round", "line-join": "round" },
          paint: { "line-color": color, "line-width": width ?? 2.5, "line-opacity": opacity },
        },
      ];
    case "point":
      return [
        {
          id: `${source}:point`,
          type: "circle",
          source,
          layout,
          paint: {
            "circle-color": color,
            "circle-radius": 6,
            "circle-stroke-color": "#ffffff",
            "circle-stroke-width": 1.5,
            "circle-opacity": opacity,
            "circle-stroke-opacity": opacity,
          },
        },
      ];
  }
}

/** The paint properties that carry a layer's opacity (0–1), per MapLibre layer type. */
const OPACITY_PROPERTIES: Readonly<Record<string, readonly (keyof AllPaintProperties)[]>> = {
  fill: ["fill-opacity"],
  line: ["line-opacity"],
  circle: ["circle-opacity", "circle-stroke-opacity"],
};

/**
 * The paint properties that carry the opacity of a layer of `type` (none for a type without):
 * MapLibre draws nothing of a layer while they are 0.
 */
export const opacityProperties = (type: string): readonly (keyof AllPaintProperties)[] =>
  OPACITY_PROPERTIES[type] ?? [];

/** The paint properties that carry a layer's opacity, each at `opacity`. */
export function opacityPaint(
  spec: LayerSpecification,
  opacity: number,
): [keyof AllPaintProperties, number][] {
  return opacityProperties(spec.type).map((name) => [name, opacity]);
}

/** Hierarchy rank used for drawing: lower plans below higher ones. */
const LEVEL_DRAW_ORDER: LayerEntry["level"][] = [
  "district",
  "city",
  "regional",
  "sector",
  "national",
];

/**
 * The plan layers in drawing order: polygons (drawn under the district outlines, so boundaries stay
 * readable) and lines and points (`above` them, below the check's findings), each group lower plans
 * first, so a higher plan is never hidden by a lower one. Within a level, `order` is the user's
 * list, topmost first (the bottom of the list is drawn first); without one, the catalogue's order.
 */
export function drawOrder(
  layers: readonly LayerEntry[],
  order: readonly string[] = [],
): {
  polygons: LayerEntry[];
  above: LayerEntry[];
} {
  const rank = new Map(order.map((id, index) => [id, index]));
  const byRank = [...layers].sort(
    (a, b) =>
      LEVEL_DRAW_ORDER.indexOf(a.level) - LEVEL_DRAW_ORDER.indexOf(b.level) ||
      (rank.get(b.id) ?? -1) - (rank.get(a.id) ?? -1),
  );
  return {
    polygons: byRank.filter((l) => l.geometryType === "polygon"),
    above: [
      ...byRank.filter((l) => l.geometryType === "line"),
      ...byRank.filter((l) => l.geometryType === "point"),
    ],
  };
}
