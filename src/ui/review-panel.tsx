import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useAppStore, useDispatch } from "../state/store";
import { ConsultantInbox } from "./consultant-inbox";
import { DrawnFlags } from "./drawn-flags";
import { FindingsFlagsExport } from "./findings-flags-export";
import { ReviewDisagreements } from "./review-disagreements";
import { ReviewProposals } from "./review-proposals";
import { ReviewShare } from "./review-share";
import { ReviewerName } from "./reviewer-name";
import "./review-panel.css";

/**
 * The "Thẩm định / Review" section of the check tab: the reviewer's name, flags of their own drawn
 * on the map, sharing the review (export, import, disagreements to settle), what is addressed to
 * the consultant and their answers, the revised proposals (on the review server) and the findings
 * exported with their flags. Changes wait until the stored flags are read and a name is given.
 */
export function ReviewPanel() {
  const { t } = useTranslation();
  const loading = useAppStore(
    (s) => s.review.flags === null || s.review.flags.save.kind === "loading",
  );
  const named = useAppStore((s) => s.review.reviewer.trim() !== "");
  const canFlag = named && !loading;
  const dispatch = useDispatch();
  // Leaving the tab drops a drawing in progress: its hint and comment field would be out of sight.
  useEffect(() => () => dispatch({ type: "draw-end" }), [dispatch]);
  return (
    <section
      className="review-panel"
      aria-labelledby="review-panel-title"
      data-testid="review-panel"
    >
      <h3 id="review-panel-title" className="review-panel__title">
        {t("reviewShare.title")}
      </h3>
      <p className="muted">{t("reviewShare.intro")}</p>
      <ReviewerName disabled={loading} />
      {loading && (
        <p className="muted" role="status">
          {t("reviewShare.loading")}
        </p>
      )}
      <DrawnFlags canFlag={canFlag} />
      <ReviewDisagreements canFlag={canFlag} />
      <ConsultantInbox canFlag={canFlag} />
      <ReviewProposals />
      <ReviewShare ready={!loading} />
      <FindingsFlagsExport />
    </section>
  );
}
