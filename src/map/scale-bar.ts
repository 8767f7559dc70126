/** A scale bar: how long it is on the ground and on the image, and its label. */
export type ScaleBar = { meters: number; pixels: number; label: string };

/**
 * The longest "round" scale bar (1, 2 or 5 × a power of ten metres) that fits in `maxPixels` at
 * `metersPerPixel`, labelled in m below a kilometre and in km above ("500 m", "2 km"). Null when the
 * scale is not a positive finite number (a map that has not drawn).
 */
export function scaleBar(metersPerPixel: number, maxPixels: number): ScaleBar | null {
  if (!(metersPerPixel > 0) || !Number.isFinite(metersPerPixel) || !(maxPixels > 0)) return null;
  const longest = metersPerPixel * maxPixels;
  const power = 10 ** Math.floor(Math.log10(longest));
  const step = [5, 2, 1].find((s) => s * power <= longest) ?? 1;
  const meters = step * power;
  const label = meters >= 1000 ? `${trim(meters / 1000)} km` : `${trim(meters)} m`;
  return { meters, pixels: meters / metersPerPixel, label };
}

/** A round number without float noise (0.1 × 3 and the like): at most 6 significant digits. */
const trim = (value: number) => String(Number(value.toPrecision(6)));
