import type { ExpressionSpecification } from "maplibre-gl";

/** Layer filter: polygons and multipolygons only (fills and outlines). */
export const POLYGONS: ExpressionSpecification = [
  "in",
  ["geometry-type"],
  ["literal", ["Polygon", "MultiPolygon"]],
];

/** Layer filter: lines and polygon outlines, i.e. everything but points. */
export const NOT_POINTS: ExpressionSpecification = ["!=", ["geometry-type"], "Point"];

/** Layer filter: points only. */
export const POINTS: ExpressionSpecification = ["==", ["geometry-type"], "Point"];
