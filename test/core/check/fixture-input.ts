import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Feature, FeatureCollection } from "geojson";
import { type Rule, rule as ruleSchema } from "../../../src/core/catalog/rules-schema";
import type { LayerEntry, PlanLevel } from "../../../src/core/catalog/schema";
import type { ClipKernel } from "../../../src/core/check/kernel";
import type { CheckInput } from "../../../src/core/check/types";
import { parseGeoJsonText } from "../../io/geojson/parse-flat";

/** A fixture: features tagged with `_layer`, the rule in the top-level `rule` member. */
export type Fixture = FeatureCollection & {
  rule: unknown;
  note?: string;
  levels?: Record<string, PlanLevel>;
};

/**
 * The fixture `test/fixtures/check/<type>/in/<name>.geojson`, parsed by JSON.parse or, `flat`, as
 * the GeoJSON reader parses it (coordinates held flat until read).
 */
export function readFixture(type: string, name: string, options: { flat?: boolean } = {}): Fixture {
  const file = join(__dirname, "../../fixtures/check", type, "in", `${name}.geojson`);
  const text = readFileSync(file, "utf8");
  return (options.flat ? parseGeoJsonText(text) : JSON.parse(text)) as Fixture;
}

/** A clipping kernel whose every operation throws `message`, for not-computed findings. */
export function failingKernel(message: string): ClipKernel {
  const fail = (): never => {
    throw new Error(message);
  };
  return { name: "failing", intersection: fail, difference: fail, coveredTwice: fail, union: fail };
}

/** A catalogue entry with the fields the checker reads; the rest filled with plausible values. */
export function layerEntry(id: string, level: PlanLevel): LayerEntry {
  const national = level === "national";
  return {
    id,
    title: { vi: `Lớp ${id}`, en: `Layer ${id}` },
    level,
    legalBasis: national
      ? {
          instrument: "39/2021/QH15",
          date: "2021-11-13",
          issuer: { vi: "Quốc hội", en: "National Assembly" },
        }
      : {
          instrument: "1569/QĐ-TTg",
          date: "2024-12-12",
          issuer: { vi: "Thủ tướng", en: "Prime Minister" },
        },
    agency: { vi: "Cơ quan", en: "Agency" },
    status: "approved",
    dataAsOf: "2022-12-31",
    illustrative: true,
    source: `${id}.geojson`,
    geometryType: "polygon",
    style: { type: "simple", color: "#336699" },
    attributes: [],
    visible: true,
    opacity: 0.7,
  };
}

/** Splits a fixture into the engine's input: layers by `_layer`, districts, rule, catalogue. */
export function fixtureInput(fixture: Fixture): CheckInput & { rule: Rule } {
  const rule = ruleSchema.parse(fixture.rule);
  const layers: Record<string, FeatureCollection> = {};
  const districts: Feature[] = [];
  const ids = new Set<string>([rule.subject.layer]);
  if ("constraint" in rule && rule.constraint) ids.add(rule.constraint.layer);
  for (const id of ids) layers[id] = { type: "FeatureCollection", features: [] };
  for (const feature of fixture.features) {
    const layer = String(feature.properties?._layer ?? "");
    if (layer === "districts") {
      districts.push(feature);
      continue;
    }
    layers[layer] ??= { type: "FeatureCollection", features: [] };
    layers[layer].features.push(feature);
  }
  const levels = fixture.levels ?? {};
  const catalog = [...ids].map((id) =>
    layerEntry(id, levels[id] ?? (id === rule.subject.layer ? "city" : "national")),
  );
  return {
    rule,
    rules: [rule],
    layers,
    catalog,
    ...(districts.length > 0
      ? { districts: { type: "FeatureCollection", features: districts } as FeatureCollection }
      : {}),
  };
}
