import { useTranslation } from "react-i18next";
import "./map-status.css";

/** Where the map stands: drawing its first picture, drawn, or unable to start (and why). */
export type MapPhase =
  | { status: "loading" }
  | { status: "ready" }
  | { status: "failed"; detail: string };

/**
 * Over the map: "Loading the map…" until the first picture is drawn (a polite live region, so a
 * screen reader hears it without losing its place), then nothing; or, if the map cannot start, why
 * and what to do, as an alert. Nothing in it moves: with software WebGL an animation would make
 * the browser redraw the page every frame while the map is drawing.
 */
export function MapStatus({ phase }: { phase: MapPhase }) {
  const { t } = useTranslation();
  if (phase.status === "ready") return null;
  if (phase.status === "loading") {
    return (
      <div className="map-status" role="status" aria-live="polite" data-testid="map-loading">
        <span className="map-status__dot" aria-hidden="true" />
        {t("mapStatus.loading")}
      </div>
    );
  }
  return (
    <div
      className="map-status map-status--error"
      role="alert"
      data-testid="map-error"
      data-map-error=""
    >
      <p className="map-status__title">{t("mapStatus.failed", { detail: phase.detail })}</p>
      <p>{t("mapStatus.failedHint")}</p>
    </div>
  );
}
