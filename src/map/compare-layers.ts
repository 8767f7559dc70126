import type { Feature, FeatureCollection } from "geojson";
import type { ExpressionSpecification, LayerSpecification } from "maplibre-gl";
import type {
  ComparePiece,
  CompareSummary,
  PieceKind,
  PlanComparison,
} from "../core/compare/index";
import { type PackedLayer, packCollection } from "../io/packed-collection";
import { SMALL_FEATURE } from "../worker/tile-protocol";
import { EMPTY_COLLECTION } from "./base-style";
import { hatchPattern, hexToRgb, type PatternImage } from "./check-layers";
import { OUTLINED_FILL_PAINT } from "./fill-paint";
import { NOT_POINTS, POLYGONS } from "./geometry-filters";

/** Source ids of the comparison: every drawable piece, and the selected piece. */
export const COMPARE_SOURCES = {
  pieces: "compare:pieces",
  highlight: "compare:highlight",
} as const;

/** The lowest comparison layer (add the others above it, in the order of `compareLayerSpecs`). */
export const COMPARE_FIRST_LAYER = "compare:changed-fill";

/**
 * Colours of the largest code changes, in order: the Okabe–Ito palette (told apart with the
 * common colour-vision deficiencies) without its black and its green, which the added pieces use.
 */
export const TRANSITION_PALETTE = [
  "#0072b2",
  "#e69f00",
  "#cc79a7",
  "#56b4e9",
  "#d55e00",
  "#f0e442",
  "#7f3c8d",
  "#3969ac",
] as const;

/** Colour of the changes beyond the palette (the smaller ones), one grey for all. */
export const OTHER_TRANSITION_COLOR = "#8c8c8c";

/**
 * Colours of added and removed pieces. Kinds differ by more than colour: changed pieces are a
 * solid tint, added ones a single hatch with a solid outline, removed ones a cross-hatch with a
 * dashed outline.
 */
export const KIND_COLORS: Readonly<Record<"added" | "removed", string>> = {
  added: "#009e73",
  removed: "#8b3a1a",
};

/** Outline colour of the selected piece. */
export const COMPARE_HIGHLIGHT_COLOR = "#1f5fa8";

/** Name of the hatch image of added or removed pieces, registered with `map.addImage`. */
export const compareHatchImageId = (kind: "added" | "removed") => `compare:hatch-${kind}`;

/** A pattern to register before the layers are added: `map.addImage(id, image, { pixelRatio })`. */
export type CompareImage = { id: string; image: PatternImage; pixelRatio: number };

/**
 * The hatch images of added (single hatch) and removed (cross-hatch) pieces, drawn here, nothing
 * fetched; `pixelRatio` (the screen's, rounded, at least 1) keeps the lines sharp.
 */
export function compareImages(pixelRatio = 1): CompareImage[] {
  const ratio = Math.max(1, Math.round(pixelRatio));
  return (["added", "removed"] as const).map((kind) => ({
    id: compareHatchImageId(kind),
    image: hatchPattern(hexToRgb(KIND_COLORS[kind]), kind === "removed", 10 * ratio, 2 * ratio),
    pixelRatio: ratio,
  }));
}

/** One colour of the code changes: the transition from → to (codes as in the data) and its area. */
export type TransitionColor = {
  from: string | null;
  to: string | null;
  color: string;
  hectares: number;
};

/** The colours the map and the panel share, so a swatch in the list is the colour on the map. */
export type TransitionColors = {
  /** The coloured transitions, largest area first. */
  colored: TransitionColor[];
  /** How many smaller transitions share {@link OTHER_TRANSITION_COLOR}. */
  others: number;
  /** The colour of a changed piece from → to. */
  colorOf: (from: string | null, to: string | null) => string;
};

/** A Map key for a (from, to) pair; codes are data, so never an object key. */
const pairKey = (from: string | null, to: string | null) => JSON.stringify([from, to]);

/**
 * Colours of the code changes: the `palette.length` largest "changed" transitions by area (the
 * summary's order) each get a palette colour, the rest share the grey. Pure; call once per
 * comparison and hand the same object to `comparePiecesCollection` and the panel.
 */
export function transitionColors(
  summary: CompareSummary,
  palette: readonly string[] = TRANSITION_PALETTE,
): TransitionColors {
  const changed = summary.transitions.filter((t) => t.kind === "changed");
  const colored = changed.slice(0, palette.length).map((t, i) => ({
    from: t.from,
    to: t.to,
    color: palette[i] as string,
    hectares: t.hectares,
  }));
  const byPair = new Map(colored.map((c) => [pairKey(c.from, c.to), c.color]));
  return {
    colored,
    others: changed.length - colored.length,
    colorOf: (from, to) => byPair.get(pairKey(from, to)) ?? OTHER_TRANSITION_COLOR,
  };
}

/**
 * The drawable pieces (those with a geometry) as map data. Properties are made here, never copied
 * from the data: `id` (the piece id, to find the piece from a click), `kind`, and `color` for
 * changed pieces.
 */
export function comparePiecesCollection(
  pieces: readonly ComparePiece[],
  colors: TransitionColors,
): FeatureCollection {
  const features: Feature[] = [];
  for (const p of pieces) {
    if (!p.geometry) continue;
    features.push({
      type: "Feature",
      geometry: p.geometry,
      properties: {
        id: p.id,
        kind: p.kind,
        ...(p.kind === "changed" ? { color: colors.colorOf(p.from, p.to) } : {}),
      },
    });
  }
  return features.length === 0 ? EMPTY_COLLECTION : { type: "FeatureCollection", features };
}

/**
 * The drawable pieces of `comparison` as map data (see {@link comparePiecesCollection}, coloured by
 * {@link transitionColors} of its summary, as the page colours its panel), packed: made on the
 * compare worker, so the page hands them to the map's tile worker as they are (packed-tiles.ts).
 */
export function packedComparePieces(comparison: PlanComparison): PackedLayer {
  const colors = transitionColors(comparison.summary);
  const { blob, count, span } = packCollection(comparePiecesCollection(comparison.pieces, colors));
  return { kind: "packed", blob, count, span };
}

/** The selected piece's outline (or nothing). */
export function compareHighlightCollection(piece: ComparePiece | null): FeatureCollection {
  if (!piece?.geometry) return EMPTY_COLLECTION;
  return {
    type: "FeatureCollection",
    features: [
      { type: "Feature", geometry: piece.geometry, properties: { id: piece.id, kind: piece.kind } },
    ],
  };
}

const isKind = (kind: PieceKind): ExpressionSpecification => ["==", ["get", "kind"], kind];

/**
 * Layers of the comparison, bottom to top: changed pieces tinted by transition, added pieces
 * hatched, removed pieces cross-hatched; their outlines (changed: thin, in their colour; added:
 * solid green; removed: dashed brown); then the selected piece (white casing, blue line). Visible
 * or not as asked; toggle with `setLayoutProperty(id, "visibility", …)` for a before/after view.
 */
export function compareLayerSpecs(visible = true): LayerSpecification[] {
  const source = COMPARE_SOURCES.pieces;
  const highlight = COMPARE_SOURCES.highlight;
  const layout = { visibility: visible ? ("visible" as const) : ("none" as const) };
  const changedColor: ExpressionSpecification = [
    "coalesce",
    ["get", "color"],
    OTHER_TRANSITION_COLOR,
  ];
  return [
    {
      id: COMPARE_FIRST_LAYER,
      type: "fill",
      source,
      layout,
      filter: ["all", POLYGONS, isKind("changed")],
      paint: { ...OUTLINED_FILL_PAINT, "fill-color": changedColor, "fill-opacity": 0.55 },
    },
    {
      id: "compare:added-hatch",
      type: "fill",
      source,
      layout,
      filter: ["all", POLYGONS, isKind("added")],
      paint: {
        ...OUTLINED_FILL_PAINT,
        "fill-pattern": compareHatchImageId("added"),
        "fill-opacity": 0.9,
      },
    },
    {
      id: "compare:removed-hatch",
      type: "fill",
      source,
      layout,
      filter: ["all", POLYGONS, isKind("removed")],
      paint: {
        ...OUTLINED_FILL_PAINT,
        "fill-pattern": compareHatchImageId("removed"),
        "fill-opacity": 0.9,
      },
    },
    {
      id: "compare:changed-line",
      type: "line",
      source,
      layout,
      // not around a piece a few pixels across in a packed layer's tile: in its own colour, the
      // outline would only cover the piece's fill (see SMALL_FEATURE_PIXELS)
      filter: ["all", NOT_POINTS, isKind("changed"), ["!", ["to-boolean", ["get", SMALL_FEATURE]]]],
      paint: { "line-color": changedColor, "line-width": 1.2 },
    },
    {
      id: "compare:added-line",
      type: "line",
      source,
      layout,
      filter: ["all", NOT_POINTS, isKind("added")],
      paint: { "line-color": KIND_COLORS.added, "line-width": 2 },
    },
    {
      id: "compare:removed-line",
      type: "line",
      source,
      layout,
      filter: ["all", NOT_POINTS, isKind("removed")],
      paint: { "line-color": KIND_COLORS.removed, "line-width": 2, "line-dasharray": [2, 1.5] },
    },
    {
      id: "compare:highlight-casing",
      type: "line",
      source: highlight,
      layout,
      filter: NOT_POINTS,
      paint: { "line-color": "#ffffff", "line-width": 6, "line-opacity": 0.85 },
    },
    {
      id: "compare:highlight-line",
      type: "line",
      source: highlight,
      layout,
      filter: NOT_POINTS,
      paint: { "line-color": COMPARE_HIGHLIGHT_COLOR, "line-width": 3 },
    },
  ];
}
