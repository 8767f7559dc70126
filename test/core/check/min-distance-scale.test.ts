import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { bboxPolygon } from "@turf/turf";
import type { Feature, FeatureCollection, Geometry, Position } from "geojson";
import { describe, expect, it } from "vitest";
import { jaggedRing } from "../../../scripts/jagged-polygon.mjs";
import { geodesicBuffer } from "../../../src/core/check/geodesic-buffer";
import { metersPerDegree } from "../../../src/core/check/local-metric";
import { runChecks } from "../../../src/core/check/run-checks";
import type { Finding } from "../../../src/core/check/types";
import { geodesicArea } from "../../../src/core/geo/geodesic-area";
import { wiggleRing } from "../geo/generated-polygons";
import { fixtureInput } from "./fixture-input";

/** A square zone `size` metres wide whose west edge lies `east` metres east of `at`. */
function square(id: string, at: Position, east: number, size = 100): Feature {
  const k = metersPerDegree(at[1] as number);
  const x = (at[0] as number) + east / k.x;
  const y = (at[1] as number) - size / 2 / k.y;
  return {
    type: "Feature",
    id,
    properties: { _layer: "zoning" },
    geometry: bboxPolygon([x, y, x + size / k.x, y + size / k.y]).geometry,
  };
}

/** The findings of a min-distance rule from the zones to the constraints, d metres. */
function check(zones: Feature[], constraints: Feature[], d: number): Finding[] {
  const fixture = {
    type: "FeatureCollection" as const,
    features: [
      ...zones,
      ...constraints.map((f) => ({ ...f, properties: { ...f.properties, _layer: "reference" } })),
    ],
    rule: {
      id: "clearance",
      type: "min-distance",
      title: { vi: "Khoảng cách", en: "Clearance" },
      description: { vi: "Ca kiểm thử.", en: "Test case." },
      severity: "error",
      subject: { layer: "zoning" },
      constraint: { layer: "reference" },
      distanceMeters: d,
    },
  };
  return runChecks(fixtureInput(fixture)).findings;
}

const areaOf = (f: Feature) => geodesicArea(f.geometry as Geometry);

// Generous timeouts: hang guards for CI's two cores. Before the buffer was built bottom-up, the
// jagged ring at 1 km ran more than 900 s, the districts as one feature at 10 km 213 s, and the
// 50 000-vertex boundary spent minutes finding which of its segments come within 20 km of others.
describe("min-distance on wide clearances around detailed constraints", () => {
  it("an 8 000-vertex jagged polygon at 1 km: in, inside and out", () => {
    const ring = jaggedRing(8000);
    const constraint: Feature = {
      type: "Feature",
      id: "jagged",
      properties: {},
      geometry: { type: "Polygon", coordinates: [ring] },
    };
    // the ring's first vertex is its eastmost tip
    const tip = ring[0] as Position;
    const zones = [
      square("near", tip, 300),
      square("far", tip, 1300),
      square("inside", [105.85, 21.03], 0),
    ];
    const findings = check(zones, [constraint], 1000);
    const bySubject = new Map(findings.map((f) => [f.subject.featureId, f]));
    expect(findings.every((f) => f.status === "ok")).toBe(true);
    expect([...bySubject.keys()].sort()).toEqual(["inside", "near"]);
    for (const zone of [zones[0], zones[2]] as Feature[]) {
      const finding = bySubject.get(String(zone.id));
      expect((finding?.areaSquareMeters ?? 0) / areaOf(zone)).toBeCloseTo(1, 6);
    }
    expect(bySubject.get("near")?.measures.distanceMeters).toBeCloseTo(300, 0);
    expect(bySubject.get("inside")?.measures.distanceMeters).toBe(0);
  }, 120_000);

  const districtsFile = join(__dirname, "../../../../shared/data/vn-admin/hanoi-districts.geojson");
  it.skipIf(!existsSync(districtsFile))(
    "Hà Nội's 30 districts at 10 km, each and as one feature",
    () => {
      const districts = (JSON.parse(readFileSync(districtsFile, "utf8")) as FeatureCollection)
        .features;
      const parts = districts.flatMap((f) => {
        const g = f.geometry;
        if (g.type === "Polygon") return [g.coordinates];
        if (g.type === "MultiPolygon") return g.coordinates;
        throw new Error("not a polygon");
      });
      const city: Feature = {
        type: "Feature",
        id: "city",
        properties: {},
        geometry: { type: "MultiPolygon", coordinates: parts },
      };
      // a zone on a vertex of each district: 0 m from it and from the city, wholly in both zones
      const zones = districts.map((f, i) => {
        const g = f.geometry;
        const rings =
          g.type === "Polygon"
            ? g.coordinates
            : g.type === "MultiPolygon"
              ? g.coordinates.flat()
              : [];
        return square(`zone-${i}`, rings[0]?.[0] ?? [0, 0], -50);
      });
      const constraints = districts.map((f, i) => ({ ...f, id: `district-${i}` }));
      const findings = check(zones, [...constraints, city], 10_000);
      expect(findings.every((f) => f.status === "ok")).toBe(true);
      const onCity = findings.filter((f) => f.constraint?.featureId === "city");
      expect(onCity).toHaveLength(30);
      zones.forEach((zone, i) => {
        const of = (constraint: string) =>
          findings.find(
            (f) => f.subject.featureId === zone.id && f.constraint?.featureId === constraint,
          );
        const own = of(`district-${i}`);
        expect(own?.measures.distanceMeters).toBe(0);
        for (const f of [own, of("city")]) {
          expect((f?.areaSquareMeters ?? 0) / areaOf(zone)).toBeCloseTo(1, 6);
        }
      });
    },
    120_000,
  );

  it("a 50 000-vertex boundary at 10 km: one ring around it", () => {
    const ring = wiggleRing(50_000);
    const zone = geodesicBuffer({ type: "Polygon", coordinates: [ring] }, 10_000);
    expect(zone).toHaveLength(1);
    expect(zone[0]).toHaveLength(1);
    // the ring reaches 0.108° from its centre at most: the zone lies within 0.108° and 10 km (and
    // what the local scales leave over 20 km)
    const k = metersPerDegree(21.03);
    for (const [x, y] of (zone[0] as Position[][])[0] as [number, number][]) {
      const r = Math.hypot((x - 105.85) * k.x, (y - 21.03) * k.y);
      expect(r).toBeLessThan(0.108 * k.y + 10_100);
    }
  }, 120_000);
});
