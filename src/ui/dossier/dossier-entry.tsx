import type { TFunction } from "i18next";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { RuleType } from "../../core/catalog/rules-schema";
import { type FlagEvent, STATUS_NAMES } from "../../core/review/index";
import { formatArea, formatShare } from "../../state/check-format";
import type { DossierEntry } from "../../state/dossier-model";
import { formatDateTime, formatIsoDate } from "../../state/format";
import type { Language } from "../../state/url-state";
import { constraintText, subjectText } from "../finding-text";
import type { FindingNames } from "../use-finding-names";

type Props = {
  entry: DossierEntry;
  names: FindingNames;
  /** The rule's type by id (to name what a finding no longer found was about). */
  ruleType: (rule: string) => RuleType | undefined;
  /** The entry's map image (PNG data URL); undefined when none was drawn. */
  image: string | undefined;
  /** Most images a dossier holds (says why one is missing). */
  maxImages: number;
};

/**
 * One flagged problem in the dossier: what it is about, its status, area, the prevailing plan and its
 * legal basis, the reviewer's comment, a map image and the flag's full history. Text from data
 * (names, comments) is rendered as text.
 */
export function DossierEntryView({ entry, names, ruleType, image, maxImages }: Props) {
  const { t } = useTranslation();
  const { lang } = names;
  const { flag } = entry;
  const about =
    entry.finding ??
    (entry.subject && entry.rule
      ? {
          subject: entry.subject,
          constraint: entry.constraint,
          ruleType: ruleType(entry.rule) ?? null,
        }
      : null);
  const subject = about ? subjectText(about, names, t) : t("dossier.ownSubject");
  const against = about && constraintText(about, names, t);
  const { prevailing } = entry;
  return (
    <article
      className="dossier-entry"
      data-testid="dossier-entry"
      data-flag-id={flag.id}
      data-status={flag.status}
      data-image={image ? "true" : "false"}
    >
      <h5 className="dossier-entry__title">
        {entry.severity && (
          <span className={`dossier-entry__severity severity-text--${entry.severity}`}>
            {t(`check.severity.${entry.severity}`)}
          </span>
        )}{" "}
        {subject}
      </h5>
      <div className="dossier-entry__body">
        <dl className="dossier-facts">
          <Fact label={t("dossier.status")}>
            <strong>{STATUS_NAMES[flag.status][lang]}</strong>
            {flag.disagreement && ` (${t("dossier.disputed")})`}
          </Fact>
          {entry.areaSquareMeters !== null && (
            <Fact label={t("dossier.area")}>
              {formatArea(entry.areaSquareMeters, lang)}
              {entry.finding?.shareOfSubject != null &&
                ` · ${t("check.finding.share", {
                  share: formatShare(entry.finding.shareOfSubject, lang),
                })}`}
            </Fact>
          )}
          {against && <Fact label={t("dossier.constraint")}>{against}</Fact>}
          {prevailing && (
            <>
              <Fact label={t("dossier.prevailing")}>
                {prevailing.title[lang]} ({t(`levels.${prevailing.level}`)})
              </Fact>
              <Fact label={t("dossier.legalBasis")}>
                {t("dossier.legalBasisValue", {
                  instrument: prevailing.legalBasis.instrument,
                  date: formatIsoDate(prevailing.legalBasis.date, lang),
                  issuer: prevailing.legalBasis.issuer[lang],
                })}
              </Fact>
            </>
          )}
          {entry.message && <Fact label={t("dossier.requirement")}>{entry.message[lang]}</Fact>}
          <Fact label={t("dossier.comment")}>
            {flag.comment ?? <span className="dossier-muted">{t("dossier.noComment")}</span>}
          </Fact>
          <Fact label={entry.finding || about ? t("dossier.findingId") : t("dossier.flagId")}>
            <code>{entry.kind === "own" ? flag.id : flag.id.replace(/^finding:/, "")}</code>
          </Fact>
        </dl>
        <figure className="dossier-map">
          {image ? (
            <>
              <img src={image} alt={t("dossier.mapAlt", { subject })} />
              <figcaption>{t("dossier.mapCaption")}</figcaption>
            </>
          ) : (
            <figcaption className="dossier-muted">
              {entry.geometry
                ? t("dossier.imageLeftOut", { max: maxImages })
                : t("dossier.noImage")}
            </figcaption>
          )}
        </figure>
      </div>
      <table className="dossier-history">
        <caption>{t("dossier.history")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("dossier.time")}</th>
            <th scope="col">{t("dossier.reviewer")}</th>
            <th scope="col">{t("dossier.action")}</th>
            <th scope="col">{t("dossier.comment")}</th>
          </tr>
        </thead>
        <tbody>
          {flag.history.map((event) => (
            <tr key={event.eventId}>
              <td>{formatDateTime(event.at, lang)}</td>
              <td>{event.reviewer}</td>
              <td>{eventText(event, t, lang)}</td>
              <td>{"comment" in event ? event.comment : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="dossier-facts__row">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** What an event of the history did, in the UI language. */
function eventText(event: FlagEvent, t: TFunction, lang: Language): string {
  switch (event.type) {
    case "status": {
      const status = STATUS_NAMES[event.status][lang];
      return event.settles
        ? t("dossier.event.settle", { status })
        : t("dossier.event.status", { status });
    }
    case "create":
    case "comment":
    case "geometry":
    case "delete":
    case "restore":
      return t(`dossier.event.${event.type}`);
  }
}
