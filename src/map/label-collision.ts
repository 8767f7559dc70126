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

/** Where a label was placed: its centre's offset from its anchor, in CSS pixels. */
export type LabelOffset = { dx: number; dy: number };

/**
 * Offsets tried for a label that does not fit on its anchor, nearest first: eight directions (above
 * and below first: names are wide) on growing rings. A label moved off its anchor gets a leader
 * line back to it.
 */
export function leaderOffsets(height: number, maxRadiusPx = 150): LabelOffset[] {
  const directions = [
    [0, -1],
    [0, 1],
    [1, 0],
    [-1, 0],
    [1, -1],
    [-1, -1],
    [1, 1],
    [-1, 1],
  ] as const;
  const offsets: LabelOffset[] = [];
  for (let radius = height * 1.5; radius <= maxRadiusPx; radius += height) {
    for (const [x, y] of directions) {
      const scale = x !== 0 && y !== 0 ? Math.SQRT1_2 : 1;
      offsets.push({ dx: Math.round(x * radius * scale * 2), dy: Math.round(y * radius * scale) });
    }
  }
  return offsets;
}

/**
 * Places every label it can without overlaps, greedy by priority (ties by input order): on its
 * anchor if that spot is free, else at the nearest free offset of {@link leaderOffsets} up to
 * `maxRadiusPx` away (wholly inside the viewport, and off every anchor of another label, so no
 * leader line ends under a name). A spot is free when it stays `gapPx` away from every label kept
 * so far and from every box of `obstacles` (labels of another set, placed before). 30 district
 * labels make the quadratic check cheap. Returns each placed label's offset; a label missing from
 * the result found no free spot.
 */
export function placeLabelsWithLeaders(
  boxes: readonly LabelBox[],
  viewport: { width: number; height: number },
  gapPx = 3,
  maxRadiusPx = 150,
  obstacles: readonly LabelBox[] = [],
): Map<string, LabelOffset> {
  const order = boxes
    .map((box, index) => ({ box, index }))
    .sort((a, b) => b.box.priority - a.box.priority || a.index - b.index);
  const kept: LabelBox[] = [...obstacles];
  const placed = new Map<string, LabelOffset>();
  const fits = (box: LabelBox, moved: boolean) => {
    const halfW = box.width / 2;
    const halfH = box.height / 2;
    const inside = moved
      ? box.x - halfW >= 0 &&
        box.x + halfW <= viewport.width &&
        box.y - halfH >= 0 &&
        box.y + halfH <= viewport.height
      : box.x + halfW > 0 &&
        box.x - halfW < viewport.width &&
        box.y + halfH > 0 &&
        box.y - halfH < viewport.height;
    if (!inside) return false;
    const overlaps = kept.some(
      (other) =>
        Math.abs(other.x - box.x) < halfW + other.width / 2 + gapPx &&
        Math.abs(other.y - box.y) < halfH + other.height / 2 + gapPx,
    );
    if (overlaps) return false;
    return (
      !moved ||
      boxes.every(
        (anchor) =>
          anchor.key === box.key ||
          Math.abs(anchor.x - box.x) > halfW + gapPx ||
          Math.abs(anchor.y - box.y) > halfH + gapPx,
      )
    );
  };
  for (const { box } of order) {
    const candidates = [{ dx: 0, dy: 0 }, ...leaderOffsets(box.height, maxRadiusPx)];
    for (const offset of candidates) {
      const moved = offset.dx !== 0 || offset.dy !== 0;
      const at = { ...box, x: box.x + offset.dx, y: box.y + offset.dy };
      if (!fits(at, moved)) continue;
      kept.push(at);
      placed.set(box.key, offset);
      break;
    }
  }
  return placed;
}
