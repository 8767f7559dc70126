import type { Feature, FeatureCollection } from "geojson";
import type { ExpressionSpecification, LayerSpecification } from "maplibre-gl";
import type { Flag, FlagStatus, OwnGeometry } from "../core/review/index";
import { OUTLINED_FILL_PAINT } from "./fill-paint";
import { NOT_POINTS, POINTS, POLYGONS } from "./geometry-filters";

/** Source of the flags reviewers drew themselves (and of a drawing waiting for its comment). */
export const FLAG_SOURCE = "review:own-flags";

/** Colours of a drawn flag by status; the list names the status too, so colour is never the only cue. */
export const FLAG_STATUS_COLORS: Readonly<Record<FlagStatus, string>> = {
  open: "#d81b60",
  confirmed: "#b71c1c",
  "needs-revision": "#e65100",
  "accepted-as-exception": "#2e7d32",
  resolved: "#546e7a",
};

/** Colour of a drawing not saved yet (waiting for its comment). */
export const DRAFT_COLOR = "#1565c0";

/** The `status` property of the draft feature (not a {@link FlagStatus}). */
const DRAFT = "draft";

/**
 * The drawn flags as the map's source takes them: each flag that is not deleted with its status
 * (and whether reviewers disagree on it), leaving out `hidden` (the flag being moved: the drawing
 * tool shows it instead), then `draft`, a finished drawing waiting for its comment.
 */
export function ownFlagsCollection(
  flags: Iterable<Flag>,
  hidden: string | null = null,
  draft: OwnGeometry | null = null,
): FeatureCollection {
  const features: Feature[] = [];
  for (const flag of flags) {
    if (flag.deleted || flag.target.kind !== "own" || flag.id === hidden) continue;
    features.push({
      type: "Feature",
      geometry: flag.target.geometry,
      properties: { flagId: flag.id, status: flag.status, disagreement: flag.disagreement },
    });
  }
  if (draft) {
    features.push({
      type: "Feature",
      geometry: draft,
      properties: { flagId: null, status: DRAFT, disagreement: false },
    });
  }
  return { type: "FeatureCollection", features };
}

const statusColor: ExpressionSpecification = [
  "match",
  ["get", "status"],
  ...Object.entries(FLAG_STATUS_COLORS).flat(),
  DRAFT_COLOR,
] as unknown as ExpressionSpecification;

const unsettled: ExpressionSpecification = [
  "any",
  ["==", ["get", "status"], DRAFT],
  ["==", ["get", "disagreement"], true],
];

/** Layer ids of the drawn flags (tests query them). */
export const FLAG_LAYERS = {
  fill: "review:own-flags-fill",
  line: "review:own-flags-line",
  dashed: "review:own-flags-dashed",
  point: "review:own-flags-point",
} as const;

/**
 * The drawn flags' layers: a light tint and a solid outline by status (dashed while disputed or a
 * draft), points as rings. Above the check's findings, below the selection highlight.
 */
export function flagLayerSpecs(): LayerSpecification[] {
  return [
    {
      id: FLAG_LAYERS.fill,
      type: "fill",
      source: FLAG_SOURCE,
      filter: POLYGONS,
      paint: { ...OUTLINED_FILL_PAINT, "fill-color": statusColor, "fill-opacity": 0.2 },
    },
    {
      id: FLAG_LAYERS.line,
      type: "line",
      source: FLAG_SOURCE,
      filter: ["all", NOT_POINTS, ["!", unsettled]],
      paint: { "line-color": statusColor, "line-width": 2.5 },
    },
    {
      // A disputed flag or a draft reads as unsettled without relying on colour.
      id: FLAG_LAYERS.dashed,
      type: "line",
      source: FLAG_SOURCE,
      filter: ["all", NOT_POINTS, unsettled],
      paint: { "line-color": statusColor, "line-width": 2.5, "line-dasharray": [2, 1.5] },
    },
    {
      id: FLAG_LAYERS.point,
      type: "circle",
      source: FLAG_SOURCE,
      filter: POINTS,
      paint: {
        "circle-radius": 7,
        "circle-color": "rgba(255,255,255,0.85)",
        "circle-stroke-color": statusColor,
        "circle-stroke-width": 3.5,
      },
    },
  ];
}
