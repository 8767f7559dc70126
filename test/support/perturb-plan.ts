import type { Feature, FeatureCollection, Position } from "geojson";
import { createClipperKernel } from "../../src/core/check/kernel";
import { polygonsOf } from "../../src/core/check/prepared-geometry";
import type { Polygons } from "../../src/core/check/types";
import { seededRandom } from "./seeded-random";

/** How to turn a plan into a "proposal": shares of zones, counts, the seed. */
export type Perturbation = {
  attribute: string;
  seed?: number;
  /** Share of zones given another code. */
  codes?: number;
  /** Share of distinct vertices moved (by up to `moveMeters`), in every zone that has them. */
  vertices?: number;
  moveMeters?: number;
  /** Share of zones deleted. */
  deleted?: number;
  /** Share of zones split in two halves (west and east of their middle), the east with a new code. */
  split?: number;
  /** New square zones east of the plan, where the current plan has none. */
  added?: number;
  /** Rounds every coordinate to this many decimals (a round trip through another format). */
  roundTo?: number;
};

const CODES = ["ODT", "ONT", "TMD", "SKC", "LUC", "CLN", "DGT", "DVH", "RPH", "NTS"];
const key = (p: Position) => `${p[0]},${p[1]}`;

/**
 * A deterministic "proposal" from a plan, for comparison tests and benchmarks: codes changed,
 * shared vertices moved (every zone holding a vertex moves it alike, so a tiling stays a tiling and
 * boundaries between zones move), zones deleted, split and added. What changed is returned too.
 */
export function perturbPlan(
  plan: FeatureCollection,
  options: Perturbation,
): { proposal: FeatureCollection; changed: { codes: number; moved: number; deleted: number } } {
  const random = seededRandom(options.seed ?? 7);
  const moved = new Map<string, Position>();
  const metres = options.moveMeters ?? 15;
  const round =
    options.roundTo === undefined
      ? (v: number) => v
      : (v: number) => Number(v.toFixed(options.roundTo as number));
  // decide moved vertices first, by their position, so neighbours agree
  for (const f of plan.features) {
    for (const part of polygonsOf(f.geometry)) {
      for (const ring of part) {
        for (const p of ring) {
          const k = key(p);
          if (moved.has(k) || random() >= (options.vertices ?? 0)) continue;
          const dx = ((random() * 2 - 1) * metres) / 104_000;
          const dy = ((random() * 2 - 1) * metres) / 110_700;
          moved.set(k, [(p[0] as number) + dx, (p[1] as number) + dy]);
        }
      }
    }
  }
  const movePolygons = (polygons: Polygons): Polygons =>
    polygons.map((part) =>
      part.map((ring) =>
        ring.map((p) => {
          const q = moved.get(key(p)) ?? p;
          return [round(q[0] as number), round(q[1] as number)];
        }),
      ),
    );
  const kernel = createClipperKernel();
  const features: Feature[] = [];
  let codes = 0;
  let deleted = 0;
  plan.features.forEach((f, i) => {
    if (random() < (options.deleted ?? 0)) {
      deleted++;
      return;
    }
    const properties = { ...(f.properties ?? {}) };
    if (random() < (options.codes ?? 0)) {
      const old = properties[options.attribute];
      properties[options.attribute] = CODES.find((c) => c !== old && random() < 0.3) ?? "DGT";
      codes++;
    }
    const polygons = movePolygons(polygonsOf(f.geometry));
    const id = f.id ?? properties.id ?? i;
    if (random() < (options.split ?? 0)) {
      const xs = polygons.flatMap((part) =>
        part.flatMap((ring) => ring.map((p) => p[0] as number)),
      );
      const ys = polygons.flatMap((part) =>
        part.flatMap((ring) => ring.map((p) => p[1] as number)),
      );
      const x0 = Math.min(...xs) - 1;
      const x1 = Math.max(...xs) + 1;
      const y0 = Math.min(...ys) - 1;
      const y1 = Math.max(...ys) + 1;
      const mid = (Math.min(...xs) + Math.max(...xs)) / 2;
      const box = (a: number, b: number): Polygons => [
        [
          [
            [a, y0],
            [b, y0],
            [b, y1],
            [a, y1],
            [a, y0],
          ],
        ],
      ];
      const west = kernel.intersection(polygons, box(x0, mid));
      const east = kernel.intersection(polygons, box(mid, x1));
      const other = CODES.find((c) => c !== properties[options.attribute]) as string;
      features.push(zone(`${id}-w`, properties, west));
      features.push(zone(`${id}-e`, { ...properties, [options.attribute]: other }, east));
      return;
    }
    features.push(zone(id, properties, polygons));
  });
  // new zones east of the plan: where the current plan has no zone
  let east = Number.NEGATIVE_INFINITY;
  let south = Number.POSITIVE_INFINITY;
  for (const f of plan.features)
    for (const part of polygonsOf(f.geometry))
      for (const p of part[0] ?? []) {
        east = Math.max(east, p[0] as number);
        south = Math.min(south, p[1] as number);
      }
  for (let k = 0; k < (options.added ?? 0); k++) {
    const x = east + 0.01 + (k % 10) * 0.01;
    const y = south + Math.floor(k / 10) * 0.01;
    const square: Polygons = [
      [
        [
          [x, y],
          [x + 0.005, y],
          [x + 0.005, y + 0.005],
          [x, y + 0.005],
          [x, y],
        ],
      ],
    ];
    features.push(zone(`new-${k}`, { [options.attribute]: "TMD" }, square));
  }
  return {
    proposal: { type: "FeatureCollection", features },
    changed: { codes, moved: moved.size, deleted },
  };
}

function zone(id: string | number, properties: Record<string, unknown>, polygons: Polygons) {
  const geometry =
    polygons.length === 1
      ? { type: "Polygon" as const, coordinates: polygons[0] as Position[][] }
      : { type: "MultiPolygon" as const, coordinates: polygons };
  return { type: "Feature" as const, id, properties: { ...properties, id }, geometry };
}
