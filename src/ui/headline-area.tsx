import { useContext, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Finding } from "../core/check/index";
import { formatHectares } from "../state/check-format";
import {
  type HeadlineArea as Headline,
  headlineAreaBy,
  headlineAreaInSteps,
} from "../state/triage-area";
import type { Language } from "../state/url-state";
import { HeadlineUniterContext, type UniterFor } from "./headline-uniter";

/**
 * The headline area of `findings` (of the run `runFindings`): by the area worker when there is
 * one, else — or when it fails — on the page in steps. Rejects when `signal` aborts.
 */
function computeHeadline(
  findings: readonly Finding[],
  runFindings: readonly Finding[],
  uniterFor: UniterFor | null,
  signal: AbortSignal,
): Promise<Headline> {
  if (!uniterFor) return headlineAreaInSteps(findings, { signal });
  return headlineAreaBy(findings, uniterFor(runFindings), { signal }).catch((error: unknown) => {
    if (signal.aborted) throw error;
    // the worker failed (its script did not load): the same numbers, worked out here
    return headlineAreaInSteps(findings, { signal });
  });
}

/**
 * The filtered findings' conflict area with each m² counted once per rule (their geometries united
 * rule by rule), worked out off the page's thread after the list has rendered — a few hundred ms on big runs,
 * never in the click that changed the filter — and dropped when the filter changes again. Until it
 * is known, the summed area stands in, said as such.
 */
export function HeadlineArea({
  findings,
  runFindings,
  summedSquareMeters,
  lang,
}: {
  findings: readonly Finding[];
  /** The run's findings, all of them: what the area worker holds, `findings` being some of them. */
  runFindings: readonly Finding[];
  summedSquareMeters: number;
  lang: Language;
}) {
  const { t } = useTranslation();
  const uniterFor = useContext(HeadlineUniterContext);
  const [result, setResult] = useState<{ of: readonly Finding[]; area: Headline } | null>(null);
  useEffect(() => {
    const abort = new AbortController();
    computeHeadline(findings, runFindings, uniterFor, abort.signal).then(
      (area) => setResult({ of: findings, area }),
      () => {}, // aborted: a newer filter's answer is on its way
    );
    return () => abort.abort();
  }, [findings, runFindings, uniterFor]);
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
