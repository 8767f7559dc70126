import { useVirtualizer } from "@tanstack/react-virtual";
import { memo, useCallback, useEffect, useRef } from "react";
import type { ComparePiece } from "../core/compare/index";
import { KIND_COLORS, type TransitionColors } from "../map/compare-layers";
import { ComparePieceRow } from "./compare-piece-row";

type Props = {
  pieces: readonly ComparePiece[];
  colors: TransitionColors;
  selectedId: string | null;
  onSelect: (piece: ComparePiece) => void;
  districtName: (code: string) => string;
};

/** First guess of a row's height in px, until it is drawn and measured. */
const ROW_ESTIMATE = 84;
/** Rows drawn beyond each end of the visible part, so short scrolls and Tab find a row ready. */
const OVERSCAN = 8;
/** Height assumed before the list is measured (and in server rendering): about a screenful. */
const INITIAL_RECT = { width: 0, height: 640 };

/**
 * The pieces in the comparison's order (kind, then zone ids), as the check's results list (and with
 * its list styles): only the rows in view are in the DOM, so tens of thousands of pieces scroll as
 * quickly as ten. A piece selected elsewhere (the map) is scrolled into view.
 */
export const ComparePieces = memo(function ComparePieces({
  pieces,
  colors,
  selectedId,
  onSelect,
  districtName,
}: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: pieces.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_ESTIMATE,
    getItemKey: useCallback((index: number) => pieces[index]?.id ?? index, [pieces]),
    overscan: OVERSCAN,
    initialRect: INITIAL_RECT,
  });

  useEffect(() => {
    if (selectedId === null) return;
    const index = pieces.findIndex((p) => p.id === selectedId);
    if (index >= 0) virtualizer.scrollToIndex(index, { align: "auto" });
  }, [pieces, selectedId, virtualizer]);

  const colorOf = (p: ComparePiece) =>
    p.kind === "changed" ? colors.colorOf(p.from, p.to) : KIND_COLORS[p.kind];
  return (
    <div
      ref={scrollRef}
      className="check-results compare-pieces"
      data-testid="compare-pieces"
      data-rows={pieces.length}
    >
      <ul className="check-results__rows" style={{ height: virtualizer.getTotalSize() }}>
        {virtualizer.getVirtualItems().map((item) => {
          const piece = pieces[item.index];
          if (!piece) return null;
          return (
            <li
              key={item.key}
              ref={virtualizer.measureElement}
              data-index={item.index}
              className="check-row"
              style={{ transform: `translateY(${item.start}px)` }}
              aria-setsize={pieces.length}
              aria-posinset={item.index + 1}
            >
              <ComparePieceRow
                piece={piece}
                color={colorOf(piece)}
                selected={piece.id === selectedId}
                onSelect={onSelect}
                districtName={districtName}
              />
            </li>
          );
        })}
      </ul>
    </div>
  );
});
