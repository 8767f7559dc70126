import { useTranslation } from "react-i18next";
import { STATUS_NAMES } from "../../core/review/index";
import type { DossierCounts, DossierSummaryRow } from "../../state/dossier-model";
import { DOSSIER_STATUS_KEYS } from "../../state/dossier-model";
import { formatFixed, formatNumber } from "../../state/format";
import type { Language } from "../../state/url-state";

type Props = {
  /** The table's caption. */
  title: string;
  /** Heading of the first column (rule, district). */
  keyHeading: string;
  rows: readonly DossierSummaryRow[];
  total: DossierCounts;
  /** The row's name in the UI language. */
  name: (key: string) => string;
  lang: Language;
  testId: string;
};

/** One summary table: a row per rule or district, findings by review status and areas in ha. */
export function DossierSummaryTable({ title, keyHeading, rows, total, name, lang, testId }: Props) {
  const { t } = useTranslation();
  const hectares = (m2: number) => formatFixed(m2 / 10_000, lang, 2);
  const cells = (counts: DossierCounts) => (
    <>
      <td>{formatNumber(counts.findings, lang, 0)}</td>
      {DOSSIER_STATUS_KEYS.map((key) => (
        <td key={key}>{formatNumber(counts.byStatus[key], lang, 0)}</td>
      ))}
      <td>{hectares(counts.areaSquareMeters)}</td>
      <td>{hectares(counts.flaggedAreaSquareMeters)}</td>
    </>
  );
  return (
    <table className="dossier-table" data-testid={testId}>
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">{keyHeading}</th>
          <th scope="col">{t("dossier.findings")}</th>
          {DOSSIER_STATUS_KEYS.map((key) => (
            <th key={key} scope="col">
              {key === "unflagged" ? t("dossier.unflagged") : STATUS_NAMES[key][lang]}
            </th>
          ))}
          <th scope="col">{t("dossier.areaHa")}</th>
          <th scope="col">{t("dossier.flaggedAreaHa")}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{name(row.key)}</th>
            {cells(row)}
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">{t("dossier.total")}</th>
          {cells(total)}
        </tr>
      </tfoot>
    </table>
  );
}
