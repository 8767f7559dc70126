import { useTranslation } from "react-i18next";
import type { Flag } from "../core/review/index";
import { useAppStore } from "../state/store";
import { findingsOf } from "../state/store-selectors";
import { saveBlob } from "./compare-export";
import { downloadName, findingsWithFlagsBlob } from "./review-files";

const NO_FLAGS: ReadonlyMap<string, Flag> = new Map();

/**
 * The findings of the last check with their flags, as CSV for Excel (Vietnamese intact: UTF-8 with
 * a byte order mark) or GeoJSON; flags on findings no longer found and drawn flags follow.
 */
export function FindingsFlagsExport() {
  const { t } = useTranslation();
  const findings = useAppStore(findingsOf);
  const flags = useAppStore((s) => s.review.flags?.flags ?? NO_FLAGS);
  const save = (format: "csv" | "geojson") =>
    saveBlob(
      findingsWithFlagsBlob(findings, flags.values(), format),
      downloadName(format === "csv" ? "findings-csv" : "findings-geojson", new Date()),
    );
  return (
    <fieldset className="review-panel__group" data-testid="findings-flags-export">
      <legend className="review-panel__subtitle">{t("reviewShare.exports.title")}</legend>
      <p className="muted">{t("reviewShare.exports.hint")}</p>
      <div className="review-panel__buttons">
        {(["csv", "geojson"] as const).map((format) => (
          <button
            key={format}
            type="button"
            className="button"
            data-testid={`export-findings-${format}`}
            onClick={() => save(format)}
          >
            {t(`reviewShare.exports.${format}`)}
          </button>
        ))}
      </div>
    </fieldset>
  );
}
