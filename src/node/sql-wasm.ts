import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import type { SqlWasmSource } from "../io/format-types";

/**
 * sql.js's WebAssembly binary read from node_modules. The CLI runs as one esbuild bundle, where
 * sql.js can no longer find the file beside its own script: resolving the package from here finds
 * it from the bundle's folder (build/cli/) and from src/ alike.
 */
export const nodeSqlWasm: SqlWasmSource = async () => {
  const path = createRequire(import.meta.url).resolve("sql.js/dist/sql-wasm.wasm");
  return { bytes: new Uint8Array(await readFile(path)) };
};
