import type { Feature, FeatureCollection } from "geojson";
import { describe, expect, it } from "vitest";
import type { Rule } from "../../../src/core/catalog/rules-schema";
import { lazyCollection } from "../../../src/core/check/lazy-layer";
import {
  checkPartition,
  mergeResults,
  partitionUnits,
  prepareChecks,
  runChecks,
} from "../../../src/core/check/run-checks";
import type { CheckInput } from "../../../src/core/check/types";
import { layerEntry } from "./fixture-input";

/*
 * Contiguous partitions (runs of units, for streamed layers read in file order) and lazily read
 * layers give the findings of the whole run.
 */
const text = { vi: "Kiểm tra", en: "Check" };

function square(id: string, x: number, y: number, size: number, code = "ODT"): Feature {
  const ring = [
    [x, y],
    [x + size, y],
    [x + size, y + size],
    [x, y + size],
    [x, y],
  ];
  return {
    type: "Feature",
    id,
    properties: { land_use_code: code },
    geometry: { type: "Polygon", coordinates: [ring] },
  };
}

function input(): CheckInput {
  const zones: Feature[] = [];
  for (let i = 0; i < 60; i++) {
    zones.push(square(`Z${i}`, 105.8 + (i % 10) * 0.0009, 21 + Math.floor(i / 10) * 0.0009, 0.001));
  }
  const blobs = [square("B1", 105.801, 21.001, 0.004, "LUC"), square("B2", 105.805, 21.0, 0.003)];
  const fc = (features: Feature[]): FeatureCollection => ({ type: "FeatureCollection", features });
  const rule = (id: string, constraint: string): Rule => ({
    id,
    type: "no-overlap",
    title: text,
    description: text,
    severity: "error",
    subject: { layer: "zones" },
    constraint: { layer: constraint },
    toleranceSquareMeters: 1,
  });
  return {
    layers: { zones: fc(zones), blobs: fc(blobs) },
    rules: [rule("zones-blobs", "blobs"), rule("zones-zones", "zones")],
    catalog: [layerEntry("zones", "city"), layerEntry("blobs", "national")],
  };
}

describe("contiguous partitions", () => {
  it("cover every unit once and merge into the whole run's findings", () => {
    const whole = runChecks(input());
    expect(whole.findings.length).toBeGreaterThan(50);
    for (const count of [1, 2, 7, 200]) {
      const prepared = prepareChecks(input());
      const sizes = [...Array(count).keys()].map((index) =>
        partitionUnits(prepared, { index, count, contiguous: true }),
      );
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(prepared.units);
      // any order of claiming, as threads do
      const parts = [...Array(count).keys()]
        .reverse()
        .map((index) => checkPartition(prepared, { part: { index, count, contiguous: true } }));
      const merged = mergeResults(parts);
      expect(merged.findings).toEqual(whole.findings);
      expect(merged.stats.units).toBe(whole.stats.units);
    }
  });

  it("over a lazily read layer with a window of 3 give the same findings", () => {
    const plain = input();
    const features = (plain.layers.zones as FeatureCollection).features;
    let reads = 0;
    const lazy = lazyCollection(
      features.map((f) => ({ id: f.id as string, properties: f.properties })),
      (index) => {
        reads++;
        return features[index]?.geometry ?? null;
      },
      3,
    );
    const streamed = { ...plain, layers: { ...plain.layers, zones: lazy } };
    const prepared = prepareChecks(streamed);
    const parts = [0, 1, 2].map((index) =>
      checkPartition(prepared, { part: { index, count: 3, contiguous: true } }),
    );
    expect(mergeResults(parts).findings).toEqual(runChecks(input()).findings);
    // read again and again (the window holds 3), never held all at once
    expect(reads).toBeGreaterThan(features.length);
  });
});

describe("a contiguous partition, once checked", () => {
  it("lets go of a checked window's subjects, only in layers no rule reads as constraints", () => {
    const plain = input();
    // blobs are only constraints; zones are subjects and, in zones-zones, constraints too
    const blobRule = plain.rules[0] as Rule;
    const subjectsOnly = { ...plain, rules: [blobRule] };
    let reads = 0;
    const zones = (plain.layers.zones as FeatureCollection).features.map((f) => {
      const counted = { ...f };
      Object.defineProperty(counted, "geometry", {
        get: () => {
          reads++;
          return f.geometry;
        },
      });
      return counted as Feature;
    });
    const counted = {
      ...subjectsOnly,
      layers: { ...subjectsOnly.layers, zones: { type: "FeatureCollection", features: zones } },
    } as CheckInput;
    const prepared = prepareChecks(counted);
    expect([...prepared.subjectOnly]).toEqual(["zones"]);
    const parts = [0, 1, 2].map((index) => {
      const part = { index, count: 3, contiguous: true };
      return checkPartition(prepared, { part });
    });
    expect(mergeResults(parts).findings).toEqual(runChecks(subjectsOnly).findings);
    // a released zone is prepared again when asked for; one still held is not
    const layer = prepared.engine.layers.get("zones");
    const before = reads;
    layer?.geometry(0);
    expect(reads).toBe(before + 1);
    layer?.geometry(0);
    expect(reads).toBe(before + 1);
    // with zones-zones, zones are constraints too: nothing of them is let go
    expect([...prepareChecks(input()).subjectOnly]).toEqual([]);
  });
});
