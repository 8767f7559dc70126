import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { type RuleNotRun, runCoverage } from "../state/check-coverage";
import type { CheckRun } from "../state/check-state";
import type { LoadFailure } from "../state/load-failure";
import type { Language } from "../state/url-state";
import { Notice } from "./notice";
import { useFailureReason } from "./use-failure-text";
import type { FindingNames } from "./use-finding-names";

type Props = { run: CheckRun; names: FindingNames };

/**
 * Above a run's results when it did not check everything it was asked to: which selected rules did
 * not run and why (the layer, its file as the catalogue names it and the reason; or what the checker
 * said), so findings of the other rules are never read as a clean bill for these.
 */
export function CheckCoverageNotice({ run, names }: Props) {
  const { t } = useTranslation();
  const failureReason = useFailureReason();
  const coverage = useMemo(() => runCoverage(run), [run]);
  if (coverage.complete) return null;
  const { notRun, ran } = coverage;
  const title =
    ran.length === 0
      ? t("check.incomplete.nothingRan")
      : notRun.length > 0
        ? t("check.incomplete.title", { n: notRun.length, total: run.rules.length })
        : t("check.incomplete.general");
  return (
    <Notice tone={ran.length === 0 ? "error" : "warning"} testId="check-incomplete" title={title}>
      {notRun.length > 0 && (
        <ul className="notice__list notice__list--tall">
          {notRun.map((entry) => (
            <li
              key={entry.rule}
              data-testid={`check-not-run-${entry.rule}`}
              data-rule={entry.rule}
              data-layers={entry.unreadable.map((u) => u.layer).join(" ")}
            >
              <span className="check-not-run__rule">{names.rule(entry.rule)}</span>
              {": "}
              {reasons(entry, names, t, failureReason).join("; ")}
            </li>
          ))}
        </ul>
      )}
      {ran.length > 0 && (
        <p className="notice__text">{t("check.incomplete.scope", { count: ran.length })}</p>
      )}
      <p className="notice__text">{t("check.incomplete.fix")}</p>
    </Notice>
  );
}

type T = ReturnType<typeof useTranslation>["t"];

/** Why one rule did not run, one phrase per cause, in the UI language. */
function reasons(
  entry: RuleNotRun,
  names: FindingNames,
  t: T,
  failureReason: (failure: LoadFailure) => string,
): string[] {
  const lang: Language = names.lang;
  const out = [
    ...entry.unreadable.map(({ layer, failure }) =>
      t("check.incomplete.layer", {
        layer: names.layer(layer),
        file: failure.file,
        reason: failureReason(failure),
      }),
    ),
    ...entry.problems.map((p) => p.message[lang]),
  ];
  return out.length > 0 ? out : [t("check.incomplete.unknown")];
}
