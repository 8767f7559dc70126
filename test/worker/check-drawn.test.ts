import type { Feature } from "geojson";
import { describe, expect, it } from "vitest";
import {
  joinPacked,
  type PackedLayer,
  packCollection,
  unpackCollection,
} from "../../src/io/packed-collection";
import {
  findingsCollection,
  findingsMapData,
  PACKED_FINDINGS_FROM,
  packedFindings,
} from "../../src/map/check-layers";
import { createCheckHandler } from "../../src/worker/check-handler";
import { checkMessages } from "../../src/worker/check-parts";
import type { FromCheckWorker, ToCheckWorker } from "../../src/worker/check-protocol";
import { CheckRunner } from "../../src/worker/check-runner";
import { finding } from "../state/check-finding";
import { checkFixture } from "./check-fixture";
import { inProcessWorkers } from "./in-process-workers";

const square = (x: number): Feature => ({
  type: "Feature",
  properties: { id: `f${x}` },
  geometry: {
    type: "Polygon",
    coordinates: [
      [
        [x, 0],
        [x + 1, 0],
        [x + 1, 1],
        [x, 0],
      ],
    ],
  },
});

const packed = (features: Feature[]): PackedLayer => {
  const { blob, count, span } = packCollection({ type: "FeatureCollection", features });
  return { kind: "packed", blob, count, span };
};

const byId = (features: Feature[]) =>
  [...features].sort((a, b) =>
    String(a.properties?.id).localeCompare(String(b.properties?.id), "en"),
  );

// Issue 7: a proposal's 20 000 findings reached the map as a GeoJSON `setData`, which the page
// cloned feature by feature to MapLibre's worker (over a second on the page's thread). Each check
// worker now packs its findings' parts for the map, and the page joins the packed layers without
// reading them, for the tile worker that draws large layers.
describe("packed layers joined", () => {
  it("holds every layer's features in order, skipping empty ones, without reading them", async () => {
    const joined = joinPacked([
      packed([square(0), square(1)]),
      packed([]),
      packed([square(2)]),
      // a Vietnamese name: the slice is by bytes, the head and tail are ASCII
      packed([{ ...square(3), properties: { id: "f3", name: "Khu đô thị Đông Anh" } }]),
    ]);
    expect(joined.count).toBe(4);
    const back = await unpackCollection(joined);
    expect(back.features).toEqual([
      square(0),
      square(1),
      square(2),
      { ...square(3), properties: { id: "f3", name: "Khu đô thị Đông Anh" } },
    ]);
  });

  it("of none, or of empty layers only, is an empty collection", async () => {
    for (const layers of [[], [packed([]), packed([])]]) {
      const joined = joinPacked(layers);
      expect(joined.count).toBe(0);
      expect(await unpackCollection(joined)).toEqual({ type: "FeatureCollection", features: [] });
    }
  });
});

describe("a check run's findings for the map", () => {
  it("come from the workers packed: the same features as the findings drawn on the page", async () => {
    const { data, rules } = checkFixture();
    const { factory } = inProcessWorkers<ToCheckWorker, FromCheckWorker>((post) =>
      createCheckHandler((message) => {
        for (const part of checkMessages(message)) post(part);
      }),
    );
    const runner = new CheckRunner(factory, 2);
    const outcome = await runner.run(data, rules, () => {});
    runner.dispose();
    if (outcome.status !== "done") throw new Error(`run ${outcome.status}`);
    expect(outcome.drawn).not.toBeNull();
    const drawn = outcome.drawn as PackedLayer;
    const expected = findingsCollection(outcome.result.findings).features;
    expect(expected.length).toBeGreaterThan(0);
    expect(drawn.count).toBe(expected.length);
    // each worker's features in its own order: the same set
    expect(byId((await unpackCollection(drawn)).features)).toEqual(byId(expected));
  });

  it("a worker's packed findings are its drawable ones, tagged with id and severity", async () => {
    const findings = [
      finding({ id: "a", severity: "warning" }),
      finding({ id: "b", geometry: null }),
    ];
    const back = await unpackCollection(packedFindings(findings));
    expect(back).toEqual(findingsCollection(findings));
  });

  it("draws a large run from its packed parts, a small one (or one without them) as a collection", () => {
    const many = Array.from({ length: PACKED_FINDINGS_FROM + 1 }, (_, i) =>
      finding({ id: `f${i}` }),
    );
    const few = many.slice(0, PACKED_FINDINGS_FROM);
    const drawn = packed([square(0)]);
    expect(findingsMapData(many, drawn)).toBe(drawn);
    expect(findingsMapData(few, drawn)).toEqual(findingsCollection(few));
    expect(findingsMapData(many, null)).toEqual(findingsCollection(many));
  });
});
