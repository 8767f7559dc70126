import type { Position } from "geojson";
import { type CheckInput, type ClipKernel, createClipperKernel } from "../core/check/index";

/** The first position of the first feature with coordinates, in rule order: the same in every thread. */
function firstPosition(input: CheckInput): Position | null {
  for (const rule of input.rules) {
    const collection = input.layers[rule.subject.layer];
    for (const feature of collection?.features ?? []) {
      const g = feature.geometry;
      if (g?.type === "Polygon") return g.coordinates[0]?.[0] ?? null;
      if (g?.type === "MultiPolygon") return g.coordinates[0]?.[0]?.[0] ?? null;
    }
  }
  return null;
}

/**
 * A clipping kernel whose integer grid origin is the same in every thread. The Clipper2 kernel
 * takes its origin from the first polygon it converts (floor of lon and lat: 20° or 21° N within
 * Hà Nội), so threads that meet the zones in a different order computed areas differing in the
 * 8th significant digit, and the output changed with the thread count. Converting one tiny triangle
 * at a position fixed by the input first pins the origin.
 * TODO(check engine): give createClipperKernel an explicit origin and drop this.
 */
export function pinnedKernel(input: CheckInput): ClipKernel {
  const kernel = createClipperKernel();
  const p = firstPosition(input);
  if (p) {
    const [x, y] = p as [number, number];
    const triangle: Position[][][] = [
      [
        [
          [x, y],
          [x + 1e-6, y],
          [x, y + 1e-6],
          [x, y],
        ],
      ],
    ];
    kernel.intersection(triangle, triangle);
  }
  return kernel;
}
