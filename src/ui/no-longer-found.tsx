import { useTranslation } from "react-i18next";
import type { Flag } from "../core/review/index";
import { formatArea } from "../state/check-format";
import { FlagBadge } from "./flag-badge";
import { FlagControls } from "./flag-controls";
import type { FindingNames } from "./use-finding-names";

/**
 * Flags whose finding this run did not find (the plan was fixed, or its rule did not run), in a
 * group of their own: the finding as it was when flagged, the flag's status and controls. Never
 * dropped: the appraisal file still needs the decision.
 */
export function NoLongerFound({ flags, names }: { flags: readonly Flag[]; names: FindingNames }) {
  const { lang } = names;
  const { t } = useTranslation();
  if (flags.length === 0) return null;
  return (
    <details className="no-longer-found" data-testid="no-longer-found" data-count={flags.length}>
      <summary className="check-group check-group--top">
        {t("flag.noLongerFound", { n: flags.length })}
      </summary>
      <p className="muted">{t("flag.noLongerFoundHint")}</p>
      <ul className="no-longer-found__list">
        {flags.map((flag) => {
          if (flag.target.kind !== "finding") return null;
          const { finding } = flag.target;
          const subject =
            finding.subject.featureId !== null
              ? names.feature(finding.subject.layer, finding.subject.featureId)
              : names.layer(finding.subject.layer);
          return (
            <li key={flag.id} className="finding-card" data-testid="no-longer-found-flag">
              <p className="finding__head">
                <span className="finding__subject">
                  {names.rule(finding.rule)}: {subject}
                </span>
                {finding.areaSquareMeters !== null && (
                  <span className="finding__area">
                    {formatArea(finding.areaSquareMeters, lang)}
                  </span>
                )}
              </p>
              <FlagBadge status={flag.status} disputed={flag.disagreement} lang={lang} />
              <FlagControls finding={null} flag={flag} lang={lang} />
            </li>
          );
        })}
      </ul>
    </details>
  );
}
