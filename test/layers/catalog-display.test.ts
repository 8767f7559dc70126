import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseCatalog } from "../../src/core/catalog/parse-catalog";
import { layerAttribution } from "../../src/state/layer-attribution";
import { LAYERS_DIR } from "../core/plan/plan-inputs";

const raw = JSON.parse(readFileSync(join(LAYERS_DIR, "catalog.json"), "utf8")) as unknown;
const layers = parseCatalog(raw).catalog?.layers ?? [];

/** What a planner must never read in the app: file paths, maintainers' and tests' notes. */
const DEVELOPER_TEXT =
  /\.(fgb|geojson|json|md)\b|\.\.\/|layers\/|conflict_note|data step|bước dữ liệu|planted|cố ý/i;

describe("what the shipped catalogue shows planners", () => {
  it("has layers to look at", () => {
    expect(layers.length).toBeGreaterThan(10);
  });

  it("labels no planted-conflict note: the tests' data stay out of the attribute panel", () => {
    for (const layer of layers) {
      for (const attribute of layer.attributes) {
        expect(attribute.key, layer.id).not.toBe("conflict_note");
        expect(`${attribute.label.vi} ${attribute.label.en}`, layer.id).not.toMatch(DEVELOPER_TEXT);
      }
    }
  });

  it("describes and credits each layer without file paths or developer notes", () => {
    const words = { illustrative: (instrument: string) => `after ${instrument}` };
    for (const layer of layers) {
      for (const lang of ["vi", "en"] as const) {
        expect(layer.description?.[lang] ?? "", layer.id).not.toMatch(DEVELOPER_TEXT);
        const credit = layerAttribution(layer, lang, words);
        expect(credit, layer.id).not.toMatch(DEVELOPER_TEXT);
        expect(credit, layer.id).not.toContain(layer.source);
      }
    }
  });

  it("credits official data to their source and illustrative geometry to its instrument", () => {
    const words = { illustrative: (instrument: string) => `after ${instrument}` };
    const districts = layers.find((l) => l.id === "hanoi-districts");
    if (!districts) throw new Error("no district layer");
    expect(layerAttribution(districts, "en", words)).toContain("gis.chinhphu.vn");
    const rail = layers.find((l) => l.id === "high-speed-rail");
    if (!rail) throw new Error("no rail layer");
    expect(layerAttribution(rail, "en", words)).toBe(`after ${rail.legalBasis.instrument}`);
  });
});
