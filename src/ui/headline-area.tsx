import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Finding } from "../core/check/index";
import { formatHectares } from "../state/check-format";
import { type HeadlineArea as Headline, headlineAreaInSteps } from "../state/triage-area";
import type { Language } from "../state/url-state";

/**
 * The filtered findings' conflict area with each m² counted once per rule (their geometries united
 * rule by rule), worked out in steps after the list has rendered — a few hundred ms on big runs,
 * never in the click that changed the filter — and dropped when the filter changes again. Until it
 * is known, the summed area stands in, said as such.
 */
export function HeadlineArea({
  findings,
  summedSquareMeters,
  lang,
}: {
  findings: readonly Finding[];
  summedSquareMeters: number;
  lang: Language;
}) {
  const { t } = useTranslation();
  const [result, setResult] = useState<{ of: readonly Finding[]; area: Headline } | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    headlineAreaInSteps(findings, { signal: abort.signal }).then(
      (area) => setResult({ of: findings, area }),
      () => {}, // aborted: a newer filter's answer is on its way
    );
    return () => abort.abort();
  }, [findings]);
  const known = result?.of === findings ? result.area : null;
  return (
    <p
      className="headline-area"
      data-testid="headline-area"
      data-state={known ? "done" : "working"}
      data-union-m2={known ? Math.round(known.unionSquareMeters) : ""}
    >
      <span className="headline-area__label">{t("triage.headline")}:</span>{" "}
      <strong>
        {known
          ? formatHectares(known.unionSquareMeters / 10_000, lang)
          : t("triage.headlineWorking")}
      </strong>
      <span className="muted">
        {" "}
        ({t("triage.headlineSummed")}: {formatHectares(summedSquareMeters / 10_000, lang)})
      </span>
    </p>
  );
}
