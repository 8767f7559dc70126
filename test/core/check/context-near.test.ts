import type { FeatureCollection, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import type { Rule } from "../../../src/core/catalog/rules-schema";
import {
  indexPolygons,
  type PreparedLayer,
  preparedIfNear,
  prepareLayer,
} from "../../../src/core/check/context";
import { runChecks } from "../../../src/core/check/run-checks";
import { flatCoordinatesOf } from "../../../src/core/geo/flat-coordinates";
import { parseGeoJsonText } from "../../io/geojson/parse-flat";
import { boxPolygon } from "../../support/box-polygon";
import { layerEntry } from "./fixture-input";

/** Features of these geometries (ids Z0, Z1, …), read as the GeoJSON reader reads a file. */
function layer(prefix: string, geometries: Polygon[]): FeatureCollection {
  const text = JSON.stringify({
    type: "FeatureCollection",
    features: geometries.map((geometry, k) => ({
      type: "Feature",
      id: `${prefix}${k}`,
      properties: {},
      geometry,
    })),
  });
  return parseGeoJsonText(text) as FeatureCollection;
}

/** `layer` with the indices of the features it prepared. */
function watched(layer: PreparedLayer): { layer: PreparedLayer; prepared: number[] } {
  const prepared: number[] = [];
  return {
    layer: {
      ...layer,
      geometry(i) {
        prepared.push(i);
        return layer.geometry(i);
      },
    },
    prepared,
  };
}

describe("preparedIfNear", () => {
  const constraint = prepareLayer(
    "c",
    layer("C", [boxPolygon(105.8, 21, 105.81, 21.01)]),
    undefined,
  );
  const index = indexPolygons(constraint, [0]);

  it("prepares only features whose box comes near an indexed box", () => {
    const zones = layer("Z", [
      boxPolygon(105.805, 21.005, 105.815, 21.015), // overlaps
      boxPolygon(105.81, 21.01, 105.82, 21.02), // corner on corner: boxes touch
      boxPolygon(105.81 + 5e-9, 21, 105.82, 21.01), // within the repair's rounding
      boxPolygon(105.811, 21, 105.82, 21.01), // 0.001° away
      boxPolygon(106, 22, 106.01, 22.01), // far
    ]);
    const { layer: subject, prepared } = watched(
      prepareLayer("z", zones, undefined, { repair: true }),
    );
    const near = [0, 1, 2, 3, 4].filter((i) => preparedIfNear(index, subject, i) !== null);
    expect(near).toEqual([0, 1, 2]);
    expect(prepared).toEqual([0, 1, 2]);
  });

  it("prepares nothing when the rule has no constraint feature", () => {
    const empty = indexPolygons(constraint, []);
    const { layer: subject, prepared } = watched(
      prepareLayer("z", layer("Z", [boxPolygon(105.805, 21.005, 105.815, 21.015)]), undefined),
    );
    expect(preparedIfNear(empty, subject, 0)).toBeNull();
    expect(prepared).toEqual([]);
  });
});

describe("a zone wholly inside a constraint feature", () => {
  const rule: Rule = {
    id: "r",
    type: "no-overlap",
    title: { vi: "Kiểm tra", en: "Check" },
    description: { vi: "Kiểm tra", en: "Check" },
    severity: "error",
    subject: { layer: "zones" },
    constraint: { layer: "rice" },
    toleranceSquareMeters: 1,
  };
  const input = () => ({
    rules: [rule],
    catalog: [layerEntry("zones", "city"), layerEntry("rice", "national")],
    layers: {
      // the first zone gives the kernel its grid origin (its rings are read for that)
      zones: layer("Z", [
        boxPolygon(105.9, 21.1, 105.91, 21.11),
        boxPolygon(105.802, 21.002, 105.804, 21.004),
      ]),
      rice: layer("R", [boxPolygon(105.8, 21, 105.81, 21.01)]),
    },
  });

  it("is found with its whole area, its rings never built when the finding keeps no geometry", () => {
    const plain = input();
    const zone = plain.layers.zones.features[1]?.geometry;
    const [finding] = runChecks({ ...plain, findingGeometry: false }).findings;
    expect(finding?.shareOfSubject).toBe(1);
    expect(finding?.geometry).toBeNull();
    expect(flatCoordinatesOf(zone)).toBeDefined();

    const drawn = input();
    const [withGeometry] = runChecks(drawn).findings;
    expect(withGeometry?.areaSquareMeters).toBe(finding?.areaSquareMeters);
    expect(withGeometry?.geometry).toEqual(boxPolygon(105.802, 21.002, 105.804, 21.004));
  });
});
