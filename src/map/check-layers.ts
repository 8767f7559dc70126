import type { Feature, FeatureCollection } from "geojson";
import type { ExpressionSpecification, LayerSpecification, Map as MapLibreMap } from "maplibre-gl";
import type { Finding, Severity } from "../core/check/index";
import { type LayerData, type PackedLayer, packCollection } from "../io/packed-collection";
import type { FindingHighlight } from "../state/check-selection";
import { EMPTY_COLLECTION } from "./base-style";
import { OUTLINED_FILL_PAINT } from "./fill-paint";
import { NOT_POINTS, POINTS, POLYGONS } from "./geometry-filters";

/** Source ids of the check results. */
export const CHECK_SOURCES = {
  findings: "check:findings",
  highlight: "check:highlight",
} as const;

/** The lowest check layer: plan lines and points are drawn below it. */
export const CHECK_FIRST_LAYER = "check:findings-tint";

/** Colours of a finding by severity; never the only cue (hatch pattern and dash differ too). */
export const SEVERITY_COLORS: Readonly<Record<Severity, string>> = {
  error: "#c62828",
  warning: "#b26a00",
};

/** Outline colours of a selected finding's features. */
export const HIGHLIGHT_COLORS = { subject: "#1f5fa8", constraint: "#6a1b9a" } as const;

/** Name of the hatch image of a severity, registered with `map.addImage`. */
export const hatchImageId = (severity: Severity) => `check:hatch-${severity}`;

/** A pattern image as MapLibre takes it: RGBA bytes, row by row. */
export type PatternImage = { width: number; height: number; data: Uint8ClampedArray<ArrayBuffer> };

/**
 * A seamless hatch tile drawn pixel by pixel (no sprite file, nothing to fetch): 45° lines every
 * `spacing` px, and for `cross` the other diagonal too, anti-aliased, on a transparent background.
 * Errors use the cross-hatch and warnings the single hatch, so severity reads without colour.
 *
 * @param rgb - line colour, 0–255 per channel
 * @param spacing - distance between lines along an axis, px (the tile is spacing × spacing)
 * @param lineWidth - line width, px
 */
export function hatchPattern(
  rgb: [number, number, number],
  cross: boolean,
  spacing = 12,
  lineWidth = 2,
): PatternImage {
  const size = spacing;
  const data = new Uint8ClampedArray(size * size * 4);
  const half = lineWidth / 2;
  // Perpendicular distance from a pixel centre to the nearest line of one family, px.
  const distance = (offset: number) => {
    const u = ((offset % size) + size) % size;
    return Math.min(u, size - u) / Math.SQRT2;
  };
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const rising = distance(x + y + 1);
      const falling = cross ? distance(x - y) : Number.POSITIVE_INFINITY;
      const coverage = Math.max(0, Math.min(1, half + 0.5 - Math.min(rising, falling)));
      const i = (y * size + x) * 4;
      data[i] = rgb[0];
      data[i + 1] = rgb[1];
      data[i + 2] = rgb[2];
      data[i + 3] = Math.round(coverage * 255);
    }
  }
  return { width: size, height: size, data };
}

/** "#rrggbb" → [r, g, b]. */
export function hexToRgb(hex: string): [number, number, number] {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** The drawable findings: their conflicting parts, tagged with id and severity. */
export function findingsCollection(findings: readonly Finding[]): FeatureCollection {
  if (findings.length === 0) return EMPTY_COLLECTION;
  return {
    type: "FeatureCollection",
    features: findings.flatMap((f): Feature[] =>
      f.geometry
        ? [
            {
              type: "Feature",
              geometry: f.geometry,
              properties: { id: f.id, severity: f.severity },
            },
          ]
        : [],
    ),
  };
}

/**
 * The drawable findings (see {@link findingsCollection}) packed: made on a check worker from its
 * findings, so a large run reaches the map through the tile worker (src/map/packed-tiles.ts), not
 * as a GeoJSON `setData` the page clones feature by feature to MapLibre's worker.
 */
export function packedFindings(findings: readonly Finding[]): PackedLayer {
  const { blob, count, span } = packCollection(findingsCollection(findings));
  return { kind: "packed", blob, count, span };
}

/**
 * Runs with more findings than this are drawn from their packed parts (vector tiles cut by the
 * tile worker); fewer go to a GeoJSON source as they are (a few hundred clone in milliseconds, and
 * tiles would only add a round trip to the tile worker).
 */
export const PACKED_FINDINGS_FROM = 1000;

/**
 * What the findings source draws: a large run's findings as the check workers packed them, a small
 * run's (or one without packed parts) as a collection.
 */
export function findingsMapData(
  findings: readonly Finding[],
  drawn: PackedLayer | null,
): LayerData {
  return drawn && findings.length > PACKED_FINDINGS_FROM ? drawn : findingsCollection(findings);
}

/** The selected finding's features, each tagged with its `role`: subject, constraint or conflict. */
export function highlightCollection(highlight: FindingHighlight | null): FeatureCollection {
  if (!highlight) return EMPTY_COLLECTION;
  const features: Feature[] = [];
  const add = (role: string, feature: Feature | null) => {
    if (feature?.geometry) {
      features.push({
        type: "Feature",
        geometry: feature.geometry,
        properties: { role, severity: highlight.severity },
      });
    }
  };
  add("subject", highlight.subject);
  add("constraint", highlight.constraint);
  if (highlight.conflict) {
    add("conflict", { type: "Feature", geometry: highlight.conflict, properties: {} });
  }
  return { type: "FeatureCollection", features };
}

const bySeverity = (error: string, warning: string): ExpressionSpecification => [
  "match",
  ["get", "severity"],
  "warning",
  warning,
  error,
];

const severityColor = bySeverity(SEVERITY_COLORS.error, SEVERITY_COLORS.warning);

/**
 * Layers of the check results, bottom to top: a light tint and the hatch of every conflicting part,
 * its outline (solid for errors, dashed for warnings), points for point problems; then the selected
 * finding: subject outline (solid blue), constraint outline (dashed purple), conflict outline.
 */
export function checkLayerSpecs(): LayerSpecification[] {
  const findings = CHECK_SOURCES.findings;
  const highlight = CHECK_SOURCES.highlight;
  const role = (r: string): ExpressionSpecification => ["==", ["get", "role"], r];
  return [
    {
      id: CHECK_FIRST_LAYER,
      type: "fill",
      source: findings,
      filter: POLYGONS,
      paint: { ...OUTLINED_FILL_PAINT, "fill-color": severityColor, "fill-opacity": 0.12 },
    },
    {
      id: "check:findings-hatch",
      type: "fill",
      source: findings,
      filter: POLYGONS,
      paint: {
        ...OUTLINED_FILL_PAINT,
        "fill-pattern": bySeverity(hatchImageId("error"), hatchImageId("warning")),
        "fill-opacity": 0.9,
      },
    },
    {
      id: "check:findings-line-error",
      type: "line",
      source: findings,
      filter: ["all", NOT_POINTS, ["==", ["get", "severity"], "error"]],
      paint: { "line-color": SEVERITY_COLORS.error, "line-width": 1.8 },
    },
    {
      id: "check:findings-line-warning",
      type: "line",
      source: findings,
      filter: ["all", NOT_POINTS, ["==", ["get", "severity"], "warning"]],
      paint: {
        "line-color": SEVERITY_COLORS.warning,
        "line-width": 1.8,
        "line-dasharray": [3, 2],
      },
    },
    {
      id: "check:findings-point",
      type: "circle",
      source: findings,
      filter: POINTS,
      paint: {
        "circle-radius": 5,
        "circle-color": "rgba(255,255,255,0.8)",
        "circle-stroke-color": severityColor,
        "circle-stroke-width": 2.5,
      },
    },
    {
      id: "check:highlight-casing",
      type: "line",
      source: highlight,
      filter: NOT_POINTS,
      paint: { "line-color": "#ffffff", "line-width": 6, "line-opacity": 0.85 },
    },
    {
      id: "check:highlight-constraint",
      type: "line",
      source: highlight,
      filter: ["all", NOT_POINTS, role("constraint")],
      paint: {
        "line-color": HIGHLIGHT_COLORS.constraint,
        "line-width": 3,
        "line-dasharray": [2, 1.5],
      },
    },
    {
      id: "check:highlight-subject",
      type: "line",
      source: highlight,
      filter: ["all", NOT_POINTS, role("subject")],
      paint: { "line-color": HIGHLIGHT_COLORS.subject, "line-width": 3 },
    },
    {
      id: "check:highlight-conflict-fill",
      type: "fill",
      source: highlight,
      filter: ["all", POLYGONS, role("conflict")],
      paint: { ...OUTLINED_FILL_PAINT, "fill-color": severityColor, "fill-opacity": 0.3 },
    },
    {
      id: "check:highlight-conflict-line",
      type: "line",
      source: highlight,
      filter: ["all", NOT_POINTS, role("conflict")],
      paint: { "line-color": severityColor, "line-width": 3.5 },
    },
    {
      id: "check:highlight-point",
      type: "circle",
      source: highlight,
      filter: POINTS,
      paint: {
        "circle-radius": 9,
        "circle-color": "rgba(0,0,0,0)",
        "circle-stroke-color": severityColor,
        "circle-stroke-width": 3,
      },
    },
  ];
}

/**
 * Adds the check's sources, layers and hatch images to a map, under `before`: the images are drawn
 * here rather than read from a sprite, so nothing is fetched. Used by the app's map and by the
 * dossier's offscreen map, so both draw a conflict the same way.
 */
export function installCheckLayers(
  map: MapLibreMap,
  before: string,
  devicePixelRatio: number,
): void {
  const ratio = Math.max(1, Math.round(devicePixelRatio));
  for (const severity of ["error", "warning"] as const) {
    const { width, height, data } = hatchPattern(
      hexToRgb(SEVERITY_COLORS[severity]),
      severity === "error",
      12 * ratio,
      2 * ratio,
    );
    map.addImage(hatchImageId(severity), new ImageData(data, width, height), {
      pixelRatio: ratio,
    });
  }
  for (const id of Object.values(CHECK_SOURCES)) {
    map.addSource(id, { type: "geojson", data: EMPTY_COLLECTION });
  }
  for (const spec of checkLayerSpecs()) map.addLayer(spec, before);
}

/** The layers a click on a conflict lands on: its tinted area, or its point. */
export const FINDING_CLICK_LAYERS = [CHECK_FIRST_LAYER, "check:findings-point"] as const;

/**
 * The finding ids of the features under a click (as `queryRenderedFeatures` gives them: topmost
 * first, a feature once per tile it spans), each once, in that order.
 */
export function findingIdsAt(rendered: readonly { properties?: unknown }[]): string[] {
  const ids: string[] = [];
  for (const feature of rendered) {
    const properties = feature.properties;
    const id =
      typeof properties === "object" && properties !== null && Object.hasOwn(properties, "id")
        ? (properties as { id: unknown }).id
        : undefined;
    if (typeof id === "string" && !ids.includes(id)) ids.push(id);
  }
  return ids;
}
