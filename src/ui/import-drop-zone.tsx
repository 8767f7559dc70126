import { type DragEvent, type ReactNode, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { SUPPORTED_EXTENSIONS } from "../io/registry";

/** What the picker offers: every extension the format registry reads. */
const ACCEPT = SUPPORTED_EXTENSIONS.map((ext) => `.${ext}`).join(",");

const carriesFiles = (event: DragEvent | globalThis.DragEvent) =>
  event.dataTransfer?.types.includes("Files") ?? false;

/**
 * A file dropped anywhere else on the page (the sidebar, the open dialog) would make the browser
 * open it in place of the app, and the session would be lost: such drops are refused.
 */
function useNoStrayDrops(): void {
  useEffect(() => {
    const refuse = (event: globalThis.DragEvent) => {
      // the drop zone has taken it already
      if (!carriesFiles(event) || event.defaultPrevented) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = "none";
    };
    window.addEventListener("dragover", refuse);
    window.addEventListener("drop", refuse);
    return () => {
      window.removeEventListener("dragover", refuse);
      window.removeEventListener("drop", refuse);
    };
  }, []);
}

/**
 * The map area as a drop target for proposal files, with the picker button over the map for
 * keyboard and touch users. Several files dropped or chosen at once are one input (a Shapefile's
 * .shp, .shx, .dbf, .prj and .cpg); the registry tells the user when they are not.
 */
export function ImportDropZone({
  onFiles,
  disabled,
  children,
}: {
  onFiles: (files: File[]) => void;
  /** An import is under way: another drop is refused until its dialog closes. */
  disabled: boolean;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  useNoStrayDrops();
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  // dragenter/dragleave fire for every child crossed: count them to know when the drag has left.
  const depth = useRef(0);
  const end = () => {
    depth.current = 0;
    setDragging(false);
  };
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: dropping is a pointer shortcut; the picker button is the keyboard route
    <div
      className="drop-zone"
      data-testid="drop-zone"
      onDragEnter={(event) => {
        if (!carriesFiles(event) || disabled) return;
        event.preventDefault();
        depth.current += 1;
        setDragging(true);
      }}
      onDragOver={(event) => {
        if (!carriesFiles(event) || disabled) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = "copy";
      }}
      onDragLeave={() => {
        depth.current = Math.max(0, depth.current - 1);
        if (depth.current === 0) setDragging(false);
      }}
      onDrop={(event) => {
        if (!carriesFiles(event)) return;
        event.preventDefault();
        end();
        if (disabled) return;
        const files = [...event.dataTransfer.files];
        if (files.length > 0) onFiles(files);
      }}
    >
      {children}
      <div className="import-bar">
        <button
          type="button"
          className="button button--primary"
          data-testid="import-open"
          disabled={disabled}
          onClick={() => input.current?.click()}
        >
          {t("import.open")}
        </button>
        <span className="import-bar__hint">{t("import.dropHint")}</span>
        <input
          ref={input}
          type="file"
          multiple
          hidden
          accept={ACCEPT}
          data-testid="import-input"
          onChange={(event) => {
            const files = [...(event.target.files ?? [])];
            // the same file chosen again must fire a change again
            event.target.value = "";
            if (files.length > 0) onFiles(files);
          }}
        />
      </div>
      {dragging && (
        <div className="drop-zone__overlay" aria-hidden="true">
          <p>{t("import.dropHere")}</p>
        </div>
      )}
    </div>
  );
}
