import { memo } from "react";
import { useTranslation } from "react-i18next";
import type { Finding } from "../core/check/index";
import type { Flag } from "../core/review/index";
import { findingDetails, formatArea, formatShare } from "../state/check-format";
import { constraintSetsTargets, constraintText, subjectText } from "./finding-text";
import { FlagBadge } from "./flag-badge";
import { FlagControls } from "./flag-controls";
import { SeverityIcon } from "./icons";
import type { FindingNames } from "./use-finding-names";

type Props = {
  finding: Finding;
  names: FindingNames;
  selected: boolean;
  onSelect: (finding: Finding) => void;
  /** The finding's flag (deleted ones too), if it has one. */
  flag?: Flag | undefined;
  /**
   * The card says its legal sentence (which plan prevails) itself: false when its rule's group
   * header says it once for all its findings.
   */
  showMessage?: boolean;
};

/**
 * One finding: severity (shape and word), its flag's status, subject, what it is checked against,
 * area and share, what was measured, why it could not be computed if so, and — unless its rule's
 * group header says it — which plan prevails on what legal basis. Activating it shows the finding
 * on the map and opens its flag controls. The list around it supplies the list item.
 */
export const CheckFindingRow = memo(function CheckFindingRow({
  finding,
  names,
  selected,
  onSelect,
  flag,
  showMessage = true,
}: Props) {
  const { t } = useTranslation();
  const { lang } = names;
  const subject = subjectText(finding, names, t);
  const constraint = finding.constraint;
  const setsTargets = constraintSetsTargets(finding);
  const against = constraintText(finding, names, t);
  const notComputed = finding.status === "not-computed";
  const live = flag && !flag.deleted ? flag : undefined;
  const card = (
    <button
      type="button"
      className={`finding finding--${finding.severity}${selected ? " finding--selected" : ""}`}
      data-testid={`finding-${finding.id}`}
      data-rule={finding.rule}
      data-severity={finding.severity}
      data-status={finding.status}
      data-subject-layer={finding.subject.layer}
      data-subject-id={finding.subject.featureId ?? ""}
      data-constraint-layer={constraint?.layer ?? ""}
      data-constraint-id={constraint?.featureId ?? ""}
      data-flag-status={live?.status ?? ""}
      data-area-m2={finding.areaSquareMeters ?? ""}
      aria-pressed={selected}
      title={t("check.finding.show", { name: subject })}
      onClick={() => onSelect(finding)}
    >
      <span className="finding__head">
        <span className={`severity-mark severity-mark--${finding.severity}`}>
          <SeverityIcon severity={finding.severity} />
          {t(`check.severity.${finding.severity}`)}
        </span>
        <span className="finding__subject">{subject}</span>
        {finding.areaSquareMeters !== null && (
          <span className="finding__area">{formatArea(finding.areaSquareMeters, lang)}</span>
        )}
      </span>
      {live && <FlagBadge status={live.status} disputed={live.disagreement} lang={lang} />}
      {against && (
        <span className="finding__line">
          <span className="finding__label">
            {setsTargets ? t("check.finding.targetSetBy") : t("check.finding.constraint")}:
          </span>{" "}
          {against}
        </span>
      )}
      {finding.shareOfSubject !== null && (
        <span className="finding__line">
          {t("check.finding.share", { share: formatShare(finding.shareOfSubject, lang) })}
        </span>
      )}
      {findingDetails(finding, t, lang).map((line) => (
        <span key={line} className="finding__line">
          {line}
        </span>
      ))}
      {notComputed && (
        <span className="finding__reason">
          {t("check.finding.notComputed", { reason: finding.reason ?? "" })}
        </span>
      )}
      {showMessage && <span className="finding__message">{finding.message[lang]}</span>}
    </button>
  );
  if (!selected) return card;
  return (
    <div className="finding-card" data-testid="selected-finding-card">
      {card}
      <FlagControls finding={finding} flag={flag} lang={lang} />
    </div>
  );
});
