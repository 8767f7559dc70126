import { useTranslation } from "react-i18next";
import type { Finding } from "../core/check/index";
import { formatArea } from "../state/check-format";
import { useAppStore, useCommands, useDispatch } from "../state/store";
import { findingsOf } from "../state/store-selectors";
import type { Language } from "../state/url-state";
import { CloseButton } from "./close-button";
import { SeverityIcon } from "./icons";

/**
 * Several conflicts under one map click: a small list over the map to pick the finding meant (its
 * rule, severity and area); picking selects it in the list and frames it.
 */
export function FindingChooser() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const choosing = useAppStore((s) => s.check.choosing);
  const findings = useAppStore(findingsOf);
  const rules = useAppStore((s) => s.resources.rules);
  const commands = useCommands();
  const dispatch = useDispatch();
  if (!choosing) return null;
  const byId = new Map(findings.map((f) => [f.id, f]));
  const choices = choosing.flatMap((id) => byId.get(id) ?? []);
  if (choices.length === 0) return null;
  const ruleTitle = (f: Finding) =>
    (rules.status === "ready" ? rules.rules.find((r) => r.id === f.rule)?.title[lang] : null) ??
    f.rule;
  return (
    <div
      className="finding-chooser"
      role="dialog"
      aria-label={t("chooser.title")}
      data-testid="map-finding-chooser"
    >
      <div className="finding-chooser__head">
        <p className="finding-chooser__title">{t("chooser.title")}</p>
        <CloseButton
          label={t("chooser.close")}
          onClick={() => dispatch({ type: "choice-closed" })}
        />
      </div>
      <ul className="finding-chooser__list">
        {choices.map((f) => (
          <li key={f.id}>
            <button
              type="button"
              className="finding-chooser__item"
              data-testid={`choose-finding-${f.id}`}
              onClick={() => commands.selectFinding(f)}
            >
              <span className={`severity-mark severity-mark--${f.severity}`}>
                <SeverityIcon severity={f.severity} />
              </span>{" "}
              {ruleTitle(f)}
              {f.areaSquareMeters !== null && ` · ${formatArea(f.areaSquareMeters, lang)}`}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
