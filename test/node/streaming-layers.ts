import { closeSync, openSync, writeFileSync, writeSync } from "node:fs";
import { join } from "node:path";
import type { Feature, Polygon, Position } from "geojson";
import { benchCatalog } from "../../scripts/bench-catalog.mjs";
import { writeFlatGeobuf } from "../../src/io/fgb-writer";
import type { CheckSource } from "../../src/node/check-inputs";

/*
 * Deterministic layers for the streaming tests, generated into a temporary folder (never
 * committed): a grid of jittered zones over Hà Nội whose edges are densified (so a zone's geometry
 * outweighs its attributes, as in real plans), some overlapping their neighbours, one crossing
 * itself; and constraint layers over part of them.
 */

/** A small seeded PRNG (mulberry32): the same layers on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const round = (x: number) => Math.round(x * 1e7) / 1e7;

/** A closed ring along the box's edges, `perEdge` points per edge, counter-clockwise. */
function boxRing(x0: number, y0: number, x1: number, y1: number, perEdge: number): Position[] {
  const corners: Position[] = [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ];
  const ring: Position[] = [];
  for (let k = 0; k < 4; k++) {
    const [ax, ay] = corners[k] as [number, number];
    const [bx, by] = corners[(k + 1) % 4] as [number, number];
    for (let i = 0; i < perEdge; i++) {
      const t = i / perEdge;
      ring.push([round(ax + (bx - ax) * t), round(ay + (by - ay) * t)]);
    }
  }
  ring.push(ring[0] as Position);
  return ring;
}

const CODES = ["ODT", "ONT", "LUC", "SKK", "TMD", "CLN", "DGT"];

/** Zones of a `side` × `side` grid (cells of ~110 m), ids Z0000001…, in row order. */
export function zones(side: number, perEdge = 8): Feature<Polygon>[] {
  const next = random(11);
  const cell = 0.001;
  const out: Feature<Polygon>[] = [];
  for (let row = 0; row < side; row++) {
    for (let col = 0; col < side; col++) {
      const x0 = 105.5 + col * cell;
      const y0 = 20.8 + row * cell;
      // a fifth of the zones reach into their neighbour: overlaps within the layer
      const grow = next() < 0.2 ? cell * 0.3 : 0;
      const n = out.length + 1;
      const ring = boxRing(x0, y0, x0 + cell + grow, y0 + cell, perEdge);
      if (n === 7) {
        // a bow tie: the valid-geometry rule's finding
        ring.splice(1, 0, [round(x0 + cell), round(y0 + cell)]);
      }
      out.push({
        type: "Feature",
        properties: {
          id: `Z${String(n).padStart(7, "0")}`,
          landuse: CODES[Math.floor(next() * CODES.length)],
          district_code: String(1 + (row % 5)),
        },
        geometry: { type: "Polygon", coordinates: [ring] },
      });
    }
  }
  return out;
}

/** Rice blobs over part of the grid, and a "region" covering most of it (not all: within). */
export function constraints(side: number): { rice: Feature[]; region: Feature[] } {
  const next = random(7);
  const cell = 0.001;
  const rice: Feature[] = [];
  for (let k = 0; k < Math.max(4, side); k++) {
    const x0 = 105.5 + next() * side * cell;
    const y0 = 20.8 + next() * side * cell;
    const w = cell * (0.5 + 3 * next());
    rice.push({
      type: "Feature",
      properties: { id: `R${k + 1}`, landuse: "LUC" },
      geometry: { type: "Polygon", coordinates: [boxRing(x0, y0, x0 + w, y0 + w, 3)] },
    });
  }
  const extent = side * cell;
  const region: Feature[] = [
    {
      type: "Feature",
      properties: { id: "V1" },
      geometry: {
        type: "Polygon",
        coordinates: [boxRing(105.5 + extent * 0.05, 20.8, 105.5 + extent, 20.8 + extent, 2)],
      },
    },
  ];
  return { rice, region };
}

/** The rules: no-overlap (against rice, and the zones against each other), within, validity. */
export function streamingRules() {
  const base = { description: { vi: "Kiểm thử", en: "Test" }, severity: "error" };
  const title = (en: string) => ({ title: { vi: en, en } });
  return {
    version: 1,
    rules: [
      {
        id: "zones-on-rice",
        type: "no-overlap",
        ...title("zones on rice"),
        ...base,
        subject: {
          layer: "city-plan",
          filter: { attribute: "landuse", in: ["ODT", "ONT", "SKK"] },
        },
        constraint: { layer: "rice-protection" },
        toleranceSquareMeters: 1,
      },
      {
        id: "zones-overlap",
        type: "no-overlap",
        ...title("zones overlap"),
        ...base,
        subject: { layer: "city-plan" },
        constraint: { layer: "city-plan" },
        toleranceSquareMeters: 1,
      },
      {
        id: "zones-in-region",
        type: "within",
        ...title("zones in region"),
        ...base,
        subject: { layer: "city-plan", filter: { attribute: "landuse", in: ["ODT"] } },
        constraint: { layer: "flood-corridor" },
        toleranceSquareMeters: 1,
      },
      {
        id: "zones-valid",
        type: "valid-geometry",
        ...title("zones valid"),
        ...base,
        subject: { layer: "city-plan" },
        sliverWidthMeters: 1,
      },
    ],
  };
}

/** Writes features as newline-delimited GeoJSON, a line at a time (large layers too). */
export function writeNdjson(path: string, features: readonly Feature[]): void {
  const fd = openSync(path, "w");
  try {
    for (const f of features) writeSync(fd, `${JSON.stringify(f)}\n`);
  } finally {
    closeSync(fd);
  }
}

/**
 * Writes the layers into `dir` (zones as `city-plan.geojson`, `.ndjson` and `.fgb`; the
 * constraints as GeoJSON) and a catalogue per zone format; returns the catalogue paths.
 */
export function writeStreamingData(
  dir: string,
  side: number,
  formats: readonly ("geojson" | "ndjson" | "fgb")[] = ["geojson", "ndjson", "fgb"],
  perEdge = 8,
): Record<string, string> {
  const city = zones(side, perEdge);
  const { rice, region } = constraints(side);
  const collection = (features: readonly Feature[]) => ({
    type: "FeatureCollection" as const,
    features: [...features],
  });
  writeFileSync(join(dir, "rice-protection.geojson"), JSON.stringify(collection(rice)));
  writeFileSync(join(dir, "flood-corridor.geojson"), JSON.stringify(collection(region)));
  writeFileSync(join(dir, "rules.json"), JSON.stringify(streamingRules()));
  const catalogs: Record<string, string> = {};
  for (const format of formats) {
    const file = join(dir, `city-plan.${format}`);
    if (format === "geojson") writeFileSync(file, JSON.stringify(collection(city)));
    if (format === "ndjson") writeNdjson(file, city);
    if (format === "fgb") writeFileSync(file, writeFlatGeobuf(collection(city)));
    const catalog = benchCatalog() as { layers: { id: string; source: string }[] };
    catalog.layers = catalog.layers.filter((l) => l.id !== "transport-corridors");
    (catalog.layers[0] as { source: string }).source = `city-plan.${format}`;
    catalogs[format] = join(dir, `catalog-${format}.json`);
    writeFileSync(catalogs[format] as string, JSON.stringify(catalog));
  }
  return catalogs;
}

/** What `npm run check --catalog CATALOG --window N` asks to read: every rule, no proposal. */
export function streamedSource(catalog: string, window: number | null = 16): CheckSource {
  return {
    catalog,
    proposal: null,
    crs: null,
    landUseAttribute: null,
    proposalLayer: null,
    rules: null,
    window,
  };
}
