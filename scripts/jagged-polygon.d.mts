/** Types of jagged-polygon.mjs, for the tests (TypeScript) that import it. */
import type { FeatureCollection, Position } from "geojson";

export declare function jaggedRing(
  vertices: number,
  radius?: number,
  cx?: number,
  cy?: number,
): Position[];
export declare function jaggedCollection(vertices: number, radius?: number): FeatureCollection;
