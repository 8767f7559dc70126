import { describe, expect, it } from "vitest";
import { readAuthored } from "../core/plan/plan-inputs";

const authored = readAuthored();

describe("hand-authored layers (layers/**/*.geojson)", () => {
  it("are grouped by plan level", () => {
    const folders = new Set(Object.keys(authored).map((key) => key.split("/")[0]));
    expect([...folders].sort()).toEqual(["national", "regional", "sector"]);
  });

  it.each(Object.keys(authored))(
    "%s: every feature has a string id, a name and illustrative: true",
    (key) => {
      const collection = authored[key];
      expect(collection?.type).toBe("FeatureCollection");
      const ids = new Set<string>();
      collection?.features.forEach((feature, index) => {
        const p = feature.properties ?? {};
        expect(typeof p.id, `${key} #${index}`).toBe("string");
        expect(ids.has(p.id), `${key}: duplicate id ${p.id}`).toBe(false);
        ids.add(p.id);
        expect(typeof p.name === "string" && p.name.length > 0, `${key} #${index}`).toBe(true);
        expect(p.illustrative, `${key} #${index}`).toBe(true);
      });
    },
  );

  it("lie around Hà Nội (105.0–106.2 E, 20.4–21.5 N)", () => {
    for (const [key, collection] of Object.entries(authored)) {
      const text = JSON.stringify(collection.features.map((f) => f.geometry));
      const numbers = [...text.matchAll(/\[(-?[\d.]+),(-?[\d.]+)\]/g)];
      expect(numbers.length, key).toBeGreaterThan(0);
      for (const [, lon, lat] of numbers) {
        expect(Number(lon), key).toBeGreaterThan(105.0);
        expect(Number(lon), key).toBeLessThan(106.2);
        expect(Number(lat), key).toBeGreaterThan(20.4);
        expect(Number(lat), key).toBeLessThan(21.5);
      }
    }
  });
});
