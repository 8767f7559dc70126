import type { LayerData } from "../../io/packed-collection";
import "./dossier.css";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { createPortal } from "react-dom";
import { useTranslation } from "react-i18next";
import type { Rule } from "../../core/catalog/rules-schema";
import type { LayerEntry } from "../../core/catalog/schema";
import type { Flag } from "../../core/review/index";
import {
  type FindingImageItem,
  MAX_FINDING_IMAGES,
  renderFindingImages,
} from "../../map/finding-images";
import type { PlanLayerData } from "../../map/map-view";
import type { CheckRun } from "../../state/check-state";
import { type DossierModel, dossierImageKey, dossierModel } from "../../state/dossier-model";
import { useAppStore } from "../../state/store";
import { RunProgress } from "../progress-bar";
import type { FindingNames } from "../use-finding-names";
import { DossierDocument } from "./dossier-document";

type Props = {
  run: CheckRun;
  rules: readonly Rule[];
  catalog: readonly LayerEntry[];
  /** The layers the run checked (a proposal in place of the layer it replaces), for the images. */
  layers: Readonly<Record<string, LayerData>>;
  districts: LayerData | null;
  names: FindingNames;
};

const NO_FLAGS: ReadonlyMap<string, Flag> = new Map();

type Phase =
  | { kind: "idle" }
  | { kind: "drawing"; done: number; total: number }
  | { kind: "failed"; reason: string };

/** What the printed dossier holds once prepared: the run, its images and when it was prepared. */
type Prepared = { run: CheckRun; images: ReadonlyMap<string, string>; at: string };

/** The map images to draw: each entry with an area, its rule's two plan layers under it. */
function imageItems(model: DossierModel): FindingImageItem[] {
  return model.entries.flatMap((entry) =>
    entry.geometry
      ? [
          {
            key: dossierImageKey(entry),
            geometry: entry.geometry,
            severity: entry.severity ?? "warning",
            layers: [entry.subject?.layer, entry.constraint?.layer].filter(
              (id): id is string => id !== undefined,
            ),
          },
        ]
      : [],
  );
}

/**
 * "In hồ sơ / Print dossier": draws a map image of each flagged finding (progress shown), puts the
 * dossier into a print-only container and opens the browser's print dialog (A4, see dossier.css).
 * The dossier stays in the page, following flags and language, until the next preparation or run.
 */
export function DossierPrint({ run, rules, catalog, layers, districts, names }: Props) {
  const { t } = useTranslation();
  // null until the flag store has opened: no flags yet, the dossier holds the summary only
  const snapshot = useAppStore((s) => s.review.flags);
  const flags = snapshot?.flags ?? NO_FLAGS;
  // stored flags not read yet would be missing from the dossier: wait for them
  const loading = snapshot === null || snapshot.save.kind === "loading";
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const [prepared, setPrepared] = useState<Prepared | null>(null);
  // The dossier of this run, once prepared (not before: the check panel stays light); a new run
  // leaves the old images behind until the next preparation.
  const current = prepared?.run === run ? prepared : null;
  const modelOf = useCallback(
    (flags: ReadonlyMap<string, Flag>) =>
      dossierModel({
        findings: run.result.findings,
        flags: flags.values(),
        rules,
        catalog,
        districtName: names.district,
      }),
    [run, rules, catalog, names.district],
  );
  const model = useMemo(() => current && modelOf(flags), [current, modelOf, flags]);
  const planLayers = useMemo<PlanLayerData[]>(
    () =>
      catalog.flatMap((layer) => {
        const data = layers[layer.id];
        return data ? [{ layer, data }] : [];
      }),
    [catalog, layers],
  );
  const [printRequest, setPrintRequest] = useState(0);
  const abort = useRef<AbortController | null>(null);
  const container = useRef<HTMLDivElement | null>(null);

  useEffect(() => () => abort.current?.abort(), []);

  // Print once React has put the prepared dossier into the page and its images have decoded.
  useEffect(() => {
    // a run started while the images were drawn leaves no dossier: printing would print the app
    if (printRequest === 0 || !container.current) return;
    let live = true;
    const images = [...container.current.querySelectorAll("img")];
    void Promise.allSettled(images.map((img) => img.decode())).then(() => {
      if (live) window.print();
    });
    return () => {
      live = false;
    };
  }, [printRequest]);

  const busy = phase.kind === "drawing";
  const prepare = async () => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    const at = new Date().toISOString();
    const items = imageItems(modelOf(flags));
    const total = Math.min(items.length, MAX_FINDING_IMAGES);
    setPhase({ kind: "drawing", done: 0, total });
    let images: ReadonlyMap<string, string> = new Map();
    try {
      images = await renderFindingImages(items, {
        planLayers,
        districts,
        signal: controller.signal,
        onProgress: (done, all) => setPhase({ kind: "drawing", done, total: all }),
      });
      setPhase({ kind: "idle" });
    } catch (error) {
      if (controller.signal.aborted) return;
      setPhase({ kind: "failed", reason: error instanceof Error ? error.message : String(error) });
    }
    setPrepared({ run, images, at });
    setPrintRequest((n) => n + 1);
  };

  return (
    <div className="dossier-print">
      <button
        type="button"
        className="button"
        data-testid="dossier-print"
        disabled={busy || loading}
        title={t("dossier.printHint")}
        onClick={() => void prepare()}
      >
        {t("dossier.print")}
      </button>
      {loading && (
        <p className="muted" role="status">
          {t("dossier.waitingFlags")}
        </p>
      )}
      {phase.kind === "drawing" && (
        <RunProgress
          done={phase.done}
          total={phase.total}
          label={t("dossier.preparingLabel")}
          text={t("dossier.preparing", { done: phase.done, total: phase.total })}
          className="dossier-print__progress"
          statusClassName="muted"
          testId="dossier"
        />
      )}
      {phase.kind === "failed" && (
        <p className="notice__text" role="alert" data-testid="dossier-failed">
          {t("dossier.failed", { reason: phase.reason })}
        </p>
      )}
      {current &&
        model &&
        createPortal(
          <div ref={container} className="dossier-root">
            <DossierDocument
              model={model}
              rules={rules}
              names={names}
              images={current.images}
              maxImages={MAX_FINDING_IMAGES}
              rulesRun={run.rules.length}
              preparedAt={current.at}
            />
          </div>,
          document.body,
        )}
    </div>
  );
}
