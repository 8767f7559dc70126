import { type CSSProperties, memo } from "react";
import { useTranslation } from "react-i18next";
import type { ComparePiece } from "../core/compare/index";
import { formatArea } from "../state/check-format";
import type { Language } from "../state/url-state";
import { transitionText } from "./compare-text";

type Props = {
  piece: ComparePiece;
  /** Colour of the piece on the map (its transition's for changed pieces). */
  color: string;
  selected: boolean;
  onSelect: (piece: ComparePiece) => void;
  districtName: (code: string) => string;
};

/**
 * One piece: its kind (a word and the map's swatch), from → to, area, the zones it comes from,
 * the districts it lies in, and why it could not be computed if so. Activating it shows the piece
 * on the map. Every value from the files goes in as text.
 */
export const ComparePieceRow = memo(function ComparePieceRow({
  piece,
  color,
  selected,
  onSelect,
  districtName,
}: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const transition = transitionText(piece.kind, piece.from, piece.to, t);
  return (
    <button
      type="button"
      className={`compare-piece compare-piece--${piece.kind}${selected ? " compare-piece--selected" : ""}`}
      data-testid={`compare-piece-${piece.id}`}
      data-kind={piece.kind}
      data-status={piece.status}
      aria-pressed={selected}
      title={t("compare.pieces.show", { name: transition })}
      onClick={() => onSelect(piece)}
    >
      <span className="compare-piece__head">
        <span
          className={`compare-legend__swatch compare-legend__swatch--${piece.kind}`}
          style={{ "--swatch": color } as CSSProperties}
          aria-hidden="true"
        />
        <span className="compare-piece__kind">{t(`compare.kind.${piece.kind}`)}</span>
        <span className="compare-piece__transition">{transition}</span>
        {piece.areaSquareMeters !== null && (
          <span className="compare-piece__area">{formatArea(piece.areaSquareMeters, lang)}</span>
        )}
      </span>
      {piece.current !== null && (
        <span className="compare-piece__line">
          {t("compare.pieces.current", { id: piece.current })}
        </span>
      )}
      {piece.proposal !== null && (
        <span className="compare-piece__line">
          {t("compare.pieces.proposal", { id: piece.proposal })}
        </span>
      )}
      {piece.districts.length > 0 && (
        <span className="compare-piece__line">
          {t("compare.pieces.districts", { names: piece.districts.map(districtName).join(", ") })}
        </span>
      )}
      {piece.status === "not-computed" && (
        <span className="compare-piece__reason">
          {t("compare.pieces.notComputed", { reason: piece.reason ?? "" })}
        </span>
      )}
    </button>
  );
});
