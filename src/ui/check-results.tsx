import { memo, useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { Finding } from "../core/check/index";
import { formatArea } from "../state/check-format";
import { CITY_KEY, type FindingGroup, groupFindings, NO_DISTRICT_KEY } from "../state/check-groups";
import type { GroupBy } from "../state/check-state";
import { CheckFindingRow } from "./check-finding-row";
import { SeverityIcon } from "./icons";
import type { FindingNames } from "./use-finding-names";

type Props = {
  findings: readonly Finding[];
  groupBy: GroupBy;
  ruleOrder: readonly string[];
  names: FindingNames;
  selectedId: string | null;
  onSelect: (finding: Finding) => void;
};

/**
 * Findings in two levels of groups (see `groupFindings`), each group headed by its count and total
 * area. Top-level groups start closed when there are many findings, so the headers read as an
 * overview; memoised, so progress updates of a new run do not redraw the old list.
 */
export const CheckResults = memo(function CheckResults(props: Props) {
  const { findings, groupBy, ruleOrder, names } = props;
  const groups = useMemo(
    () => groupFindings(findings, groupBy, { ruleOrder, districtName: names.district }),
    [findings, groupBy, ruleOrder, names],
  );
  const openTop = groups.length === 1 || findings.length <= 20;
  return (
    <div className="check-results" data-testid="check-results">
      {groups.map((group) => (
        <GroupView key={`${groupBy}:${group.key}`} group={group} open={openTop} {...props} />
      ))}
    </div>
  );
});

function GroupView(props: Props & { group: FindingGroup; open: boolean }) {
  const { group, names, selectedId, onSelect, open } = props;
  const { t } = useTranslation();
  const nested = group.children.length > 0;
  return (
    <details
      className={`check-group check-group--${nested ? "top" : "sub"}`}
      data-testid={`check-group-${group.by}-${group.key}`}
      open={open}
    >
      <summary className="check-group__summary">
        <span className="check-group__title">
          <GroupTitle by={group.by} groupKey={group.key} names={names} />
        </span>
        <span className="check-group__totals">
          {group.measured > 0
            ? t("check.group.totals", {
                count: group.count,
                area: formatArea(group.areaSquareMeters, names.lang),
              })
            : t("check.group.count", { count: group.count })}
          {group.by !== "severity" && group.errors > 0 && group.warnings > 0 && (
            <span className="check-group__split">
              <span className="severity-text--error">
                <SeverityIcon severity="error" /> {group.errors}
              </span>
              <span className="severity-text--warning">
                <SeverityIcon severity="warning" /> {group.warnings}
              </span>
            </span>
          )}
        </span>
      </summary>
      {nested ? (
        group.children.map((child) => (
          <GroupView key={`${child.by}:${child.key}`} {...props} group={child} open />
        ))
      ) : (
        <ul className="check-group__findings">
          {group.findings.map((finding) => (
            <CheckFindingRow
              key={finding.id}
              finding={finding}
              names={names}
              selected={finding.id === selectedId}
              onSelect={onSelect}
            />
          ))}
        </ul>
      )}
    </details>
  );
}

function GroupTitle({
  by,
  groupKey,
  names,
}: {
  by: GroupBy;
  groupKey: string;
  names: FindingNames;
}) {
  const { t } = useTranslation();
  switch (by) {
    case "rule":
      return <>{names.rule(groupKey)}</>;
    case "district":
      if (groupKey === CITY_KEY) return <>{t("check.group.city")}</>;
      if (groupKey === NO_DISTRICT_KEY) return <>{t("check.group.noDistrict")}</>;
      return <>{groupKey.split("+").map(names.district).join(", ")}</>;
    case "severity": {
      const severity = groupKey === "warning" ? "warning" : "error";
      return (
        <span className={`severity-mark severity-mark--${severity}`}>
          <SeverityIcon severity={severity} />
          {t(`check.severity.${severity}`)}
        </span>
      );
    }
  }
}
