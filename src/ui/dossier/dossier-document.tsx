import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { Rule } from "../../core/catalog/rules-schema";
import { CITY_KEY, districtKeyNames, NO_DISTRICT_KEY } from "../../state/check-groups";
import {
  type DossierModel,
  type DossierRuleSection,
  dossierImageKey,
} from "../../state/dossier-model";
import { formatDateTime } from "../../state/format";
import type { FindingNames } from "../use-finding-names";
import { DossierEntryView } from "./dossier-entry";
import { DossierSummaryTable } from "./dossier-summary";

type Props = {
  model: DossierModel;
  rules: readonly Rule[];
  names: FindingNames;
  /** Map images by flag id. */
  images: ReadonlyMap<string, string>;
  maxImages: number;
  /** Rules the run checked. */
  rulesRun: number;
  /** When the dossier was prepared (ISO). */
  preparedAt: string;
};

/**
 * The printed dossier: the summary tables first, then the flagged findings per district and per
 * rule, then flags on findings no longer found and flags the reviewers drew. Shown only in print
 * (see dossier.css); it follows the language switch.
 */
export function DossierDocument({
  model,
  rules,
  names,
  images,
  maxImages,
  rulesRun,
  preparedAt,
}: Props) {
  const { t } = useTranslation();
  const { lang } = names;
  const { summary } = model;
  const ruleType = useMemo(() => {
    const byId = new Map(rules.map((r) => [r.id, r.type]));
    return (id: string) => byId.get(id);
  }, [rules]);
  const districtName = (key: string) =>
    key === CITY_KEY
      ? t("check.group.city")
      : key === NO_DISTRICT_KEY
        ? t("check.group.noDistrict")
        : districtKeyNames(key, names.district);
  const entry = (e: DossierModel["entries"][number]) => (
    <DossierEntryView
      key={e.flag.id}
      entry={e}
      names={names}
      ruleType={ruleType}
      image={images.get(dossierImageKey(e))}
      maxImages={maxImages}
    />
  );
  const ruleSection = (rule: DossierRuleSection) => (
    <section key={rule.rule} className="dossier__rule">
      <h4>{names.rule(rule.rule)}</h4>
      {rule.entries.map(entry)}
    </section>
  );
  const flags = model.entries.length;
  return (
    <div className="dossier" data-testid="dossier" data-entries={flags} lang={lang}>
      <header className="dossier__header">
        <h1>{t("dossier.title")}</h1>
        <p>
          {t("dossier.prepared", {
            time: formatDateTime(preparedAt, lang),
            rules: rulesRun,
            findings: summary.total.findings,
            flags,
          })}
        </p>
      </header>
      <section className="dossier__summary" data-testid="dossier-summary">
        <h2>{t("dossier.summaryTitle")}</h2>
        <DossierSummaryTable
          title={t("dossier.byRule")}
          keyHeading={t("dossier.rule")}
          rows={summary.byRule}
          total={summary.total}
          name={names.rule}
          lang={lang}
          testId="dossier-by-rule"
        />
        <DossierSummaryTable
          title={t("dossier.byDistrict")}
          keyHeading={t("dossier.district")}
          rows={summary.byDistrict}
          total={summary.total}
          name={districtName}
          lang={lang}
          testId="dossier-by-district"
        />
        <p className="dossier-note">{t("dossier.areaNote")}</p>
        {summary.noLongerFound > 0 && (
          <p className="dossier-note">
            {t("dossier.noLongerFoundCount", { count: summary.noLongerFound })}
          </p>
        )}
        {summary.own > 0 && (
          <p className="dossier-note">{t("dossier.ownCount", { count: summary.own })}</p>
        )}
      </section>
      <section className="dossier__findings">
        <h2>{t("dossier.findingsTitle")}</h2>
        {model.districts.length === 0 && <p>{t("dossier.noneFlagged")}</p>}
        {model.districts.map((district) => (
          <section key={district.key} className="dossier__district">
            <h3>{districtName(district.key)}</h3>
            {district.rules.map(ruleSection)}
          </section>
        ))}
      </section>
      {model.noLongerFound.length > 0 && (
        <section className="dossier__findings">
          <h2>{t("dossier.noLongerFoundTitle")}</h2>
          <p className="dossier-note">{t("dossier.noLongerFoundHint")}</p>
          {model.noLongerFound.map(ruleSection)}
        </section>
      )}
      {model.own.length > 0 && (
        <section className="dossier__findings">
          <h2>{t("dossier.ownTitle")}</h2>
          {model.own.map(entry)}
        </section>
      )}
    </div>
  );
}
