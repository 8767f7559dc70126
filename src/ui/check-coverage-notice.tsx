import { useTranslation } from "react-i18next";
import type { Coverage, RuleNotRun } from "../state/check-coverage";
import { Notice } from "./notice";
import type { FindingNames } from "./use-finding-names";

type Props = {
  coverage: Coverage;
  /** How many rules were selected for the run. */
  selected: number;
  names: FindingNames;
};

/**
 * Above a run's results when it did not check everything it was asked to: which selected rules did
 * not run and why, so findings of the other rules are never read as a clean bill for these. Each
 * cause is told once on the panel: a layer that did not load by its name (its file, the reason and
 * what to do are in the notice of failed layers), the checker's own words for a rule it left out
 * (its other notes stay in the notes below).
 */
export function CheckCoverageNotice({ coverage, selected, names }: Props) {
  const { t } = useTranslation();
  if (coverage.complete) return null;
  const { notRun, ran, general } = coverage;
  // The notice of failed layers says what to do about them; anything else needs saying here.
  const onlyLayers = general.length === 0 && notRun.every((entry) => entry.unreadable.length > 0);
  return (
    <Notice
      tone={ran.length === 0 ? "error" : "warning"}
      testId="check-incomplete"
      title={
        notRun.length > 0
          ? t("check.incomplete.title", { n: notRun.length, total: selected })
          : t("check.incomplete.general")
      }
    >
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
              {reasons(entry, coverage, names, t).join("; ")}
            </li>
          ))}
        </ul>
      )}
      {ran.length > 0 && (
        <p className="notice__text">{t("check.incomplete.scope", { count: ran.length })}</p>
      )}
      {!onlyLayers && <p className="notice__text">{t("check.incomplete.fix")}</p>}
    </Notice>
  );
}

type T = ReturnType<typeof useTranslation>["t"];

/** Why one rule did not run, one phrase per cause, in the UI language. */
function reasons(entry: RuleNotRun, coverage: Coverage, names: FindingNames, t: T): string[] {
  const out = [
    ...entry.unreadable.map(({ layer }) =>
      t("check.incomplete.layer", { layer: names.layer(layer) }),
    ),
    ...entry.problems.map((p) => p.message[names.lang]),
  ];
  if (out.length > 0) return out;
  // Left out for an error tied to no rule (e.g. a land-use attribute without values), told below.
  return [
    t(coverage.general.length > 0 ? "check.incomplete.seeNotes" : "check.incomplete.unknown"),
  ];
}
