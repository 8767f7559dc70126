import { memo } from "react";
import { useTranslation } from "react-i18next";
import { formatArea } from "../state/check-format";
import {
  CITY_KEY,
  districtKeyNames,
  type FindingGroup,
  NO_DISTRICT_KEY,
} from "../state/check-groups";
import type { GroupRef, RowLevel } from "../state/check-rows";
import type { GroupBy } from "../state/check-state";
import { SeverityIcon } from "./icons";
import type { FindingNames } from "./use-finding-names";

type Props = {
  /** The group's path in the list (see `groupPath`). */
  path: string;
  group: FindingGroup;
  level: RowLevel;
  open: boolean;
  names: FindingNames;
  onToggle: (groups: readonly GroupRef[], open: boolean) => void;
  /** The legal sentence all the rule's findings share (a rule group's header says it once). */
  message?: { vi: string; en: string } | undefined;
};

/**
 * A group's header in the results list: a button that opens or closes the group, with its title,
 * count and total area, and its errors and warnings when it has both.
 */
export const CheckGroupHeader = memo(function CheckGroupHeader({
  path,
  group,
  level,
  open,
  names,
  onToggle,
  message,
}: Props) {
  const { t } = useTranslation();
  const header = (
    <button
      type="button"
      className={`check-group check-group--${level === 0 ? "top" : "sub"}`}
      data-testid={`check-group-${group.by}-${group.key}`}
      data-level={level}
      data-count={group.count}
      data-errors={group.errors}
      data-warnings={group.warnings}
      aria-expanded={open}
      onClick={() => onToggle([{ path, level }], !open)}
    >
      <span className="check-group__title">
        <span className="check-group__marker" aria-hidden="true" />
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
    </button>
  );
  if (!message || !open) return header;
  return (
    <>
      {header}
      <p className="check-group__message" data-testid="check-group-message">
        {message[names.lang]}
      </p>
    </>
  );
});

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
      return <>{districtKeyNames(groupKey, names.district)}</>;
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
