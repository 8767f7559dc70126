import { featureFilter } from "@maplibre/maplibre-gl-style-spec";
import type { FilterSpecification, LayerSpecification } from "maplibre-gl";
import { describe, expect, it } from "vitest";
import { hexToRgb } from "../../src/map/check-layers";
import {
  COMPARE_FIRST_LAYER,
  COMPARE_SOURCES,
  compareHatchImageId,
  compareHighlightCollection,
  compareImages,
  compareLayerSpecs,
  comparePiecesCollection,
  KIND_COLORS,
  OTHER_TRANSITION_COLOR,
  TRANSITION_PALETTE,
  transitionColors,
} from "../../src/map/compare-layers";
import { SMALL_FEATURE } from "../../src/worker/tile-protocol";
import { piece, summaryOf, transition } from "../support/compare-piece";

describe("transitionColors", () => {
  it("gives the largest code changes the palette's colours in order, the rest one grey", () => {
    const transitions = [
      transition({ from: "ODT", to: "LUC", hectares: 50 }),
      transition({ kind: "added", from: null, to: "DGT", hectares: 40 }),
      transition({ from: "LUC", to: "ODT", hectares: 30 }),
      transition({ from: "CLN", to: null, hectares: 20 }),
      transition({ from: "TMD", to: "SKC", hectares: 10 }),
    ];
    const colors = transitionColors(summaryOf(transitions), ["#111111", "#222222", "#333333"]);
    expect(colors.colored).toEqual([
      { from: "ODT", to: "LUC", color: "#111111", hectares: 50 },
      { from: "LUC", to: "ODT", color: "#222222", hectares: 30 },
      { from: "CLN", to: null, color: "#333333", hectares: 20 },
    ]);
    expect(colors.others).toBe(1);
    expect(colors.colorOf("LUC", "ODT")).toBe("#222222");
    expect(colors.colorOf("CLN", null)).toBe("#333333");
    expect(colors.colorOf("TMD", "SKC")).toBe(OTHER_TRANSITION_COLOR);
    // a code "null" is not the absence of a code
    expect(colors.colorOf("CLN", "null")).toBe(OTHER_TRANSITION_COLOR);
  });

  it("reads codes from the data as values only: prototype names are codes like any other", () => {
    const colors = transitionColors(
      summaryOf([transition({ from: "__proto__", to: "constructor", hectares: 2 })]),
    );
    expect(colors.colorOf("__proto__", "constructor")).toBe(TRANSITION_PALETTE[0]);
    expect(colors.colorOf("toString", "valueOf")).toBe(OTHER_TRANSITION_COLOR);
    expect(colors.colorOf("constructor", "__proto__")).toBe(OTHER_TRANSITION_COLOR);
  });

  it("uses colours the added pieces and the grey do not", () => {
    expect(TRANSITION_PALETTE).not.toContain(KIND_COLORS.added);
    expect(TRANSITION_PALETTE).not.toContain(OTHER_TRANSITION_COLOR);
    expect(new Set(TRANSITION_PALETTE).size).toBe(TRANSITION_PALETTE.length);
  });
});

describe("comparison map data", () => {
  const colors = transitionColors(summaryOf([transition({ from: "ODT", to: "LUC" })]));

  it("draws pieces with a geometry, with properties made here: id, kind, colour of a change", () => {
    const drawn = comparePiecesCollection(
      [
        piece({ id: "a" }),
        piece({ id: "b", kind: "added", from: null, to: "<b>DGT</b>", current: null }),
        piece({ id: "c", kind: "removed", from: "CLN", to: null, proposal: null }),
        piece({ id: "d", status: "not-computed", geometry: null, areaSquareMeters: null }),
        piece({ id: "e", from: "TMD", to: "SKC" }),
      ],
      colors,
    );
    expect(drawn.features.map((f) => f.properties)).toEqual([
      { id: "a", kind: "changed", color: TRANSITION_PALETTE[0] },
      { id: "b", kind: "added" },
      { id: "c", kind: "removed" },
      { id: "e", kind: "changed", color: OTHER_TRANSITION_COLOR },
    ]);
    expect(comparePiecesCollection([], colors).features).toEqual([]);
  });

  it("outlines the selected piece, or nothing", () => {
    expect(compareHighlightCollection(piece({ id: "x" })).features).toHaveLength(1);
    expect(compareHighlightCollection(piece({ geometry: null })).features).toEqual([]);
    expect(compareHighlightCollection(null).features).toEqual([]);
  });
});

describe("compareLayerSpecs", () => {
  it("draws from the comparison's sources, the first layer first, ids unique", () => {
    const specs = compareLayerSpecs();
    expect(specs[0]?.id).toBe(COMPARE_FIRST_LAYER);
    expect(new Set(specs.map((s) => s.id)).size).toBe(specs.length);
    const sources = new Set(specs.map((s) => ("source" in s ? s.source : null)));
    expect([...sources].sort()).toEqual(Object.values(COMPARE_SOURCES).sort());
    for (const s of specs) expect(s.id.startsWith("compare:")).toBe(true);
  });

  it("hatches added and removed pieces with the images compareImages draws", () => {
    const images = compareImages(2);
    expect(images.map((i) => i.id)).toEqual([
      compareHatchImageId("added"),
      compareHatchImageId("removed"),
    ]);
    const patterns = compareLayerSpecs()
      .map((s) => (s.type === "fill" ? s.paint?.["fill-pattern"] : undefined))
      .filter((p) => p !== undefined);
    expect(patterns).toEqual(images.map((i) => i.id));
    for (const { image, pixelRatio } of images) {
      expect(pixelRatio).toBe(2);
      expect([image.width, image.height]).toEqual([20, 20]);
      expect(image.data.length).toBe(20 * 20 * 4);
    }
    // the hatch is drawn in the kind's colour; removed is cross-hatched, so it covers more
    expect([...(images[0]?.image.data.slice(0, 3) ?? [])]).toEqual(hexToRgb(KIND_COLORS.added));
    const covered = (i: number) =>
      images[i]?.image.data.filter((v, k) => k % 4 === 3 && v > 0).length ?? 0;
    expect(covered(1)).toBeGreaterThan(covered(0) * 1.5);
  });

  it("tells kinds apart by more than colour: a dashed outline for removed pieces only", () => {
    const specs = compareLayerSpecs();
    const dashed = specs.filter((s) => s.type === "line" && s.paint?.["line-dasharray"]);
    expect(dashed.map((s) => s.id)).toEqual(["compare:removed-line"]);
  });

  it("starts hidden when asked, for a before/after toggle", () => {
    for (const s of compareLayerSpecs(false)) expect(s.layout?.visibility).toBe("none");
    for (const s of compareLayerSpecs()) expect(s.layout?.visibility).toBe("visible");
  });
});

describe("the outline of a changed piece", () => {
  const line = compareLayerSpecs().find(
    (s) => s.id === "compare:changed-line",
  ) as LayerSpecification;
  const draws = (properties: Record<string, unknown>) =>
    featureFilter((line as { filter?: FilterSpecification }).filter, "filter").filter(
      { zoom: 10 },
      { type: 3, properties } as never,
    );

  it("is drawn around a piece, but not one the tile worker marked a few pixels across", () => {
    expect(draws({ kind: "changed", color: "#ff0000" })).toBe(true);
    expect(draws({ kind: "changed", color: "#ff0000", [SMALL_FEATURE]: true })).toBe(false);
    expect(draws({ kind: "added" })).toBe(false);
  });
});
