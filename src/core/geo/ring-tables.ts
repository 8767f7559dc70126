import type { Position } from "geojson";

/**
 * Rings flattened as the checker's prepared geometries hold them (a `PreparedGeometry` is one):
 * open rings (no closing vertex), no consecutive repeated vertex, at least three vertices each.
 */
export type RingTables = {
  /** x0, y0, x1, y1, … of every ring, ring after ring. */
  coords: Float64Array;
  /** Vertex index where ring r starts is ringStart[r]; ringStart[rings] = vertex count. */
  ringStart: Int32Array;
  /** Polygon (part) of each ring. */
  ringPart: Int32Array;
  /** 1 for the outer ring (shell) of a part, 0 for a hole. */
  ringIsOuter: Uint8Array;
};

/** Polygons (parts → closed rings) as ring tables; rings must have three distinct positions. */
export function flattenRings(polygons: Position[][][]): RingTables {
  let capacity = 0;
  let rings = 0;
  for (const part of polygons) {
    rings += part.length;
    for (const ring of part) capacity += ring.length;
  }
  const coords = new Float64Array(2 * capacity);
  const ringStart = new Int32Array(rings + 1);
  const ringPart = new Int32Array(rings);
  const ringIsOuter = new Uint8Array(rings);
  let w = 0;
  let r = 0;
  polygons.forEach((part, p) => {
    part.forEach((ring, k) => {
      const start = w;
      for (const position of ring) {
        const x = position[0] as number;
        const y = position[1] as number;
        if (w > start && coords[w - 2] === x && coords[w - 1] === y) continue;
        coords[w++] = x;
        coords[w++] = y;
      }
      if (w - start > 2 && coords[start] === coords[w - 2] && coords[start + 1] === coords[w - 1])
        w -= 2;
      ringStart[r] = start / 2;
      ringPart[r] = p;
      ringIsOuter[r] = k === 0 ? 1 : 0;
      r++;
    });
  });
  ringStart[rings] = w / 2;
  return { coords: coords.subarray(0, w), ringStart, ringPart, ringIsOuter };
}
