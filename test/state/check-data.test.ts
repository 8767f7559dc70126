import type { FeatureCollection } from "geojson";
import { describe, expect, it } from "vitest";
import { buildCheckData, type LayerStatus } from "../../src/state/check-data";
import { checkFixture } from "../worker/check-fixture";
import { layerEntry } from "./layer-fixture";

const empty = (): FeatureCollection => ({ type: "FeatureCollection", features: [] });
const { rules } = checkFixture();
const catalog = [
  layerEntry({ id: "zones", level: "city", geometryType: "polygon" }),
  layerEntry({ id: "rice", level: "national", geometryType: "polygon" }),
  layerEntry({ id: "districts", level: "district", geometryType: "polygon" }),
  layerEntry({ id: "ring-road-4" }),
];

describe("buildCheckData", () => {
  it("waits for every layer the rules read and the district layer, not for unrelated ones", () => {
    const sources: Record<string, LayerStatus> = {
      zones: { status: "ready", data: empty() },
      rice: { status: "loading" },
      districts: { status: "loading" },
      "ring-road-4": { status: "loading" },
    };
    expect(buildCheckData(catalog, rules, sources, null)).toEqual({
      status: "waiting",
      loading: ["rice", "districts"],
    });
  });

  it("holds the rule layers and the catalogue's district layer once they have loaded", () => {
    const zones = empty();
    const rice = empty();
    const districts = empty();
    const state = buildCheckData(
      catalog,
      rules,
      {
        zones: { status: "ready", data: zones },
        rice: { status: "ready", data: rice },
        districts: { status: "ready", data: districts },
        "ring-road-4": { status: "loading" },
      },
      empty(),
    );
    expect(state.status).toBe("ready");
    if (state.status !== "ready") return;
    expect(state.data.layers).toEqual({ zones, rice, districts });
    expect(state.data.layers.zones).toBe(zones);
    expect(state.data.districts).toBe(districts);
    expect(state.data.catalog.map((e) => e.id)).toEqual(catalog.map((e) => e.id));
    expect(state.failed).toEqual([]);
  });

  it("lists rule layers that failed, with why, and falls back to the base districts", () => {
    const base = empty();
    const riceFailure = {
      file: "national/rice.geojson",
      reason: "not-found",
      detail: "404",
    } as const;
    const state = buildCheckData(
      catalog,
      rules,
      {
        zones: { status: "ready", data: empty() },
        rice: { status: "error", failure: riceFailure },
        districts: {
          status: "error",
          failure: { file: "districts.fgb", reason: "http", detail: "500 Internal Server Error" },
        },
      },
      base,
    );
    expect(state).toMatchObject({
      status: "ready",
      failed: [{ layer: "rice", failure: riceFailure }],
    });
    expect(state.status === "ready" && state.data.districts).toBe(base);
    expect(state.status === "ready" && Object.keys(state.data.layers)).toEqual(["zones"]);
  });
});
