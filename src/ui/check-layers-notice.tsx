import { useTranslation } from "react-i18next";
import type { LayerFailure } from "../state/check-data";
import { Notice } from "./notice";
import { useFailureText } from "./use-failure-text";

type Props = {
  failed: readonly LayerFailure[];
  /** The layer's title in the UI language. */
  layerName: (id: string) => string;
  /** The catalogue's path as users see it, where the layers' paths are written. */
  catalogFile: string;
};

/**
 * Before any run: the layers the rules read whose file could not be loaded, each with its file and
 * why, so the user knows which rules will not run and what to fix.
 */
export function CheckLayersNotice({ failed, layerName, catalogFile }: Props) {
  const { t } = useTranslation();
  const failureText = useFailureText();
  if (failed.length === 0) return null;
  return (
    <Notice
      tone="warning"
      testId="check-layers-failed"
      title={t("check.layersFailed", { count: failed.length })}
    >
      <ul className="notice__list notice__list--tall">
        {failed.map(({ layer, failure }) => (
          <li key={layer} data-layer={layer}>
            {t("check.layerFailed", { layer: layerName(layer), error: failureText(failure) })}
          </li>
        ))}
      </ul>
      <p className="notice__text">{t("check.fixFiles", { catalog: catalogFile })}</p>
    </Notice>
  );
}
