/** Types of dense-rice-land.mjs, for the browser tests. */
import type { FeatureCollection, Polygon } from "geojson";

export declare function denseRiceLand(cell: number): FeatureCollection<Polygon>;
