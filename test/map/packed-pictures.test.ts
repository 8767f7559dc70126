import type { LayerSpecification } from "maplibre-gl";
import { describe, expect, it } from "vitest";
import {
  drawnFrom,
  LEGIBLE_PIXELS,
  MAX_PICTURE_ZOOM,
  PICTURE_MIN_FEATURES,
  pictureStyle,
  pictureZoom,
  unstepped,
} from "../../src/map/packed-pictures";

describe("which packed layers are drawn as pictures, and below which zoom", () => {
  it("a large layer of small features: from the zoom where the median one is legible", () => {
    // zones about 110 m across: 0.001° of longitude, 1/360 000 of the world's width
    const span = 0.001 / 360;
    const zoom = pictureZoom({ count: 100_000, span });
    expect(zoom).toBe(14);
    // at that zoom they are at least LEGIBLE_PIXELS across, one zoom less they are not
    expect(span * 512 * 2 ** (zoom as number)).toBeGreaterThanOrEqual(LEGIBLE_PIXELS);
    expect(span * 512 * 2 ** ((zoom as number) - 1)).toBeLessThan(LEGIBLE_PIXELS);
  });

  it("few features, or features legible at every zoom: always drawn one by one", () => {
    expect(pictureZoom({ count: PICTURE_MIN_FEATURES - 1, span: 1e-9 })).toBeNull();
    expect(pictureZoom({ count: 100_000, span: 0.5 })).toBeNull();
  });

  it("points (no extent) up to the deepest picture zoom", () => {
    expect(pictureZoom({ count: 100_000, span: 0 })).toBe(MAX_PICTURE_ZOOM);
    expect(pictureZoom({ count: 100_000, span: 1e-12 })).toBe(MAX_PICTURE_ZOOM);
  });
});

describe("a packed source's layers beside its pictures", () => {
  const fill: LayerSpecification = {
    id: "f",
    type: "fill",
    source: "s",
    paint: { "fill-color": "#f00", "fill-opacity": 0.55 },
  };
  const line: LayerSpecification = { id: "l", type: "line", source: "s", paint: {} };

  it("draw nothing below the pictures' zoom (opacity 0), as before from it", () => {
    const stepped = drawnFrom(fill, 12);
    expect(stepped.paint).toEqual({
      "fill-color": "#f00",
      "fill-opacity": ["step", ["zoom"], 0, 12, 0.55],
    });
    // a line without an opacity has MapLibre's default, 1
    expect(drawnFrom(line, 12).paint).toEqual({ "line-opacity": ["step", ["zoom"], 0, 12, 1] });
  });

  it("stepped again at another zoom, or back at every zoom, keep their own opacity", () => {
    const twice = drawnFrom(drawnFrom(fill, 12), 9);
    expect(twice.paint).toEqual({
      "fill-color": "#f00",
      "fill-opacity": ["step", ["zoom"], 0, 9, 0.55],
    });
    expect(drawnFrom(twice, null)).toEqual(fill);
    expect(unstepped(0.3)).toBe(0.3);
  });

  it("the pictures' style: visible layers only, opacities as the user set them, images by name", () => {
    const pattern = { width: 2, height: 2, data: new Uint8Array(16), pixelRatio: 1 };
    const style = pictureStyle(
      [
        drawnFrom(fill, 12),
        { ...drawnFrom(line, 12), layout: { visibility: "none" } },
        {
          id: "h",
          type: "fill",
          source: "s",
          filter: ["==", ["get", "kind"], "added"],
          paint: { "fill-pattern": "hatch", "fill-opacity": 0.9 },
        },
        { id: "r", type: "raster", source: "s:pictures" },
      ],
      (name) => (name === "hatch" ? pattern : null),
    );
    expect(style.layers).toEqual([
      { type: "fill", filter: undefined, paint: fill.paint, layout: {} },
      {
        type: "fill",
        filter: ["==", ["get", "kind"], "added"],
        paint: { "fill-pattern": "hatch", "fill-opacity": 0.9 },
        layout: {},
      },
    ]);
    expect([...style.images]).toEqual([["hatch", pattern]]);
  });
});
