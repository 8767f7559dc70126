import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Feature } from "geojson";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { lazyLayout } from "../../src/core/check/lazy-layer";
import { sqlFunctions } from "../../src/core/check/sql/functions";
import type { Finding } from "../../src/core/check/types";
import { CheckInputError } from "../../src/node/check-error";
import { planInputs, readInputs } from "../../src/node/check-inputs";
import { runCheckInPostgis } from "../../src/node/check-run-postgis";
import { openDatabase } from "../../src/node/postgis/connect";
import { loadLayer, startLayerLoad } from "../../src/node/postgis/load-layers";
import { readLayerFile } from "../../src/node/read-layer";
import { readStreamedLayer } from "../../src/node/streamed-layer";
import { runCheckCli } from "../cli/check-helpers";
import { streamedSource, writeNdjson, writeStreamingData, zones } from "../node/streaming-layers";
import {
  type PostgresCluster,
  postgresInstalled,
  startPostgresCluster,
} from "../support/postgres-cluster";

/*
 * The PostGIS engine streams big layers as the in-process engine does (issue 11): a FlatGeobuf or
 * newline-delimited layer is read by the same reader (`readStreamedLayer`: validated on a first
 * pass that keeps ids and attributes), and its geometries are read again one at a time into the
 * COPY, so the Node process never holds the layer. Before, the engine read every file layer whole
 * (a 1 000 000-zone FlatGeobuf decoded into GeoJSON objects) before copying it.
 */
const CI = ["true", "1"].includes(String(process.env.CI).toLowerCase());

/**
 * Features read from a FlatGeobuf record by record (`RecordLayer.read`, or `geometry`: its geometry
 * alone), by the engine's reader.
 */
const recordReads = vi.hoisted(() => ({ count: 0 }));
vi.mock(import("../../src/io/stream/fgb-records"), async (importOriginal) => {
  const original = await importOriginal();
  return {
    ...original,
    fgbRecords: (...args: Parameters<typeof original.fgbRecords>) => {
      const layer = original.fgbRecords(...args);
      return {
        ...layer,
        read: (index: number, sink: Parameters<typeof layer.read>[1]) => {
          recordReads.count++;
          layer.read(index, sink);
        },
        geometry: (index: number) => {
          recordReads.count++;
          return layer.geometry(index);
        },
      };
    },
  };
});

/** Zones per side of the generated grid: 3 600 zones, ~5 MB of COPY rows (several batches). */
const SIDE = 60;

/** Every column of a working relation, in feature order, as comparable text. */
const ROWS_SQL = (relation: string) =>
  `SELECT idx, fid, props::text AS props, ST_AsEWKT(geom) AS geom, geom_err, bad_count,
     ST_AsEWKT(poly) AS poly, area FROM ${relation} ORDER BY idx`;

describe.skipIf(!postgresInstalled() && !CI)("the PostGIS engine on streamed layers", () => {
  let cluster: PostgresCluster;
  let dir: string;
  let catalogs: Record<string, string>;
  let client: pg.Client;

  beforeAll(async () => {
    cluster = startPostgresCluster({ database: "streamed" });
    dir = mkdtempSync(join(tmpdir(), "plan-layers-pg-stream-"));
    catalogs = writeStreamingData(dir, SIDE, ["fgb"]);
    client = await openDatabase(cluster.urlFor("streamed"));
    // the working relations' loader calls the run's functions (pl_geom)
    for (const statement of sqlFunctions(null)) await client.query(statement);
  }, 120_000);

  afterAll(async () => {
    await client?.end();
    cluster?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("reads a FlatGeobuf layer with the in-process engine's streaming reader", async () => {
    const plan = await planInputs(streamedSource(catalogs.fgb as string));
    // a table reader given: the PostGIS engine's read (which before read every file whole)
    const loaded = await readInputs(plan, () => Promise.reject(new Error("no table here")));
    const city = loaded.input.layers["city-plan"];
    expect(city?.features.length).toBe(SIDE * SIDE);
    expect(lazyLayout(city as never)?.window).toBe(16);
  });

  it("copies a streamed FlatGeobuf layer into the same rows as the layer read whole", async () => {
    const file = join(dir, "city-plan.fgb");
    const whole = await readLayerFile(file, "polygon");
    const streamed = await readStreamedLayer(file, "polygon", { window: 16 });
    expect(streamed && lazyLayout(streamed.collection)).toBeTruthy();
    const use = { raw: true, geography: false };
    const a = await loadLayer(client, "whole", whole.collection.features, use);
    const b = await loadLayer(client, "streamed", streamed?.collection.features ?? [], use);
    const rowsA = (await client.query(ROWS_SQL(a))).rows;
    const rowsB = (await client.query(ROWS_SQL(b))).rows;
    expect(rowsA.length).toBe(SIDE * SIDE);
    expect(rowsB).toEqual(rowsA);
    // the bow tie: read as written, its reason and area as the whole layer's
    expect(rowsA.some((r) => r.poly !== null && r.area > 0)).toBe(true);
  });

  it("sends rows to the server while the file is still being read, never the layer ahead", async () => {
    const file = join(dir, "city-plan.fgb");
    const streamed = await readStreamedLayer(file, "polygon", { window: 16 });
    const features = streamed?.collection.features ?? [];
    let read = 0;
    function* counted(): Generator<Feature> {
      for (const feature of features) {
        read++; // its geometry is read from the file as its row is made, right after
        yield feature;
      }
    }
    // what leaves for the server: the COPY's data messages, each a batch of CSV rows
    type Write = (this: unknown, chunk: unknown, ...rest: unknown[]) => boolean;
    const socket = (client as unknown as { connection: { stream: { write: Write } } }).connection
      .stream;
    const write = socket.write;
    let sent = 0;
    let readAtFirst = -1;
    let ahead = 0;
    socket.write = function (this: unknown, chunk: unknown, ...rest: unknown[]) {
      // a batch of rows: CSV lines, each starting with its feature's index (a digit)
      const first = chunk instanceof Uint8Array ? (chunk[0] ?? 0) : 0;
      if (chunk instanceof Uint8Array && first >= 0x30 && first <= 0x39) {
        const rows = Buffer.from(chunk).toString("utf8").split("\n").length - 1;
        if (rows > 0) {
          if (readAtFirst < 0) readAtFirst = read;
          sent += rows;
          ahead = Math.max(ahead, read - sent);
        }
      }
      return write.call(this, chunk, ...rest);
    };
    try {
      await loadLayer(client, "counted", counted(), { raw: true, geography: false });
    } finally {
      socket.write = write;
    }
    const total = features.length;
    expect(read).toBe(total);
    expect(sent).toBe(total);
    // the first rows left when a small part of the layer had been read…
    expect(readAtFirst).toBeGreaterThan(0);
    expect(readAtFirst).toBeLessThan(total / 4);
    // …and the reader never ran far ahead of the COPY: a few batches of rows are in flight, not the layer
    expect(ahead).toBeLessThan(total / 2);
    const count = await client.query(`SELECT count(*)::int AS n FROM pl_layer_counted`);
    expect(count.rows[0].n).toBe(total);
  });

  it("reads each feature of a streamed layer once: its rows are copied as the first pass validates them", async () => {
    recordReads.count = 0;
    const { result } = await runCheckInPostgis({
      source: streamedSource(catalogs.fgb as string),
      database: cluster.urlFor("streamed"),
      findingGeometry: false,
    });
    expect(result.findings.length).toBeGreaterThan(300);
    // before, the COPY read every geometry from the file again: twice as many. The one more is
    // screening's, the first subject's first vertex (the in-process kernel's grid origin)
    expect(recordReads.count).toBe(SIDE * SIDE + 1);
  });

  it("a layer failing validation after rows were copied leaves no working relation, and names the feature", async () => {
    // more features than a batch of the first pass (4 096): the bad one comes after rows were sent
    const city = zones(70);
    const bad = 4500;
    (city[bad] as Feature).geometry = { type: "Point", coordinates: [105.6, 20.9] };
    writeNdjson(join(dir, "city-plan-bad.ndjson"), city);
    const catalog = JSON.parse(readFileSync(catalogs.fgb as string, "utf8"));
    catalog.layers[0].source = "city-plan-bad.ndjson";
    const badCatalog = join(dir, "catalog-bad.json");
    writeFileSync(badCatalog, JSON.stringify(catalog));
    const plan = await planInputs(streamedSource(badCatalog));
    let copied = 0;
    await client.query("BEGIN");
    try {
      const reading = readInputs(
        plan,
        () => Promise.reject(new Error("no table here")),
        (file) => {
          if (file.id !== "city-plan") return null;
          const load = startLayerLoad(client, file.id, { raw: true, geography: false });
          return {
            add: (features) => {
              copied += features.length;
              return load.add(features);
            },
            finish: async () => void (await load.finish()),
            abandon: () => load.abandon(),
          };
        },
      );
      const error = await reading.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(CheckInputError);
      expect((error as CheckInputError).lines.join("\n")).toMatch(
        new RegExp(`city-plan-bad\\.ndjson.*(feature|đối tượng) ${bad + 1}\\b`),
      );
      expect(copied).toBeGreaterThanOrEqual(4096);
      const left = await client.query(
        `SELECT to_regclass('pg_temp."pl_layer_city-plan"') AS layer, to_regclass('pg_temp."pl_stage_city-plan"') AS stage`,
      );
      expect(left.rows[0]).toEqual({ layer: null, stage: null });
    } finally {
      await client.query("ROLLBACK");
    }
    // the whole command: exit 2, the file and the feature named
    const r = runCheckCli([
      ...["--catalog", badCatalog, "--format", "json", "--out", join(dir, "bad.json")],
      ...["--engine", "postgis", "--database", cluster.urlFor("streamed"), "--window", "16"],
    ]);
    expect(r.status, r.stderr).toBe(2);
    expect(r.stderr).toContain("city-plan-bad.ndjson");
    expect(r.stderr).toMatch(new RegExp(`\\b${bad + 1}\\b`));
  }, 120_000);

  it("gives the findings of the layer read whole, and the in-process engine's ids", () => {
    const run = (catalog: string, out: string, extra: string[]) => {
      const path = join(dir, out);
      const r = runCheckCli([
        ...["--catalog", catalog, "--format", "json", "--out", path, "--workers", "1"],
        ...extra,
      ]);
      expect(r.status, r.stderr).toBe(1);
      return readFileSync(path, "utf8");
    };
    const postgis = ["--engine", "postgis", "--database", cluster.urlFor("streamed")];
    // the same file below STREAM_FROM_BYTES: read whole unless --window asks to stream it
    const whole = run(catalogs.fgb as string, "pg-whole.json", postgis);
    const streamed = run(catalogs.fgb as string, "pg-streamed.json", [
      ...postgis,
      "--window",
      "16",
    ]);
    // byte for byte (not toBe: a difference would print both outputs whole)
    expect(streamed === whole, "the streamed layer's findings differ from the whole layer's").toBe(
      true,
    );
    const ids = (json: string) =>
      (JSON.parse(json) as { findings: Finding[] }).findings.map((f) => f.id).sort();
    const inProcess = run(catalogs.fgb as string, "ours-streamed.json", ["--window", "16"]);
    expect(ids(streamed)).toEqual(ids(inProcess));
    expect(ids(streamed).length).toBeGreaterThan(300);
  }, 240_000);
});
