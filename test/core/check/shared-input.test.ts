import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { Feature, FeatureCollection, Geometry } from "geojson";
import { describe, expect, it } from "vitest";
import { formatResult } from "../../../src/core/check/format-findings";
import { boxAt, packGeometries, readPackedGeometry } from "../../../src/core/check/geometry-pack";
import { prepareChecks, runChecks } from "../../../src/core/check/run-checks";
import {
  type PackedLayer,
  sharedCheckInput,
  shareInput,
} from "../../../src/core/check/shared-input";
import type { CheckInput } from "../../../src/core/check/types";
import { flatCoordinatesOf } from "../../../src/core/geo/flat-coordinates";
import { constraints, streamingRules, zones } from "../../node/streaming-layers";
import { fixtureInput, layerEntry, readFixture } from "./fixture-input";
import { CHUNKS, onTwoThreads, thread } from "./two-threads";

/*
 * A check's input read once and shared between threads (geometries packed, decoded when used):
 * every thread checks the same findings, byte for byte, as one thread on the input read whole, and
 * a thread that checks a region reads the features of that region only.
 */

const allocate = (bytes: number) => new SharedArrayBuffer(bytes);
const ROOT = join(__dirname, "../../fixtures/check");

describe("packed geometries", () => {
  it("read back equal to what was packed, whatever their shape", () => {
    const geometries: (Geometry | null)[] = [
      null,
      { type: "Point", coordinates: [105.8, 21] },
      {
        type: "MultiPoint",
        coordinates: [
          [1, 2, 3],
          [4, 5, 6],
        ],
      },
      {
        type: "LineString",
        coordinates: [
          [0, 0],
          [1, -0],
        ],
      },
      {
        type: "MultiLineString",
        coordinates: [
          [
            [0, 0],
            [1, 1],
          ],
          [],
        ],
      },
      {
        type: "Polygon",
        coordinates: [
          [
            [0, 0],
            [4, 0],
            [4, 4],
            [0, 0],
          ],
          [
            [1, 1],
            [2, 1],
            [2, 2],
            [1, 1],
          ],
        ],
      },
      {
        type: "Polygon",
        coordinates: [
          [
            [0, 0, 7],
            [1, 0, 7],
            [1, 1, 7],
            [0, 0, 7],
          ],
        ],
      },
      { type: "Polygon", coordinates: [] },
      {
        type: "MultiPolygon",
        coordinates: [
          [
            [
              [5, 5],
              [6, 5],
              [6, Number.NaN],
              [5, 5],
            ],
          ],
          [],
        ],
      },
      // uneven positions, a foreign member, a collection: held whole
      {
        type: "LineString",
        coordinates: [
          [0, 0],
          [1, 1, 1],
        ],
      },
      {
        type: "Polygon",
        coordinates: [
          [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 0],
          ],
        ],
        bbox: [0, 0, 1, 1],
      },
      {
        type: "GeometryCollection",
        geometries: [
          {
            type: "Polygon",
            coordinates: [
              [
                [9, 9],
                [10, 9],
                [10, 10],
                [9, 9],
              ],
            ],
          },
        ],
      },
    ];
    const features = geometries.map(
      (geometry): Feature => ({ type: "Feature", properties: {}, geometry: geometry as Geometry }),
    );
    const pack = packGeometries(features, allocate);
    geometries.forEach((geometry, i) => {
      expect(readPackedGeometry(pack, i)).toEqual(geometry);
    });
    expect(
      Object.is(
        (readPackedGeometry(pack, 3) as { coordinates: number[][] }).coordinates[1]?.[1],
        -0,
      ),
    ).toBe(true);
    expect(pack.coords.buffer).toBeInstanceOf(SharedArrayBuffer);
    // boxes of the polygonal positions only, finite ones
    expect(boxAt(pack.boxes, 1)).toBeNull();
    expect(boxAt(pack.boxes, 5)).toEqual([0, 0, 4, 4]);
    expect(boxAt(pack.boxes, 7)).toBeNull();
    expect(boxAt(pack.boxes, 8)).toEqual([5, 5, 6, 5]);
    expect(boxAt(pack.boxes, 11)).toEqual([9, 9, 10, 10]);
    expect([...pack.rank].sort((a, b) => a - b)).toEqual(geometries.map((_, i) => i));
  });
});

describe("packed geometries held flat by the reader", () => {
  it("pack as their arrays do, without building them", () => {
    let packedFlat = 0;
    for (const type of readdirSync(ROOT, { withFileTypes: true }).filter((d) => d.isDirectory())) {
      for (const file of readdirSync(join(ROOT, type.name, "in"))) {
        const name = file.replace(/\.geojson$/, "");
        const flat = readFixture(type.name, name, { flat: true }).features;
        const held = flat.filter((f) => flatCoordinatesOf(f.geometry)).length;
        const plain = readFixture(type.name, name).features;
        const a = packGeometries(flat, allocate);
        const b = packGeometries(plain, allocate);
        for (const key of ["metaStart", "meta", "coordStart", "coords", "boxes", "rank"] as const) {
          expect([...a[key]], `${file} ${key}`).toEqual([...b[key]]);
        }
        expect(a.others, file).toEqual(b.others);
        // still held flat: packing read the numbers, not arrays built of them
        expect(flat.filter((f) => flatCoordinatesOf(f.geometry)).length, file).toBe(held);
        packedFlat += held;
      }
    }
    expect(packedFlat).toBeGreaterThan(200);
  });
});

describe("a check on threads sharing its input", () => {
  for (const type of readdirSync(ROOT, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    const names = readdirSync(join(ROOT, type.name, "in")).filter((f) => f.endsWith(".geojson"));
    it(`gives the findings of one thread, byte for byte: ${type.name} fixtures`, () => {
      for (const file of names) {
        const input = fixtureInput(readFixture(type.name, file.replace(/\.geojson$/, "")));
        const one = formatResult(runChecks(input), "json");
        const share = shareInput(input, allocate);
        // the split anywhere: a thread that got nothing, or all
        for (const split of [0, 1, CHUNKS / 2, CHUNKS - 1, CHUNKS]) {
          expect(formatResult(onTwoThreads(input, share, split), "json"), file).toBe(one);
        }
        expect(formatResult(runChecks(sharedCheckInput(share)), "json"), file).toBe(one);
      }
    });
  }

  it("gives the findings of one thread on a generated plan, and each thread reads its region", () => {
    const side = 30;
    const { rice, region } = constraints(side);
    const fc = (features: Feature[]): FeatureCollection => ({
      type: "FeatureCollection",
      features,
    });
    const input: CheckInput = {
      layers: { "city-plan": fc(zones(side)), "rice-protection": fc(rice), region: fc(region) },
      rules: streamingRules().rules.filter((r) => r.id === "zones-on-rice") as CheckInput["rules"],
      catalog: [layerEntry("city-plan", "city"), layerEntry("rice-protection", "national")],
    };
    const one = formatResult(runChecks(input), "json");
    expect(JSON.parse(one).findings.length).toBeGreaterThan(20);
    const share = shareInput(input, allocate);
    expect(formatResult(onTwoThreads(input, share), "json")).toBe(one);

    // the worker checks the second run of chunks, reading features as it needs them
    const read = new Map<string, Set<number>>();
    const worker = prepareChecks(
      sharedCheckInput(share, {
        onRead: (layer, index) => {
          const seen = read.get(layer) ?? new Set();
          seen.add(index);
          read.set(layer, seen);
        },
      }),
    );
    thread(worker, CHUNKS / 2, CHUNKS);
    const zoneCount = side * side;
    const zoneLayer = share.layers.find(([id]) => id === "city-plan")?.[1] as PackedLayer;
    const rank = zoneLayer.pack.rank;
    // besides the first zone, whose first vertex pins the kernel's grid origin in every thread
    const zonesRead = [...(read.get("city-plan") ?? [])].filter((z) => z !== 0);
    // the zones of its window (the second half of the layer in spatial order), no other
    expect(zonesRead.length).toBeGreaterThan(0);
    expect(zonesRead.length).toBeLessThanOrEqual(zoneCount / 2);
    for (const z of zonesRead) expect(rank[z]).toBeGreaterThanOrEqual(zoneCount / 2);
    // and the rice blobs near them, not the whole layer
    const riceRead = read.get("rice-protection")?.size ?? 0;
    expect(riceRead).toBeGreaterThan(0);
    expect(riceRead).toBeLessThan(rice.length * 0.8);
  });
});
