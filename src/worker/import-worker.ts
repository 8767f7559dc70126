import sqlWasmUrl from "sql.js/dist/sql-wasm.wasm?url";
import { packedJsonTransfer } from "../io/packed-json";
import { DEFAULT_READ_LIMITS } from "../io/read-limits";
import { readSource } from "../io/registry";
import { createImportHandler } from "./import-handler";
import { prepareReport } from "./import-pipeline";
import type { FromImportWorker, ToImportWorker } from "./import-protocol";

/**
 * Entry of the import Web Worker: files are read, parsed, reprojected and validated here, never on
 * the page's thread, so the map stays responsive while a large proposal loads. The format readers
 * are imported by the registry only when a file of their format arrives; sql.js's WebAssembly is
 * an asset Vite serves beside the bundle.
 */
const scope = self as unknown as {
  postMessage: (message: FromImportWorker, transfer: Transferable[]) => void;
  onmessage: ((event: MessageEvent<ToImportWorker>) => void) | null;
};

// a report's features travel as bytes, transferred: the page gets them without a copy
const transferOf = (message: FromImportWorker) =>
  message.type === "report" && message.report.collection
    ? packedJsonTransfer(message.report.collection)
    : [];

const handle = createImportHandler((message) => scope.postMessage(message, transferOf(message)), {
  limits: DEFAULT_READ_LIMITS,
  read: (files, options) =>
    readSource(files, { ...options, sqlWasm: async () => ({ url: sqlWasmUrl }) }),
  prepare: prepareReport,
});
scope.onmessage = (event) => handle(event.data);
