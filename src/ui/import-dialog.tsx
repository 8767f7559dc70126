import { type KeyboardEvent, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { LayerEntry } from "../core/catalog/schema";
import { formatNumber } from "../state/format";
import type { ImportState } from "../state/import-state";
import { useAppStore, useCommands } from "../state/store";
import type { StoreCommands } from "../state/store-commands";
import { importTarget } from "../state/store-selectors";
import type { Language } from "../state/url-state";
import type { ImportReport } from "../worker/import-protocol";
import { ImportProblems } from "./import-problems";
import { ImportTarget } from "./import-target";
import { Notice } from "./notice";
import { RunProgress } from "./progress-bar";

type Props = {
  state: Exclude<ImportState, { status: "idle" }>;
  /** The layer the proposal replaces in the check; null: the catalogue has none. */
  target: LayerEntry | null;
  commands: StoreCommands;
};

const FOCUSABLE = "button:not([disabled]), select:not([disabled]), [tabindex='0']";

/** The value of a CRS option in the chooser: "EPSG:5897 xy". */
const crsKey = (choice: { id: string; axis: string }) => `${choice.id} ${choice.axis}`;

/**
 * The import dialog: the files and the format read, a progress bar and cancel while the worker
 * reads, then the CRS used and why (a chooser to change it), the land-use attribute guessed (a
 * chooser), the problems per feature, and "load the valid features" or "cancel". Modal: focus
 * stays inside, Escape cancels, and focus returns where it was when the dialog closes.
 */
export function ImportDialog() {
  const state = useAppStore((s) => s.app.importing);
  const target = useAppStore(importTarget);
  const commands = useCommands();
  if (state.status === "idle") return null;
  return <ImportDialogBox state={state} target={target} commands={commands} />;
}

function ImportDialogBox({ state, target, commands }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const box = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    box.current?.focus();
    return () => before?.focus();
  }, []);

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      event.preventDefault();
      commands.cancelImport();
      return;
    }
    if (event.key !== "Tab" || !box.current) return;
    const items = [...box.current.querySelectorAll<HTMLElement>(FOCUSABLE)];
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  const report =
    state.status === "review" ? state.report : state.status === "working" ? state.report : null;
  const files = report?.files ?? (state.status === "review" ? [] : state.files);
  const working = state.status === "working";
  const canLoad = state.status === "review" && !!state.report.collection && target !== null;

  return (
    <div className="modal-backdrop">
      <div
        ref={box}
        className="import-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="import-title"
        data-testid="import-dialog"
        data-status={state.status}
        tabIndex={-1}
        onKeyDown={onKeyDown}
      >
        <h2 id="import-title" className="panel-title">
          {t("import.title")}
        </h2>
        <dl className="import-facts">
          <dt>{t("import.files")}</dt>
          <dd data-testid="import-files">{files.join(", ")}</dd>
          {report && (
            <>
              <dt>{t("import.format")}</dt>
              <dd data-testid="import-format">
                {report.format ? report.format.label[lang] : t("import.formatUnknown")}
              </dd>
            </>
          )}
          {report?.encoding && (
            <>
              <dt>{t("import.encoding")}</dt>
              <dd data-testid="import-encoding">
                {report.encoding.name} — {report.encoding.reason[lang]}
              </dd>
            </>
          )}
        </dl>
        {working && <ImportProgress state={state} />}
        {state.status === "failed" && (
          <Notice tone="error" testId="import-failed" title={t("import.failed")}>
            <p className="notice__text">{state.message}</p>
            <p className="notice__text">{t("import.failedHint")}</p>
          </Notice>
        )}
        {report && (
          <ReportBody report={report} target={target} disabled={working} commands={commands} />
        )}
        <div className="import-dialog__buttons">
          <button
            type="button"
            className="button button--primary"
            data-testid="import-load"
            disabled={!canLoad}
            onClick={commands.loadImport}
          >
            {t("import.load")}
          </button>
          <button
            type="button"
            className="button"
            data-testid="import-cancel"
            onClick={commands.cancelImport}
          >
            {t("import.cancel")}
          </button>
        </div>
      </div>
    </div>
  );
}

function ImportProgress({ state }: { state: Extract<ImportState, { status: "working" }> }) {
  const { t } = useTranslation();
  const { done, total } = state.progress;
  const percent = total > 0 ? Math.round((100 * done) / total) : 0;
  const text =
    state.stage === "prepare"
      ? t("import.preparing")
      : total > 0
        ? t("import.readingProgress", { percent })
        : t("import.reading");
  return (
    <RunProgress
      done={percent}
      total={100}
      label={t("import.progressLabel")}
      text={text}
      className="check-progress"
      statusClassName="check-status"
      testId="import"
    />
  );
}

/**
 * The layers of a file holding several: the one read, the others to read instead. Another layer
 * is read afresh, with its own CRS and land-use attribute (the choices made for this one dropped).
 */
function LayerChooser({
  layers,
  disabled,
  commands,
}: {
  layers: NonNullable<ImportReport["layers"]>;
  disabled: boolean;
  commands: StoreCommands;
}) {
  const { t } = useTranslation();
  return (
    <div className="import-field" data-testid="import-layer" data-layer={layers.read ?? ""}>
      <label className="import-field__label">
        {t("import.layer")}{" "}
        <select
          data-testid="import-layer-select"
          value={layers.read ?? ""}
          disabled={disabled}
          onChange={(event) => {
            if (!event.target.value) return;
            commands.overrideImport({
              layer: event.target.value,
              crs: null,
              landUseAttribute: null,
            });
          }}
        >
          {layers.read === null && <option value="">{t("import.layerChoose")}</option>}
          {layers.options.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <p className="import-field__note">{t("import.layerCount", { n: layers.options.length })}</p>
    </div>
  );
}

function ReportBody({
  report,
  target,
  disabled,
  commands,
}: {
  report: ImportReport;
  target: LayerEntry | null;
  disabled: boolean;
  commands: StoreCommands;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const n = (value: number) => formatNumber(value, lang, 0);
  const errors = report.issues.filter((i) => i.severity === "error").length;
  const valid = report.collection?.features.length ?? 0;
  const { crs, landUse, layers } = report;
  return (
    <>
      {layers && <LayerChooser layers={layers} disabled={disabled} commands={commands} />}
      <ImportTarget disabled={disabled} />
      {crs && (
        <div className="import-field" data-testid="import-crs" data-crs={crs.used?.id ?? ""}>
          <label className="import-field__label">
            {t("import.crs")}{" "}
            <select
              data-testid="import-crs-select"
              value={crs.used ? crsKey(crs.used) : ""}
              disabled={disabled}
              onChange={(event) => {
                const option = crs.options.find((o) => crsKey(o) === event.target.value);
                if (option) commands.overrideImport({ crs: { id: option.id, axis: option.axis } });
              }}
            >
              {!crs.used && <option value="">{t("import.crsChoose")}</option>}
              {crs.options.map((option) => (
                <option key={crsKey(option)} value={crsKey(option)}>
                  {option.label[lang]}
                </option>
              ))}
            </select>
          </label>
          <p className="import-field__note" data-testid="import-crs-reason">
            <span className="badge">{t(`import.confidence.${crs.confidence}`)}</span>{" "}
            {t("import.crsWhy", { reason: crs.reason[lang] })}
          </p>
        </div>
      )}
      {landUse && (
        <div
          className="import-field"
          data-testid="import-land-use"
          data-attribute={landUse.attribute ?? ""}
        >
          <label className="import-field__label">
            {t("import.landUse")}{" "}
            <select
              data-testid="import-land-use-select"
              value={landUse.attribute ?? ""}
              disabled={disabled}
              onChange={(event) => {
                if (event.target.value)
                  commands.overrideImport({ landUseAttribute: event.target.value });
              }}
            >
              {!landUse.attribute && <option value="">{t("import.landUseNone")}</option>}
              {landUse.options.map((option) => (
                <option key={option.attribute} value={option.attribute}>
                  {t("import.landUseOption", {
                    attribute: option.attribute,
                    matched: n(option.matched),
                  })}
                </option>
              ))}
            </select>
          </label>
          <p className="import-field__note">
            {t("import.landUseMatched", { matched: n(landUse.matched), total: n(landUse.total) })}
          </p>
        </div>
      )}
      <p
        className="import-summary"
        data-testid="import-summary"
        data-valid={valid}
        data-total={report.total}
      >
        {t("import.summary", {
          valid: n(valid),
          total: n(report.total),
          errors: n(errors),
          warnings: n(report.issues.length - errors),
        })}
      </p>
      {report.collection ? (
        <p className="muted">
          {target ? t("import.replaces", { title: target.title[lang] }) : t("import.noTarget")}
        </p>
      ) : (
        <Notice tone="error" testId="import-nothing" title={t("import.nothingToLoad")}>
          <p className="notice__text">{t("import.nothingToLoadHint")}</p>
        </Notice>
      )}
      <h3 className="import-dialog__subtitle">
        {t("import.problems", { n: report.issues.length })}
      </h3>
      <ImportProblems issues={report.issues} />
    </>
  );
}
