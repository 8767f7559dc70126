/** Types of bench-catalog.mjs, for the agreement test (TypeScript) that imports it. */
export declare const DEVELOPMENT_CODES: string[];
export declare const CONSTRAINT_LAYERS: string[];
export declare function benchCatalog(ext?: "geojson" | "fgb"): Record<string, unknown>;
export declare function benchRules(): Record<string, unknown>;
/** Writes catalog.json (layers `.ext`, default geojson) and rules.json into `dir`; returns the catalogue path. */
export declare function writeBenchCatalog(dir: string, ext?: "geojson" | "fgb"): string;
