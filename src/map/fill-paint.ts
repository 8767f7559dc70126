/**
 * Paint of a fill layer that has its own outline layer (a line on the same source, drawn above it).
 * MapLibre's fill antialiasing draws every fill a second time as a 1 px outline, with a program of
 * its own: with software WebGL (SwiftShader, headless Chromium) that second pass cost about a
 * sixth of each frame of the app's default view, for an edge the outline layer covers anyway. A
 * fill whose edge is seen (no line over it, e.g. a lake drawn with `fill-outline-color`) keeps it.
 */
export const OUTLINED_FILL_PAINT = { "fill-antialias": false } as const;
