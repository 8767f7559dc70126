import { useTranslation } from "react-i18next";
import type { Rule } from "../core/catalog/rules-schema";
import type { Language } from "../state/url-state";
import { SeverityIcon } from "./icons";

type Props = {
  rules: readonly Rule[];
  checked: readonly string[];
  disabled: boolean;
  /** Rules that cannot run (a layer they read did not load), with the tooltip saying why. */
  cannotRun: ReadonlyMap<string, string>;
  onToggle: (id: string, on: boolean) => void;
  onAll: (on: boolean) => void;
};

/** The rules to run, all ticked by default, with their severity and type. */
export function CheckRuleList({ rules, checked, disabled, cannotRun, onToggle, onAll }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  return (
    <fieldset className="check-rules" disabled={disabled}>
      <legend className="check-rules__legend">
        {t("check.rules")}
        <span className="check-rules__count">
          {t("check.rulesSelected", { n: checked.length, total: rules.length })}
        </span>
      </legend>
      <div className="check-rules__all">
        <button type="button" className="link-button" onClick={() => onAll(true)}>
          {t("check.selectAll")}
        </button>
        <button type="button" className="link-button" onClick={() => onAll(false)}>
          {t("check.selectNone")}
        </button>
      </div>
      <ul className="check-rules__list">
        {rules.map((rule) => (
          <li key={rule.id}>
            <label className="check-rule" title={rule.description[lang]}>
              <input
                type="checkbox"
                data-testid={`check-rule-${rule.id}`}
                checked={checked.includes(rule.id)}
                onChange={(event) => onToggle(rule.id, event.target.checked)}
              />
              <span className={`severity-mark severity-mark--${rule.severity}`}>
                <SeverityIcon severity={rule.severity} />
                <span className="visually-hidden">{t(`check.severity.${rule.severity}`)}</span>
              </span>
              <span className="check-rule__text">
                {rule.title[lang]}
                <span className="check-rule__type">{t(`check.ruleType.${rule.type}`)}</span>
                {cannotRun.has(rule.id) && (
                  <span
                    className="check-rule__cannot-run"
                    data-testid={`check-rule-cannot-run-${rule.id}`}
                    title={cannotRun.get(rule.id)}
                  >
                    {t("check.cannotRun")}
                  </span>
                )}
              </span>
            </label>
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
