import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { orientationFeatures, orientationLabels } from "../../src/state/orientation";

const file = JSON.parse(
  readFileSync(new URL("../../layers/orientation/hanoi-orientation.json", import.meta.url), "utf8"),
) as {
  metadata: { illustrative: boolean; description: { vi: string; en: string } };
  features: { properties: Record<string, unknown>; geometry: unknown }[];
};
const collection = orientationFeatures(file);
const names = collection.features.map((f) => String(f.properties?.name));

describe("the orientation layer (layers/orientation/hanoi-orientation.json)", () => {
  it("says it is illustrative, in its metadata and on every feature", () => {
    expect(file.metadata.illustrative).toBe(true);
    expect(file.metadata.description.en).toMatch(/not taken from official data/i);
    for (const feature of file.features) expect(feature.properties.illustrative).toBe(true);
  });

  it("holds the Red River, the main lakes, the four ring roads and the district seats", () => {
    expect(names).toEqual(expect.arrayContaining(["Sông Hồng", "Hồ Tây", "Hồ Hoàn Kiếm"]));
    expect(names).toEqual(
      expect.arrayContaining(["Vành đai 1", "Vành đai 2", "Vành đai 3", "Vành đai 4"]),
    );
    const seats = collection.features.filter((f) => f.properties?.kind === "district-seat");
    expect(seats.length).toBeGreaterThanOrEqual(18);
    expect(collection.features).toHaveLength(file.features.length);
  });

  it("lies in Hà Nội's extent", () => {
    const numbers = [
      ...JSON.stringify(file.features.map((f) => f.geometry)).matchAll(
        /\[(-?[\d.]+),(-?[\d.]+)\]/g,
      ),
    ];
    for (const [, lon, lat] of numbers) {
      expect(Number(lon)).toBeGreaterThan(105.28);
      expect(Number(lon)).toBeLessThan(106.03);
      expect(Number(lat)).toBeGreaterThan(20.56);
      expect(Number(lat)).toBeLessThan(21.39);
    }
  });

  it("names each feature once, on the feature, from its kind's zoom", () => {
    const labels = orientationLabels(collection);
    expect(labels).toHaveLength(collection.features.length);
    const hoanKiem = labels.find((l) => l.id === "lake-hoan-kiem");
    expect(hoanKiem?.at[0]).toBeCloseTo(105.852, 2);
    expect(hoanKiem?.at[1]).toBeCloseTo(21.029, 2);
    expect(labels.find((l) => l.kind === "river")?.minZoom).toBeLessThan(hoanKiem?.minZoom ?? 0);
  });

  it("leaves out what the map cannot draw", () => {
    const odd = orientationFeatures({
      features: [
        { type: "Feature", properties: { id: "x", name: "X", kind: "volcano" }, geometry: null },
        { type: "Feature", properties: { id: 1, name: "Y", kind: "lake" }, geometry: null },
        null,
      ],
    });
    expect(odd.features).toEqual([]);
    expect(orientationFeatures("not json").features).toEqual([]);
  });
});
