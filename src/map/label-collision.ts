/** A label's box on screen, in CSS pixels, centred on (x, y). */
export type LabelBox = {
  key: string;
  x: number;
  y: number;
  width: number;
  height: number;
  /** Higher places first. */
  priority: number;
};

/**
 * Chooses which labels to show so none overlap: greedy by priority (ties by input order), a label
 * is kept when its box stays at least `gapPx` away from every kept box and reaches into the
 * viewport. 30 district labels make the quadratic check cheap.
 */
export function placeLabels(
  boxes: readonly LabelBox[],
  viewport: { width: number; height: number },
  gapPx = 4,
): Set<string> {
  const order = boxes
    .map((box, index) => ({ box, index }))
    .sort((a, b) => b.box.priority - a.box.priority || a.index - b.index);
  const kept: LabelBox[] = [];
  for (const { box } of order) {
    const halfW = box.width / 2 + gapPx;
    const halfH = box.height / 2 + gapPx;
    const inside =
      box.x + box.width / 2 > 0 &&
      box.x - box.width / 2 < viewport.width &&
      box.y + box.height / 2 > 0 &&
      box.y - box.height / 2 < viewport.height;
    if (!inside) continue;
    const overlaps = kept.some(
      (other) =>
        Math.abs(other.x - box.x) < halfW + other.width / 2 &&
        Math.abs(other.y - box.y) < halfH + other.height / 2,
    );
    if (!overlaps) kept.push(box);
  }
  return new Set(kept.map((b) => b.key));
}
