import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { deltaE2000, hexToLab, labHue } from "../../../src/core/catalog/color-distance";
import {
  LAND_USE_DISPLAY_COLORS,
  MIN_CATEGORY_DISTANCE,
  OFFICIAL_LAND_USE_COLORS,
} from "../../../src/core/catalog/land-use-palette";
import { parseCatalog } from "../../../src/core/catalog/parse-catalog";

const { catalog } = parseCatalog(
  JSON.parse(readFileSync(new URL("../../../layers/catalog.json", import.meta.url), "utf8")),
);
const categorised = (catalog?.layers ?? []).flatMap((layer) =>
  layer.style.type === "categorised" ? [{ layer, style: layer.style }] : [],
);

const distance = (a: string, b: string) => deltaE2000(hexToLab(a), hexToLab(b));

describe("deltaE2000", () => {
  it("matches the published test pairs (Sharma, Wu and Dalal 2005)", () => {
    expect(deltaE2000([50, 2.6772, -79.7751], [50, 0, -82.7485])).toBeCloseTo(2.0425, 3);
    expect(deltaE2000([50, -1.3802, -84.2814], [50, 0, -82.7485])).toBeCloseTo(1.0, 3);
    expect(deltaE2000([50, 2.5, 0], [73, 25, -18])).toBeCloseTo(27.1492, 3);
    expect(deltaE2000([60.2574, -34.0099, 36.2677], [60.4626, -34.1751, 39.4387])).toBeCloseTo(
      1.2644,
      3,
    );
  });

  it("is zero for one colour and large for black and white", () => {
    expect(distance("#ffaaa0", "#ffaaa0")).toBe(0);
    expect(distance("#000000", "#ffffff")).toBeCloseTo(100, 0);
  });
});

describe("land-use colours", () => {
  it("are the official colours, except codes the official table cannot tell apart", () => {
    const changed = Object.keys(LAND_USE_DISPLAY_COLORS).filter(
      (code) => LAND_USE_DISPLAY_COLORS[code] !== OFFICIAL_LAND_USE_COLORS[code],
    );
    for (const code of changed) {
      const official = OFFICIAL_LAND_USE_COLORS[code] ?? "";
      const twins = Object.entries(OFFICIAL_LAND_USE_COLORS).filter(
        ([other, color]) => other !== code && distance(color, official) < MIN_CATEGORY_DISTANCE,
      );
      expect(
        twins.length,
        `${code} keeps its official colour unless it has a twin`,
      ).toBeGreaterThan(0);
      // moved within the official colour's family: hue within 40°
      const hue = Math.abs(
        labHue(hexToLab(LAND_USE_DISPLAY_COLORS[code] ?? "")) - labHue(hexToLab(official)),
      );
      expect(Math.min(hue, 360 - hue), code).toBeLessThanOrEqual(40);
    }
  });

  it("are what the catalogue draws every land-use code in", () => {
    const layers = categorised.filter(({ style }) => style.attribute === "land_use_code");
    expect(layers.map(({ layer }) => layer.id)).toContain("city-plan-zones");
    for (const { layer, style } of layers) {
      for (const category of style.categories) {
        expect(category.color, `${layer.id} ${category.value}`).toBe(
          LAND_USE_DISPLAY_COLORS[String(category.value)],
        );
      }
    }
  });

  it("stay apart in every categorised layer: each pair of its colours, and the fallback", () => {
    expect(categorised.length).toBeGreaterThan(0);
    for (const { layer, style } of categorised) {
      const colors = [
        ...style.categories.map((c) => ({ name: String(c.value), color: c.color })),
        { name: "fallback", color: style.fallbackColor },
      ];
      for (const [i, a] of colors.entries()) {
        for (const b of colors.slice(i + 1)) {
          expect(
            distance(a.color, b.color),
            `${layer.id}: ${a.name} ${a.color} vs ${b.name} ${b.color}`,
          ).toBeGreaterThanOrEqual(MIN_CATEGORY_DISTANCE);
        }
      }
    }
  });

  it("the official table alone would not: shared colours are why some codes move", () => {
    expect(distance(OFFICIAL_LAND_USE_COLORS.DYT ?? "", OFFICIAL_LAND_USE_COLORS.DGD ?? "")).toBe(
      0,
    );
  });
});

describe("the first view", () => {
  it("shows a few layers, each with the catalogue's reason", () => {
    const visible = (catalog?.layers ?? []).filter((layer) => layer.visible);
    expect(visible.map((layer) => layer.id).sort()).toEqual([
      "city-plan-zones",
      "flood-corridor",
      "hanoi-districts",
      "national-forest",
      "national-rice-land",
      "ring-roads",
    ]);
    for (const layer of visible) expect(layer.visibleReason?.en, layer.id).toBeTruthy();
  });
});
