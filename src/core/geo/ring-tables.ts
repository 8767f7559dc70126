/**
 * Polygon rings flattened into typed arrays: open rings (no closing vertex), no consecutive repeated
 * vertex, at least three vertices each. `preparePolygons` (check/prepared-geometry.ts) makes them:
 * a `PreparedGeometry` is one.
 */
export type RingTables = {
  /** x0, y0, x1, y1, … of every ring, ring after ring. */
  coords: Float64Array;
  /**
   * Vertex index where ring r starts is ringStart[r]; ringStart[rings] = vertex count. This and the
   * two tables below are read-only: one-ring geometries share them.
   */
  ringStart: Int32Array;
  /** Polygon (part) of each ring. */
  ringPart: Int32Array;
  /** 1 for the outer ring (shell) of a part, 0 for a hole. */
  ringIsOuter: Uint8Array;
};
