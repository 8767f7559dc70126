import initSqlJs, { type SqlJsStatic } from "sql.js";
import type { SqlWasmSource } from "../format-types";

/**
 * sql.js (SQLite compiled to WebAssembly), started once per page, worker or process. Its .wasm
 * comes from `source` (a URL the page's bundler serves, or bytes Node read from node_modules);
 * without one sql.js looks beside its own script, which works when it is loaded unbundled from
 * node_modules. A failed start is forgotten, so the next file tries again.
 */
let engine: Promise<SqlJsStatic> | null = null;

export function sqlEngine(source: SqlWasmSource | undefined): Promise<SqlJsStatic> {
  engine ??= (async () => {
    if (!source) return initSqlJs();
    const located = await source();
    if ("url" in located) return initSqlJs({ locateFile: () => located.url });
    const bytes = located.bytes;
    const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    return initSqlJs({ wasmBinary: wasmBinary as ArrayBuffer });
  })().catch((error: unknown) => {
    engine = null;
    throw error;
  });
  return engine;
}
