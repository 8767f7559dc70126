import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  BOUNDARY_OUTPUT,
  DISTRICTS_OUTPUT,
  PROVINCES_OUTPUT,
} from "../../src/cli/data-step/build-outputs";
import { parseCatalog } from "../../src/core/catalog/parse-catalog";
import { PLAN_LEVELS } from "../../src/core/catalog/schema";
import { buildPlanLayers, PLAN_LAYER_IDS } from "../../src/core/plan/build-plan-layers";
import { LAYERS_DIR, readPlanInputs } from "../core/plan/plan-inputs";

const raw = JSON.parse(readFileSync(join(LAYERS_DIR, "catalog.json"), "utf8")) as unknown;
const { catalog, problems } = parseCatalog(raw);
const layers = catalog?.layers ?? [];

/**
 * Instruments the domain brief (shared/domain/vietnam-planning.md) and the project's issue name as
 * real; an illustrative layer must cite one of them. 132/NQ-CP (27 Dec 2013) created Bắc and Nam
 * Từ Liêm, the last change to the 30 districts; it backs the official district layer only.
 */
const REAL_INSTRUMENTS = new Set([
  "39/2021/QH15",
  "326/QĐ-TTg",
  "368/QĐ-TTg",
  "1454/QĐ-TTg",
  "56/2022/QH15",
  "1769/QĐ-TTg",
  "172/2024/QH15",
  "500/QĐ-TTg",
  "79/2006/QH11",
  "1569/QĐ-TTg",
  "1668/QĐ-TTg",
  "81/2023/QH15",
  // National airport system plan 2021–2030 (7 Jun 2023), basis of the second-airport site study.
  "648/QĐ-TTg",
]);

/** What the data step writes to data/: its own files and every layer the generator returns. */
const DATA_OUTPUTS = new Set<string>([
  DISTRICTS_OUTPUT,
  BOUNDARY_OUTPUT,
  PROVINCES_OUTPUT,
  ...PLAN_LAYER_IDS,
]);

describe("layers/catalog.json", () => {
  it("validates with no problem and points to layers/rules.json", () => {
    expect(problems).toEqual([]);
    expect(catalog?.dataCutoff).toBe("2022-12-31");
    expect(catalog?.rules).toBe("rules.json");
    expect(layers.length).toBe((raw as { layers: unknown[] }).layers.length);
  });

  it("names a source that exists or that the data step builds, for every layer", () => {
    for (const layer of layers) {
      const built = /^\.\.\/data\/([a-z0-9-]+)\.fgb$/.exec(layer.source);
      if (built) expect(DATA_OUTPUTS.has(built[1] ?? ""), layer.id).toBe(true);
      else expect(existsSync(join(LAYERS_DIR, layer.source)), layer.source).toBe(true);
    }
  });

  it("has at least one layer at every plan level", () => {
    for (const level of PLAN_LEVELS) {
      expect(
        layers.some((l) => l.level === level),
        level,
      ).toBe(true);
    }
  });

  it("marks illustrative layers as such and has each cite a real instrument", () => {
    for (const layer of layers.filter((l) => l.illustrative)) {
      expect(REAL_INSTRUMENTS.has(layer.legalBasis.instrument), layer.id).toBe(true);
      expect(layer.description?.vi, layer.id).toMatch(/minh họa/);
      expect(layer.description?.en, layer.id).toMatch(/illustrative/);
    }
    const districts = layers.find((l) => l.id === "hanoi-districts");
    expect(districts).toMatchObject({ level: "district", illustrative: false });
  });

  it("has data dates on both sides of the cut-off, so the progress view has stale ones to flag", () => {
    const cutoff = catalog?.dataCutoff ?? "";
    expect(layers.some((l) => l.dataAsOf < cutoff)).toBe(true);
    expect(layers.some((l) => l.dataAsOf > cutoff)).toBe(true);
  });

  it("tracks components at more than one workflow stage", () => {
    expect(new Set(layers.map((l) => l.status)).size).toBeGreaterThan(1);
  });

  it("labels attributes the features really carry", () => {
    const input = readPlanInputs();
    const built = buildPlanLayers(input);
    for (const layer of layers) {
      const name = /^\.\.\/data\/([a-z0-9-]+)\.fgb$/.exec(layer.source)?.[1];
      const features = name ? built[name]?.features : input.authored[layer.source]?.features;
      if (!features) continue; // the data step's own outputs
      const keys = new Set(features.flatMap((f) => Object.keys(f.properties ?? {})));
      for (const attribute of layer.attributes) {
        expect(keys.has(attribute.key), `${layer.id}.${attribute.key}`).toBe(true);
      }
      if (layer.nameAttribute) expect(keys.has(layer.nameAttribute), layer.id).toBe(true);
      const style = layer.style;
      if (style.type === "categorised") {
        const listed = new Set(style.categories.map((c) => c.value));
        for (const feature of features) {
          const value = feature.properties?.[style.attribute];
          expect(listed.has(value), `${layer.id}: ${style.attribute} ${value}`).toBe(true);
        }
      }
    }
  });
});
