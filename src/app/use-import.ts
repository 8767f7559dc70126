import { useCallback, useEffect, useMemo, useRef } from "react";
import type { LayerEntry } from "../core/catalog/schema";
import { warmPackedLayer } from "../map/tile-worker-client";
import type { AppAction } from "../state/app-state";
import type { ImportState } from "../state/import-state";
import { loadedProposal } from "../state/proposal-layer";
import { ImportClient } from "../worker/import-client";
import { type ImportOverrides, type ImportStage, NO_OVERRIDES } from "../worker/import-protocol";
import { frameProgress } from "./frame-progress";
import { startImportWorker } from "./import-worker";

/** What the picker, the drop zone and the import dialog can do. */
export type ImportController = {
  /** Reads files chosen or dropped together (one input) and opens the dialog with its report. */
  open: (files: File[]) => void;
  /** Prepares the files in the dialog again with another CRS or land-use attribute. */
  override: (change: Partial<ImportOverrides>) => void;
  /** Stops any reading and closes the dialog; the session stays as it was. */
  cancel: () => void;
  /** Loads the reviewed proposal's valid features as the proposal layer. */
  load: () => void;
};

/**
 * Runs imports on the import worker and keeps the dialog's state in the app store. Nothing of the
 * session changes until the user loads the reviewed proposal: a bad file, a cancel or a worker
 * that broke only ever changes the dialog.
 */
export function useImport(
  importing: ImportState,
  target: LayerEntry | null,
  /** The attribute the proposal's land-use codes are renamed to (the one the rules read). */
  landUseKey: string,
  dispatch: (action: AppAction) => void,
): ImportController {
  const clientRef = useRef<ImportClient | null>(null);
  const request = useRef<{ files: File[]; readId: number; overrides: ImportOverrides } | null>(
    null,
  );

  useEffect(() => {
    const client = new ImportClient(startImportWorker);
    clientRef.current = client;
    return () => {
      client.dispose();
      clientRef.current = null;
    };
  }, []);

  const start = useCallback(() => {
    const client = clientRef.current;
    const current = request.current;
    if (!client || !current) return;
    dispatch({ type: "import-started", files: current.files.map((f) => f.name) });
    let stage: ImportStage = "read";
    const progress = frameProgress((done, total) =>
      dispatch({ type: "import-progress", stage, done, total }),
    );
    const outcome = client.run({ ...current, landUseKey }, (at, done, total) => {
      stage = at;
      progress.report(done, total);
    });
    void outcome.then((result) => {
      progress.stop();
      if (result.status === "done") dispatch({ type: "import-reported", report: result.result });
      else if (result.status === "failed")
        dispatch({ type: "import-failed", message: result.message });
      // cancelled: the dialog was closed by whoever cancelled
    });
  }, [dispatch, landUseKey]);

  // Another target whose rules read codes under another attribute: the files are prepared again.
  const shownStart = useRef(start);
  useEffect(() => {
    if (shownStart.current === start) return;
    shownStart.current = start;
    if (request.current) start();
  }, [start]);

  const open = useCallback(
    (files: File[]) => {
      const client = clientRef.current;
      if (!client || files.length === 0) return;
      request.current = { files, readId: client.newReadId(), overrides: NO_OVERRIDES };
      start();
    },
    [start],
  );

  const override = useCallback(
    (change: Partial<ImportOverrides>) => {
      const current = request.current;
      if (!current) return;
      request.current = { ...current, overrides: { ...current.overrides, ...change } };
      start();
    },
    [start],
  );

  const cancel = useCallback(() => {
    clientRef.current?.cancel();
    request.current = null;
    dispatch({ type: "import-closed" });
  }, [dispatch]);

  const report = importing.status === "review" ? importing.report : null;

  // While the user reads the report, the map's tile worker already cuts the valid features into
  // tiles: after "load" the proposal is drawn without waiting for a 26 MB file to be parsed and
  // indexed. Let go when the report goes (cancelled, prepared again, or taken by the map).
  const collection = report?.collection ?? null;
  useEffect(() => (collection ? warmPackedLayer(collection) : undefined), [collection]);
  const load = useCallback(() => {
    if (!report?.collection || !target) return;
    request.current = null;
    dispatch({
      type: "proposal-loaded",
      proposal: loadedProposal(target, report.file, report.collection, report.bbox),
    });
  }, [report, target, dispatch]);

  // One object while its functions stay the same: the app registers it among the store's commands,
  // and a new object on every render re-registered them and re-rendered every panel reading them.
  return useMemo(() => ({ open, override, cancel, load }), [open, override, cancel, load]);
}
