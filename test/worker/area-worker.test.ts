import type { MultiPolygon, Polygon } from "geojson";
import { describe, expect, it } from "vitest";
import { ellipsoidalArea } from "../../src/core/check/ellipsoidal-area";
import { packGeometries } from "../../src/core/check/geometry-pack";
import type { Finding } from "../../src/core/check/index";
import { headlineArea, headlineAreaBy } from "../../src/state/triage-area";
import { AreaClient, CHUNK_FINDINGS } from "../../src/worker/area-client";
import { createAreaHandler } from "../../src/worker/area-handler";
import type { FromAreaWorker, ToAreaWorker } from "../../src/worker/area-protocol";
import { finding } from "../state/check-finding";
import { inProcessWorkers } from "./in-process-workers";

const square = (x0: number, x1: number, y0 = 21): Polygon => ({
  type: "Polygon",
  coordinates: [
    [
      [x0, y0],
      [x1, y0],
      [x1, y0 + 0.01],
      [x0, y0 + 0.01],
      [x0, y0],
    ],
  ],
});
const areaOf = (g: Polygon) => ellipsoidalArea([g.coordinates]);
const withArea = (f: Finding): Finding =>
  f.geometry?.type === "Polygon" ? { ...f, areaSquareMeters: areaOf(f.geometry) } : f;

/** Two overlapping rice conflicts, a MultiPolygon one, a warning of another rule, a quota. */
const twoParts: MultiPolygon = {
  type: "MultiPolygon",
  coordinates: [square(105.9, 105.91).coordinates, square(105.95, 105.96).coordinates],
};
const RUN: Finding[] = [
  withArea(finding({ id: "a", geometry: square(105.8, 105.81) })),
  withArea(finding({ id: "b", geometry: square(105.805, 105.8155) })),
  {
    ...finding({ id: "m", geometry: twoParts }),
    areaSquareMeters: 2 * areaOf(square(105.9, 105.91)),
  },
  withArea(
    finding({ id: "d", rule: "green", severity: "warning", geometry: square(105.8, 105.81) }),
  ),
  finding({
    id: "e",
    rule: "quota",
    ruleType: "quota",
    geometry: null,
    areaSquareMeters: null,
    shareOfSubject: null,
  }),
];

/** The rice findings a and b overlap: their union spans 105.8 … 105.8155. */
const RICE_AB = areaOf(square(105.8, 105.8155));

describe("the area worker's handler", () => {
  it("answers a union of findings by position with the area of their union", () => {
    const replies: FromAreaWorker[] = [];
    const handle = createAreaHandler((m) => replies.push(m));
    const pack = packGeometries(RUN as never, (n) => new ArrayBuffer(n));
    handle({ type: "findings", set: 1, start: 0, pack });
    handle({ type: "unite", requestId: 7, set: 1, members: Uint32Array.from([0, 1]) });
    handle({ type: "unite", requestId: 8, set: 1, members: Uint32Array.from([0, 1, 2]) });
    expect(replies.map((r) => r.requestId)).toEqual([7, 8]);
    const [ab, abm] = replies as Extract<FromAreaWorker, { type: "united" }>[];
    expect(ab?.type).toBe("united");
    expect(Math.abs((ab?.squareMeters ?? 0) / RICE_AB - 1)).toBeLessThan(1e-6);
    const m = RUN[2]?.areaSquareMeters ?? 0;
    expect(Math.abs((abm?.squareMeters ?? 0) / (RICE_AB + m) - 1)).toBeLessThan(1e-6);
  });

  it("says so, and unites nothing, for a set it does not hold or a finding without polygons", () => {
    const replies: FromAreaWorker[] = [];
    const handle = createAreaHandler((m) => replies.push(m));
    handle({
      type: "findings",
      set: 2,
      start: 0,
      pack: packGeometries(RUN as never, (n) => new ArrayBuffer(n)),
    });
    handle({ type: "unite", requestId: 1, set: 1, members: Uint32Array.from([0]) });
    handle({ type: "unite", requestId: 2, set: 2, members: Uint32Array.from([4]) });
    expect(replies.map((r) => r.type)).toEqual(["error", "error"]);
  });
});

/** An area client over the real handler, run in this thread with messages cloned a task later. */
function client() {
  const workers = inProcessWorkers<ToAreaWorker, FromAreaWorker>((post) => createAreaHandler(post));
  return { client: new AreaClient(workers.factory), workers };
}

describe("the headline area, united on the area worker", () => {
  it("gives headlineArea's numbers; the run's geometries cross once, then only positions", async () => {
    const { client: areas, workers } = client();
    const uniter = areas.uniterFor(RUN);
    expect(await headlineAreaBy(RUN, uniter)).toEqual(headlineArea(RUN));
    // another filter: the rice findings a and m only
    const some = [RUN[2], RUN[0]] as Finding[];
    expect(await headlineAreaBy(some, uniter)).toEqual(headlineArea(some));
    const sent = workers.started.flatMap((w) => w.sent);
    expect(workers.started).toHaveLength(1);
    expect(sent.filter((m) => m.type === "findings")).toHaveLength(1);
    const unites = sent.filter((m) => m.type === "unite");
    // rice (a, b, m), green (d), then rice (m, a): positions in the run
    expect(unites.map((m) => [...m.members])).toEqual([[0, 1, 2], [3], [2, 0]]);
    // the same members again, in another order: the cache answers, nothing is sent
    await headlineAreaBy([RUN[0], RUN[2]] as Finding[], uniter);
    expect(workers.started[0]?.sent.filter((m) => m.type === "unite")).toHaveLength(3);
  });

  it("sends a large run in chunks, each a message of its own, and finds members across them", async () => {
    const run = Array.from({ length: CHUNK_FINDINGS + 2 }, (_, i) =>
      withArea(finding({ id: `f${i}`, geometry: square(105 + i * 0.02, 105.01 + i * 0.02) })),
    );
    const { client: areas, workers } = client();
    const members = [run[0], run[CHUNK_FINDINGS - 1], run[CHUNK_FINDINGS + 1]] as Finding[];
    const head = await headlineAreaBy(members, areas.uniterFor(run));
    const chunks = workers.started[0]?.sent.filter((m) => m.type === "findings") ?? [];
    expect(chunks.map((m) => (m.type === "findings" ? m.start : -1))).toEqual([0, CHUNK_FINDINGS]);
    expect(head.unionSquareMeters).toBeCloseTo(headlineArea(members).unionSquareMeters, 3);
  });

  it("stops waiting when the filter changes (aborted), and rejects when the worker fails", async () => {
    const { client: areas } = client();
    const controller = new AbortController();
    const pending = headlineAreaBy(RUN, areas.uniterFor(RUN), { signal: controller.signal });
    controller.abort(new Error("filter changed"));
    await expect(pending).rejects.toThrow("filter changed");

    const broken = new AreaClient((_onMessage, onFailure) => {
      setTimeout(() => onFailure("area worker failed to start"), 0);
      return { post: () => {}, terminate: () => {} };
    });
    await expect(headlineAreaBy(RUN, broken.uniterFor(RUN))).rejects.toThrow(
      "area worker failed to start",
    );
  });
});
