import { featureCollection, intersect, polygon } from "@turf/turf";
import type { Feature, FeatureCollection, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import type { Rule } from "../../../src/core/catalog/rules-schema";
import { compareIds } from "../../../src/core/check/id-order";
import {
  checkPartition,
  mergeResults,
  mergeResultsSteps,
  type PartialResult,
  prepareChecks,
  runChecks,
  runChecksAsync,
} from "../../../src/core/check/run-checks";
import { ITEMS_PER_STEP } from "../../../src/core/check/steps";
import type { CheckInput, Finding } from "../../../src/core/check/types";
import { geodesicArea } from "../../../src/core/geo/geodesic-area";
import { seededRandom } from "../../support/seeded-random";
import { failingKernel, fixtureInput, layerEntry, readFixture } from "./fixture-input";

const text = { vi: "Kiểm tra", en: "Check" };
const noOverlap = (id: string, constraint: string): Rule => ({
  id,
  type: "no-overlap",
  title: text,
  description: text,
  severity: "error",
  subject: { layer: "zones" },
  constraint: { layer: constraint },
  toleranceSquareMeters: 1,
});

/** Star-shaped (hence simple) polygon around a centre, radius in degrees. */
function star(rnd: () => number, cx: number, cy: number, r: number, n: number): Feature<Polygon> {
  const ring: number[][] = [];
  for (let k = 0; k < n; k++) {
    const a = (2 * Math.PI * k) / n;
    const rr = r * (0.5 + rnd());
    ring.push([
      Number((cx + rr * Math.cos(a)).toFixed(7)),
      Number((cy + rr * Math.sin(a)).toFixed(7)),
    ]);
  }
  ring.push(ring[0] as number[]);
  return polygon([ring]);
}

function generated(): CheckInput {
  const rnd = seededRandom(7);
  const zones: Feature[] = [];
  for (let i = 0; i < 10; i++) {
    for (let j = 0; j < 10; j++) {
      const f = star(rnd, 105.8 + i * 0.01, 21 + j * 0.01, 0.006, 12);
      f.id = `Z${i * 10 + j}`;
      zones.push(f);
    }
  }
  const blobs: Feature[] = [];
  for (let k = 0; k < 30; k++) {
    const f = star(rnd, 105.8 + rnd() * 0.1, 21 + rnd() * 0.1, 0.008, 20);
    f.id = `B${k}`;
    blobs.push(f);
  }
  const fc = (features: Feature[]): FeatureCollection => ({ type: "FeatureCollection", features });
  return {
    layers: { zones: fc(zones), blobs: fc(blobs) },
    rules: [noOverlap("zones-blobs", "blobs")],
    catalog: [layerEntry("zones", "city"), layerEntry("blobs", "national")],
  };
}

describe("runChecks", () => {
  it("finds the same pairs and areas as Turf's intersect (geodesic areas within 0.1 %)", () => {
    const input = generated();
    const result = runChecks(input);
    const zones = input.layers.zones?.features ?? [];
    const blobs = input.layers.blobs?.features ?? [];
    const expected = new Map<string, number>();
    for (const z of zones) {
      for (const b of blobs) {
        const piece = intersect(featureCollection([z, b] as Feature<Polygon>[]));
        const area = geodesicArea(piece);
        if (area > 1) expected.set(`${z.id}|${b.id}`, area);
      }
    }
    const actual = new Map(
      result.findings.map((f) => [
        `${f.subject.featureId}|${f.constraint?.featureId}`,
        f.areaSquareMeters ?? 0,
      ]),
    );
    expect([...actual.keys()].sort()).toEqual([...expected.keys()].sort());
    expect(actual.size).toBeGreaterThan(50);
    for (const [key, area] of expected) {
      expect(Math.abs((actual.get(key) ?? 0) - area) / area, key).toBeLessThan(1e-3);
    }
    expect(result.stats.shortcutPairs).toBeGreaterThan(0);
    expect(result.stats.kernelCalls).toBeGreaterThan(0);
  });

  it("gives the same result split into partitions and merged, as in two workers", () => {
    const input = generated();
    const whole = runChecks(input);
    const parts = [0, 1, 2].map((index) =>
      checkPartition(prepareChecks(input), { part: { index, count: 3 } }),
    );
    const merged = mergeResults(parts);
    expect(merged.findings).toEqual(whole.findings);
    expect(merged.summary).toEqual(whole.summary);
    expect(merged.stats.units).toBe(whole.stats.units);
    expect(parts.every((p) => p.stats.units > 0)).toBe(true);
  });

  it("without finding geometry gives the same findings, only without their rings", () => {
    const input = generated();
    const full = runChecks(input);
    const lean = runChecks({ ...input, findingGeometry: false });
    expect(full.findings.some((f) => f.geometry !== null)).toBe(true);
    expect(lean.findings.every((f) => f.geometry === null)).toBe(true);
    expect(lean.findings).toEqual(full.findings.map((f) => ({ ...f, geometry: null })));
    expect(lean.summary).toEqual(full.summary);
  });

  it("answers to the last digit whatever the split, also for zones on both sides of 21° N", () => {
    const input = generated();
    // move the zones 0.045° south so the grid straddles 21° N (the kernel's origin is whole degrees)
    const zones = input.layers.zones as FeatureCollection;
    const shifted = structuredClone(zones);
    for (const f of shifted.features) {
      if (f.geometry.type !== "Polygon") continue;
      f.geometry.coordinates = f.geometry.coordinates.map((r) =>
        r.map(([x, y]) => [(x as number) + 1.234567e-9, (y as number) - 0.0451234567]),
      );
    }
    // a northern zone second, so the two partitions meet zones on opposite sides of 21° N first
    const [first, second, ...rest] = shifted.features;
    const north = rest.splice(7, 1);
    shifted.features = [first, ...north, second, ...rest] as typeof shifted.features;
    const moved = { ...input, layers: { ...input.layers, zones: shifted } };
    const whole = runChecks(moved);
    const split = mergeResults(
      [1, 0].map((index) => checkPartition(prepareChecks(moved), { part: { index, count: 2 } })),
    );
    expect(split.findings).toEqual(whole.findings);
    const latitudes = whole.findings.flatMap((f) =>
      f.geometry?.type === "Polygon" ? [f.geometry.coordinates[0]?.[0]?.[1] ?? 0] : [],
    );
    expect(Math.min(...latitudes)).toBeLessThan(21);
    expect(Math.max(...latitudes)).toBeGreaterThan(21);
  });

  it("merges a large run in steps of a few hundred findings, to the same result", () => {
    // a run's partitions with 6 000 findings between them (copies of real ones, ids made unique)
    const input = generated();
    const parts = [0, 1].map((index) =>
      checkPartition(prepareChecks(input), { part: { index, count: 2 } }),
    );
    const copies = 6000 / parts.reduce((n, p) => n + p.findings.length, 0);
    const large: PartialResult[] = parts.map((p) => {
      const findings: Finding[] = [];
      const units: number[] = [];
      for (let c = 0; c < copies; c++) {
        p.findings.forEach((f, k) => {
          findings.push({ ...f, id: `${f.id}-${c}` });
          units.push(p.units[k] as number);
        });
      }
      return { ...p, findings, units };
    });
    const steps = mergeResultsSteps(large);
    let pauses = 0;
    let next = steps.next();
    for (; !next.done; next = steps.next()) pauses++;
    const merged = next.value;
    expect(merged).toEqual(mergeResults(large));
    expect(merged.findings.length).toBeGreaterThanOrEqual(6000);
    // a pause every few hundred findings in each of its passes (order, sort, totals)
    expect(pauses).toBeGreaterThan((3 * merged.findings.length) / ITEMS_PER_STEP);
  });

  it("sorts findings by subject, then constraint id, whatever the layers' order and id shapes", () => {
    // ids as generated ("Z7", "Z42": no keys, the collator decides) and of one width ("Z-0007")
    for (const width of [0, 4]) {
      const input = generated();
      const rnd = seededRandom(3);
      for (const [name, prefix] of [
        ["zones", "Z-"],
        ["blobs", "B-"],
      ] as const) {
        const layer = input.layers[name] as FeatureCollection;
        for (const f of layer.features) {
          if (width > 0) f.id = `${prefix}${String(f.id).slice(1).padStart(width, "0")}`;
        }
        // the layer in a random order, as a file in spatial order is to its ids
        layer.features.sort(() => rnd() - 0.5);
      }
      const { findings } = runChecks(input);
      expect(findings.length).toBeGreaterThan(20);
      for (let k = 1; k < findings.length; k++) {
        const [a, b] = [findings[k - 1] as Finding, findings[k] as Finding];
        const order =
          compareIds(a.subject.featureId, b.subject.featureId) ||
          compareIds(a.constraint?.featureId, b.constraint?.featureId);
        expect(order, `${a.id} before ${b.id}`).toBeLessThan(0);
      }
    }
  });

  it("merges quota sums over partitions", () => {
    const fixture = readFixture("quota", "attribute");
    const input = fixtureInput(fixture);
    const parts = [0, 1].map((index) =>
      checkPartition(prepareChecks(input), { part: { index, count: 2 } }),
    );
    expect(mergeResults(parts).findings).toEqual(runChecks(input).findings);
  });

  it("adds quota areas up to the same digits however the work is split", () => {
    // 300 zones of uneven sizes: running sums per partition would differ in the last bits
    const fixture = readFixture("quota", "attribute");
    const rnd = seededRandom(3);
    const zones: Feature[] = [];
    for (let k = 0; k < 300; k++) {
      const x = 105.5 + (k % 20) * 0.01;
      const y = 20.9 + Math.floor(k / 20) * 0.01;
      const w = 0.002 + rnd() * 0.007;
      const zone = polygon([
        [
          [x, y],
          [x + w, y],
          [x + w, y + w * 0.7],
          [x, y + w],
          [x, y],
        ],
      ]);
      zone.id = `z${k}`;
      zone.properties = {
        _layer: "zoning",
        land_use_code: "LUA",
        district_code: `00${(k % 3) + 1}`,
      };
      zones.push(zone);
    }
    const input = fixtureInput({ ...fixture, features: zones });
    const whole = runChecks(input).findings;
    expect(whole.length).toBeGreaterThan(0);
    for (const count of [2, 3, 7]) {
      const parts = Array.from({ length: count }, (_, index) =>
        checkPartition(prepareChecks(input), { part: { index, count } }),
      );
      expect(mergeResults(parts.reverse()).findings).toEqual(whole);
    }
  });

  it("turns a pair whose overlay throws into a not-computed finding and goes on", () => {
    const failing = failingKernel("side location conflict");
    const fixture = readFixture("no-overlap", "nested");
    const input = fixtureInput(fixture);
    // make one pair need clipping: shift the "inner" constraint so it crosses the big zone's edge
    const layers = structuredClone(input.layers);
    const inner = layers.reference?.features.find((f) => f.id === "inner");
    if (inner?.geometry.type !== "Polygon") throw new Error("fixture changed");
    inner.geometry.coordinates = [
      inner.geometry.coordinates[0]?.map(([x, y]) => [(x as number) + 0.015, y as number]) ?? [],
    ];
    const result = runChecks({ ...input, layers, kernel: failing });
    const failed = result.findings.filter((f) => f.status === "not-computed");
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({
      subject: { featureId: "big" },
      constraint: { featureId: "inner" },
      reason: "side location conflict",
      areaSquareMeters: null,
    });
    // the pair settled without clipping still comes out
    expect(result.findings.find((f) => f.subject.featureId === "small")?.status).toBe("ok");
    expect(result.summary[0]?.notComputed).toBe(1);
  });

  it("reports a rule naming a layer that is not loaded and runs the others", () => {
    const input = generated();
    const result = runChecks({ ...input, rules: [noOverlap("ghost", "nowhere"), ...input.rules] });
    expect(result.problems).toEqual([
      {
        rule: "ghost",
        severity: "error",
        message: {
          vi: 'Bỏ qua quy tắc "ghost": chưa nạp lớp "nowhere"',
          en: 'rule "ghost" skipped: layer "nowhere" not loaded',
        },
      },
    ]);
    expect(result.summary.map((s) => s.rule)).toEqual(["zones-blobs"]);
    expect(result.findings.length).toBeGreaterThan(0);
  });

  it("skips a rule whose layers are not polygons, with a problem saying so", () => {
    const input = generated();
    const catalog = [
      layerEntry("zones", "city"),
      { ...layerEntry("blobs", "sector"), geometryType: "line" as const },
    ];
    const result = runChecks({ ...input, catalog });
    expect(result.problems).toEqual([
      {
        rule: "zones-blobs",
        severity: "error",
        message: {
          vi: 'Bỏ qua quy tắc "zones-blobs": lớp ràng buộc "blobs" phải là lớp vùng (polygon) với loại quy tắc no-overlap',
          en: 'rule "zones-blobs" skipped: its constraint layer "blobs" must be polygons (no-overlap)',
        },
      },
    ]);
    expect(result.findings).toEqual([]);
  });

  it("copes with empty layers", () => {
    const empty: FeatureCollection = { type: "FeatureCollection", features: [] };
    const result = runChecks({ ...generated(), layers: { zones: empty, blobs: empty } });
    expect(result.findings).toEqual([]);
    expect(result.stats.units).toBe(0);
  });
});

describe("runChecksAsync", () => {
  it("yields the same result and reports progress up to the total", async () => {
    const input = generated();
    const progress: [number, number][] = [];
    const result = await runChecksAsync({
      ...input,
      sliceMs: 1,
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(result.findings).toEqual(runChecks(input).findings);
    expect(progress.at(-1)).toEqual([100, 100]);
    expect(progress.length).toBeGreaterThan(1);
  });

  it("stops when the signal is aborted", async () => {
    const controller = new AbortController();
    const run = runChecksAsync({
      ...generated(),
      sliceMs: 0,
      signal: controller.signal,
      onProgress: (done) => {
        if (done >= 10) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: "AbortError" });
  });
});
