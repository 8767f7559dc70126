/**
 * One case of the validity benchmark (scripts/bench-validity.mjs bundles and runs it, one process per
 * case, under `timeout` and `/usr/bin/time -v`):
 *
 *   node validity-case.mjs rule|data|parts|write SHAPE VERTICES [FILE]
 *
 * `rule` runs the valid-geometry rule on one polygon, `data` the data step's `findGeometryProblems`,
 * `parts` the rule too (SHAPE `squares`: a MultiPolygon of VERTICES identical squares), `write` writes the geometry as
 * GeoJSON to FILE (for PostGIS). Prints one JSON line: the case, the vertex count, the milliseconds
 * of the operation alone (wall, and CPU: the machine may be shared) and what it found.
 */
import { writeFileSync } from "node:fs";
import type { Geometry } from "geojson";
import { runChecks } from "../src/core/check/run-checks";
import { findGeometryProblems } from "../src/core/validate/check-geometry";
import { validGeometryInput } from "../test/core/check/valid-geometry-input";
import {
  identicalParts,
  plantCrossing,
  starRing,
  wiggleRing,
} from "../test/core/geo/generated-polygons";

const [mode = "rule", shape = "star", size = "20000", file] = process.argv.slice(2);
const n = Number(size);

function polygon(): Geometry {
  if (shape === "star") return { type: "Polygon", coordinates: [starRing(n)] };
  if (shape === "wiggle") return { type: "Polygon", coordinates: [wiggleRing(n)] };
  if (shape === "star-crossing") {
    return { type: "Polygon", coordinates: [plantCrossing(starRing(n), Math.floor(n / 3)).ring] };
  }
  throw new Error(`unknown shape ${shape}`);
}

function runRule(geometry: Geometry) {
  const result = runChecks(validGeometryInput(geometry, false));
  return result.findings.map((f) => ({
    problem: f.problem,
    status: f.status,
    count: f.measures.count,
    area: f.areaSquareMeters,
  }));
}

const geometry = shape === "squares" ? identicalParts(n) : polygon();
if (mode === "write") {
  writeFileSync(file as string, JSON.stringify(geometry));
  process.exit(0);
}
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const found =
  mode === "data"
    ? findGeometryProblems(geometry, { selfIntersection: true }).map((p) => ({
        code: p.code,
        message: p.message.en.slice(0, 160),
      }))
    : runRule(geometry);
const ms = Math.round(performance.now() - t0);
const cpu = process.cpuUsage(cpu0);
const cpuMs = Math.round((cpu.user + cpu.system) / 1000);
process.stdout.write(`${JSON.stringify({ mode, shape, vertices: n, ms, cpuMs, found })}\n`);
