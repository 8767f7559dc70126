/**
 * How finely the map is drawn. `auto`: at the screen's resolution, except in a browser that draws
 * WebGL in software (no GPU: a virtual desktop, a thin client, a server without a graphics card),
 * where every frame of the full-resolution map blocks the page for a fifth of a second or more and
 * the map is drawn at half resolution instead; `full` and `fast` force one or the other. Labels
 * (HTML, not WebGL) stay sharp either way.
 */
export type RenderQuality = "auto" | "full" | "fast";

export const RENDER_QUALITIES: readonly RenderQuality[] = ["auto", "full", "fast"];

/** True for a value that is a {@link RenderQuality} (a stored setting may be anything). */
export const isRenderQuality = (value: unknown): value is RenderQuality =>
  RENDER_QUALITIES.includes(value as RenderQuality);

/**
 * Whether a WebGL renderer string (`UNMASKED_RENDERER_WEBGL`, or `RENDERER`) names a software
 * rasterizer: SwiftShader (Chromium's), llvmpipe or softpipe (Mesa's), Microsoft's Basic Render
 * Driver (WARP).
 */
export function isSoftwareRenderer(renderer: string): boolean {
  return /swiftshader|llvmpipe|softpipe|basic render driver|software rasterizer/i.test(renderer);
}

/**
 * The map's pixel ratio: the screen's (`devicePixelRatio`), or half of it when drawing fast (a
 * quarter of the pixels: the software rasterizer's work per frame is about proportional to them).
 */
export function pixelRatioFor(
  quality: RenderQuality,
  softwareRenderer: boolean,
  devicePixelRatio: number,
): number {
  const screen = devicePixelRatio > 0 ? devicePixelRatio : 1;
  const fast = quality === "fast" || (quality === "auto" && softwareRenderer);
  return fast ? screen / 2 : screen;
}
