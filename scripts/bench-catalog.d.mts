/** Types of bench-catalog.mjs, for the agreement test (TypeScript) that imports it. */
export declare const DEVELOPMENT_CODES: string[];
export declare const CONSTRAINT_LAYERS: string[];
export declare function benchCatalog(): Record<string, unknown>;
export declare function benchRules(): Record<string, unknown>;
/** Writes catalog.json and rules.json into `dir`; returns the catalogue path. */
export declare function writeBenchCatalog(dir: string): string;
