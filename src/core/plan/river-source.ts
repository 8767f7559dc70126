import type { Position } from "geojson";
import { type AuthoredLayers, authoredCollection, featureWhere } from "./authored-layers";
import { PlanInputError } from "./plan-input-error";

/** A river centre line with the half-width of its flood-drainage corridor on each bank, per vertex. */
export type RiverSource = {
  id: string;
  name: string;
  centreLine: Position[];
  halfWidthLeftM: number[];
  halfWidthRightM: number[];
  dykeLeftName: string;
  dykeRightName: string;
};

/** Below this half-width (m) the riverside dyke band would cross the centre line. */
const MIN_HALF_WIDTH_M = 50;

function widths(value: unknown, count: number, where: string, key: string): number[] {
  if (
    !Array.isArray(value) ||
    value.length !== count ||
    value.some((w) => typeof w !== "number" || !(w >= MIN_HALF_WIDTH_M))
  ) {
    throw new PlanInputError(where, {
      vi: `"${key}" phải liệt kê một nửa bề rộng tính bằng mét (≥ ${MIN_HALF_WIDTH_M}) cho mỗi đỉnh (${count})`,
      en: `"${key}" must list one half-width in metres (≥ ${MIN_HALF_WIDTH_M}) per vertex (${count})`,
    });
  }
  return value as number[];
}

/**
 * Reads the river of `key`: its first feature, a LineString flowing downstream, with
 * `half_width_left_m` and `half_width_right_m` (one per vertex; left = left bank looking
 * downstream) and optional dyke names `dyke_left` / `dyke_right`.
 *
 * @throws Error naming the file and feature when the line or its widths are unusable
 */
export function readRiver(authored: AuthoredLayers, key: string): RiverSource {
  const feature = authoredCollection(authored, key).features[0];
  if (!feature) {
    throw new PlanInputError(`layers/${key}`, {
      vi: "không có đối tượng nào (cần đường tim sông)",
      en: "no feature (expected the river centre line)",
    });
  }
  const where = featureWhere(key, feature, 0);
  if (feature.geometry?.type !== "LineString" || feature.geometry.coordinates.length < 2) {
    throw new PlanInputError(where, {
      vi: "cần đường tim sông dạng LineString",
      en: "expected a LineString centre line",
    });
  }
  const props = feature.properties ?? {};
  const count = feature.geometry.coordinates.length;
  const text = (value: unknown, fallback: string) => (typeof value === "string" ? value : fallback);
  return {
    id: text(props.id, "river"),
    name: text(props.name, "river"),
    centreLine: feature.geometry.coordinates,
    halfWidthLeftM: widths(props.half_width_left_m, count, where, "half_width_left_m"),
    halfWidthRightM: widths(props.half_width_right_m, count, where, "half_width_right_m"),
    dykeLeftName: text(props.dyke_left, "Left dyke"),
    dykeRightName: text(props.dyke_right, "Right dyke"),
  };
}
