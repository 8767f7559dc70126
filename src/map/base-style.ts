import type { FeatureCollection } from "geojson";
import type { FilterSpecification, LayerSpecification, StyleSpecification } from "maplibre-gl";
import { OUTLINED_FILL_PAINT } from "./fill-paint";
import { NOT_POINTS, POINTS, POLYGONS } from "./geometry-filters";

/** Source ids of the base map. */
export const BASE_SOURCES = {
  provinces: "base:provinces",
  boundary: "base:hanoi-boundary",
  districts: "base:districts",
  highlight: "base:highlight",
  osm: "base:osm",
  orientation: "base:orientation",
} as const;

/** Layer ids of the base map that other layers are placed against. */
export const BASE_LAYERS = {
  background: "base:background",
  osm: "base:osm",
  provincesFill: "base:provinces-fill",
  districtsFill: "base:districts-fill",
  districtsLine: "base:districts-line",
  boundaryLine: "base:boundary-line",
  highlightFill: "base:highlight-fill",
  highlightLine: "base:highlight-line",
  highlightPoint: "base:highlight-point",
} as const;

/** The empty collection every GeoJSON source starts with (and shows when there is nothing). */
export const EMPTY_COLLECTION: FeatureCollection = { type: "FeatureCollection", features: [] };

/**
 * The offline base map: a neutral background, provinces for national context, Hanoi's districts
 * and its boundary, and a highlight for the selected feature. It names no glyph or sprite URL and
 * no tile server, so drawing it never leaves the app's own host; district names are drawn as DOM
 * labels instead of symbol layers (see district-labels.ts). Sources start empty and are filled once
 * the data files have loaded.
 */
export function baseStyle(): StyleSpecification {
  const geojson = { type: "geojson" as const, data: EMPTY_COLLECTION };
  const layers: LayerSpecification[] = [
    { id: BASE_LAYERS.background, type: "background", paint: { "background-color": "#eef1f4" } },
    {
      id: BASE_LAYERS.provincesFill,
      type: "fill",
      source: BASE_SOURCES.provinces,
      // the provinces' borders are the fill's own 1 px edge: a line layer of its own was a sixth
      // of each redraw in software WebGL, for context drawn under everything
      paint: { "fill-color": "#f9f8f4", "fill-outline-color": "#b8bec6", "fill-opacity": 0.9 },
    },
    {
      id: BASE_LAYERS.districtsFill,
      type: "fill",
      source: BASE_SOURCES.districts,
      paint: { ...OUTLINED_FILL_PAINT, "fill-color": "#ffffff", "fill-opacity": 0.55 },
    },
    {
      id: BASE_LAYERS.districtsLine,
      type: "line",
      source: BASE_SOURCES.districts,
      paint: {
        "line-color": "#6b7785",
        "line-width": ["interpolate", ["linear"], ["zoom"], 8, 0.6, 13, 1.6],
        "line-dasharray": [3, 2],
      },
    },
    ...orientationLayers(),
    {
      id: BASE_LAYERS.boundaryLine,
      type: "line",
      source: BASE_SOURCES.boundary,
      paint: { "line-color": "#3d4a5c", "line-width": 2 },
    },
    {
      id: BASE_LAYERS.highlightFill,
      type: "fill",
      source: BASE_SOURCES.highlight,
      filter: POLYGONS,
      paint: { ...OUTLINED_FILL_PAINT, "fill-color": "#1f6feb", "fill-opacity": 0.12 },
    },
    {
      id: BASE_LAYERS.highlightLine,
      type: "line",
      source: BASE_SOURCES.highlight,
      filter: NOT_POINTS,
      paint: { "line-color": "#1f6feb", "line-width": 3 },
    },
    {
      id: BASE_LAYERS.highlightPoint,
      type: "circle",
      source: BASE_SOURCES.highlight,
      filter: POINTS,
      paint: {
        "circle-radius": 10,
        "circle-color": "rgba(0,0,0,0)",
        "circle-stroke-color": "#1f6feb",
        "circle-stroke-width": 3,
      },
    },
  ];
  return {
    version: 8,
    // no paint transition: a change of opacity or colour is drawn at once, in one frame (each
    // frame of a transition is a redraw of the whole map, slow in software WebGL)
    transition: { duration: 0, delay: 0 },
    sources: {
      [BASE_SOURCES.provinces]: geojson,
      [BASE_SOURCES.boundary]: geojson,
      [BASE_SOURCES.districts]: geojson,
      [BASE_SOURCES.highlight]: geojson,
      [BASE_SOURCES.orientation]: geojson,
    },
    layers,
  };
}

const kindIs = (kind: string): FilterSpecification => ["==", ["get", "kind"], kind];

/**
 * The orientation layer (layers/orientation/): lakes and rivers in water blue, ring roads as thin
 * brown lines, district seats as small dots; above the plan's areas, under its lines, quiet enough
 * to read the plan through.
 */
function orientationLayers(): LayerSpecification[] {
  const source = BASE_SOURCES.orientation;
  const water = "#4f8fc6";
  return [
    {
      id: "base:orientation-lake",
      type: "fill",
      source,
      filter: kindIs("lake"),
      paint: { "fill-color": "#9cc8ec", "fill-outline-color": water, "fill-opacity": 0.85 },
    },
    {
      id: "base:orientation-river",
      type: "line",
      source,
      filter: kindIs("river"),
      layout: { "line-cap": "round", "line-join": "round" },
      paint: {
        "line-color": water,
        "line-opacity": 0.8,
        "line-width": ["interpolate", ["linear"], ["zoom"], 8, 1.5, 12, 4, 15, 10],
      },
    },
    {
      id: "base:orientation-ring-road",
      type: "line",
      source,
      filter: kindIs("ring-road"),
      layout: { "line-cap": "round", "line-join": "round" },
      paint: {
        "line-color": "#8a5a2b",
        "line-opacity": 0.75,
        "line-width": ["interpolate", ["linear"], ["zoom"], 8, 0.8, 13, 2.5],
      },
    },
    {
      id: "base:orientation-seat",
      type: "circle",
      source,
      filter: kindIs("district-seat"),
      paint: {
        "circle-color": "#2b3645",
        "circle-radius": ["interpolate", ["linear"], ["zoom"], 8, 1.5, 12, 3.5],
        "circle-stroke-color": "#ffffff",
        "circle-stroke-width": 1,
      },
    },
  ];
}

/** OpenStreetMap's standard raster tiles: only added when the user switches the basemap on. */
export const OSM_SOURCE = {
  type: "raster" as const,
  tiles: ["https://tile.openstreetmap.org/{z}/{x}/{y}.png"],
  tileSize: 256,
  maxzoom: 19,
  attribution:
    '© <a href="https://www.openstreetmap.org/copyright" target="_blank" rel="noopener">OpenStreetMap</a>',
};
