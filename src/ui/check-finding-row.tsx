import { memo } from "react";
import { useTranslation } from "react-i18next";
import type { Finding } from "../core/check/index";
import { findingDetails, formatArea, formatShare } from "../state/check-format";
import { constraintText, subjectText } from "./finding-text";
import { SeverityIcon } from "./icons";
import type { FindingNames } from "./use-finding-names";

type Props = {
  finding: Finding;
  names: FindingNames;
  selected: boolean;
  onSelect: (finding: Finding) => void;
};

/**
 * One finding: severity (shape and word), subject, what it is checked against, area and share,
 * what was measured, why it could not be computed if so, and which plan prevails on what legal
 * basis. Activating it shows the finding on the map. The list around it supplies the list item.
 */
export const CheckFindingRow = memo(function CheckFindingRow({
  finding,
  names,
  selected,
  onSelect,
}: Props) {
  const { t } = useTranslation();
  const { lang } = names;
  const subject = subjectText(finding, names, t);
  const constraint = finding.constraint;
  const isQuota = finding.ruleType === "quota";
  const against = constraintText(finding, names, t);
  const notComputed = finding.status === "not-computed";
  return (
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
      {against && (
        <span className="finding__line">
          <span className="finding__label">
            {isQuota ? t("check.finding.targetSetBy") : t("check.finding.constraint")}:
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
      <span className="finding__message">{finding.message[lang]}</span>
    </button>
  );
});
