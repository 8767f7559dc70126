import { readFileSync, writeFileSync } from "node:fs";
import type { GeoJSONVTFeature } from "@maplibre/geojson-vt";
import { describe, expect, it } from "vitest";
import {
  compilePictureStyle,
  drawPicture,
  type PictureContext,
  type PictureTile,
} from "../../src/worker/tile-picture";
import type { PictureImage, PictureLayer } from "../../src/worker/tile-protocol";

/*
 * A tile drawn as a picture with the layer specs that draw it as vectors: fixture in, the canvas
 * calls out (test/fixtures/pictures/NAME.output.json; UPDATE=1 writes it again, to be read and
 * formatted with `npm run format` before it is committed).
 */

type Input = {
  tile: PictureTile;
  features: GeoJSONVTFeature[];
  layers: PictureLayer[];
  images: Record<string, { width: number; height: number; pixelRatio: number }>;
};

/** A canvas context that writes down each call and each style set, in order. */
function recordingContext(): { context: PictureContext; calls: unknown[][] } {
  const calls: unknown[][] = [];
  const round = (v: unknown) => (typeof v === "number" ? Math.round(v * 1000) / 1000 : v);
  const target = {} as Record<string, unknown>;
  for (const name of [
    "beginPath",
    "moveTo",
    "lineTo",
    "closePath",
    "arc",
    "fill",
    "stroke",
    "setLineDash",
  ]) {
    target[name] = (...args: unknown[]) =>
      calls.push([name, ...args.map((a) => (Array.isArray(a) ? a.map(round) : round(a)))]);
  }
  const context = new Proxy(target, {
    set(_, name, value) {
      calls.push([
        `${String(name)}=`,
        typeof value === "object" ? (value as { name: string }).name : round(value),
      ]);
      return true;
    },
  }) as unknown as PictureContext;
  return { context, calls };
}

/** A pattern that writes down the transform it is given. */
function recordingPattern(name: string, calls: unknown[][]): CanvasPattern {
  return {
    name,
    setTransform: (m: DOMMatrix2DInit) => calls.push(["pattern.setTransform", name, m]),
  } as unknown as CanvasPattern;
}

function draw(name: string): unknown[][] {
  const input = JSON.parse(
    readFileSync(`test/fixtures/pictures/${name}.input.json`, "utf8"),
  ) as Input;
  const { context, calls } = recordingContext();
  const images = new Map<string, PictureImage>(
    Object.entries(input.images).map(([id, i]) => [
      id,
      { ...i, data: new Uint8Array(i.width * i.height * 4) },
    ]),
  );
  const names = new Map<PictureImage, string>([...images].map(([id, image]) => [image, id]));
  const style = compilePictureStyle({ layers: input.layers, images }, (image) =>
    recordingPattern(names.get(image) ?? "?", calls),
  );
  drawPicture(context, input.features, style, input.tile);
  return calls;
}

describe("a packed layer's tile drawn as a picture", () => {
  it("draws each feature of each layer as its spec says (fixture)", () => {
    const calls = draw("zones");
    const path = "test/fixtures/pictures/zones.output.json";
    if (process.env.UPDATE) writeFileSync(path, `${JSON.stringify(calls, null, 1)}\n`);
    expect(calls).toEqual(JSON.parse(readFileSync(path, "utf8")));
  });

  it("colours by the spec's match, at the spec's opacity, in tile pixels", () => {
    const calls = draw("zones");
    const fills = calls.filter((c) => c[0] === "fillStyle=");
    // ODT red, LUA green, the unknown code the fallback grey, then the hatch pattern
    expect(fills.slice(0, 3)).toEqual([
      ["fillStyle=", "rgba(255,0,0,1)"],
      ["fillStyle=", "rgba(0,255,0,1)"],
      ["fillStyle=", "rgba(136,136,136,1)"],
    ]);
    expect(calls).toContainEqual(["globalAlpha=", 0.5]);
    // 8 192 tile units are 512 pixels: the first zone's corner at 160 units is at 10 px
    expect(calls).toContainEqual(["lineTo", 10, 0]);
  });

  it("leaves out what a filter leaves out: no outline round a small piece, no fill of a line", () => {
    const calls = draw("zones");
    const strokes = calls.filter((c) => c[0] === "stroke").length;
    // each zone's antialiased edge (3), the line layer round the two polygons that are not small
    // and along the line (3), the circle's stroke (1)
    expect(strokes).toBe(7);
    // fills: 3 zones, 1 hatch, 1 circle
    expect(calls.filter((c) => c[0] === "fill").length).toBe(5);
  });

  it("anchors a pattern on the world's pixel grid, so it runs on from tile to tile", () => {
    const calls = draw("zones");
    const transform = calls.find((c) => c[0] === "pattern.setTransform");
    // tile x 812 starts at 812 × 512 px = 415 744 px, 4 px into a 10 px pattern
    expect(transform).toEqual([
      "pattern.setTransform",
      "hatch",
      { a: 1, b: 0, c: 0, d: 1, e: -4, f: 0 },
    ]);
  });
});
