import { readFile } from "node:fs/promises";
import { describe, expect, it, vi } from "vitest";
import type { ReadResult } from "../../src/io/format-types";
import { unpackCollection } from "../../src/io/packed-collection";
import { DEFAULT_READ_LIMITS } from "../../src/io/read-limits";
import { readSource } from "../../src/io/registry";
import { createImportHandler, type ImportPipeline } from "../../src/worker/import-handler";
import { prepareReport } from "../../src/worker/import-pipeline";
import {
  type FromImportWorker,
  type ImportReport,
  NO_OVERRIDES,
  type ToImportWorker,
} from "../../src/worker/import-protocol";

const FIXTURES = "test/fixtures/io";

async function file(path: string): Promise<File> {
  return new File([await readFile(`${FIXTURES}/${path}`)], path.split("/").pop() as string);
}

/** The handler over the real registry and pipeline, with the read counted and messages recorded. */
function handler(pipeline: Partial<ImportPipeline> = {}) {
  const messages: FromImportWorker[] = [];
  const read = vi.fn(readSource);
  const handle = createImportHandler((m) => messages.push(m), {
    limits: DEFAULT_READ_LIMITS,
    read,
    prepare: prepareReport,
    ...pipeline,
  });
  /** Sends a message and waits until the job has answered (report, cancelled or error). */
  const settled = (runId: number) =>
    vi.waitFor(() => {
      const last = messages.find((m) => m.runId === runId && m.type !== "progress");
      if (!last) throw new Error(`job ${runId} has not answered`);
      return last;
    });
  return { messages, read, handle, settled };
}

const importMessage = (
  runId: number,
  readId: number,
  files: File[],
  overrides = NO_OVERRIDES,
): ToImportWorker => ({
  type: "import",
  runId,
  readId,
  files,
  overrides,
  landUseKey: "land_use_code",
});

const reportOf = (message: FromImportWorker): ImportReport => {
  if (message.type !== "report") throw new Error(`expected a report, got ${message.type}`);
  return message.report;
};

describe("the import worker's message loop", () => {
  it("reads a VN-2000 GeoJSON and reports the CRS used and why, the attribute and valid features", async () => {
    const { handle, settled, messages } = handler();
    handle(importMessage(1, 1, [await file("geojson/zones-vn2000.geojson")]));
    const report = reportOf(await settled(1));
    expect(report.format?.id).toBe("geojson");
    expect(report.crs?.used?.id).toBe("EPSG:5897");
    expect(report.crs?.confidence).toBe("inferred");
    expect(report.crs?.reason.vi).toContain("VN-2000");
    expect(report.crs?.options.map((o) => o.id)).toContain("EPSG:9210");
    expect(report.landUse).toMatchObject({ attribute: "ma_dat", matched: 5, total: 5 });
    const valid = report.collection && (await unpackCollection(report.collection));
    expect(valid?.features).toHaveLength(5);
    expect(report.bbox?.[0]).toBeCloseTo(105.8, 3);
    // WGS84 now, and the code under the catalogue's name
    const polygon = valid?.features[0]?.geometry as GeoJSON.Polygon;
    const [lon, lat] = (polygon.coordinates[0] as GeoJSON.Position[])[0] as number[];
    expect(lon).toBeCloseTo(105.8, 4);
    expect(lat).toBeCloseTo(21.0, 4);
    expect(valid?.features[0]?.properties?.land_use_code).toBe("ODT");
    expect(messages.some((m) => m.type === "progress" && m.stage === "prepare")).toBe(true);
  });

  it("applies a CRS override to what it read, without reading the file again", async () => {
    const { handle, settled, read } = handler();
    const files = [await file("geojson/zones-vn2000.geojson")];
    handle(importMessage(1, 7, files));
    await settled(1);
    handle(
      importMessage(2, 7, files, { crs: { id: "EPSG:3405", axis: "xy" }, landUseAttribute: null }),
    );
    const report = reportOf(await settled(2));
    expect(read).toHaveBeenCalledTimes(1);
    expect(report.crs?.used?.id).toBe("EPSG:3405");
    expect(report.crs?.confidence).toBe("chosen");
    // a new read id reads again
    handle(importMessage(3, 8, files));
    await settled(3);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it("applies a land-use attribute override", async () => {
    const { handle, settled } = handler();
    const files = [await file("geojson/zones-vn2000.geojson")];
    handle(importMessage(1, 1, files, { crs: null, landUseAttribute: "ten" }));
    const report = reportOf(await settled(1));
    expect(report.landUse?.attribute).toBe("ten");
    expect(report.collection).toBeNull();
    expect(report.issues.some((i) => i.code === "unknown-land-use-code")).toBe(true);
  });

  it("refuses a file over the size limit before reading its bytes", async () => {
    const huge = new File(["{}"], "lon.geojson");
    Object.defineProperty(huge, "size", { value: DEFAULT_READ_LIMITS.maxBytes + 1 });
    const arrayBuffer = vi.spyOn(huge, "arrayBuffer");
    const { handle, settled, read } = handler();
    handle(importMessage(1, 1, [huge]));
    const report = reportOf(await settled(1));
    expect(arrayBuffer).not.toHaveBeenCalled();
    expect(read).not.toHaveBeenCalled();
    expect(report.collection).toBeNull();
    expect(report.issues.map((i) => i.code)).toEqual(["too-large"]);
    expect(report.issues[0]?.file).toBe("lon.geojson");
  });

  it("reports a bad file (TopoJSON) with its problem and nothing to load", async () => {
    const { handle, settled } = handler();
    handle(importMessage(1, 1, [await file("geojson/zones.topojson")]));
    const report = reportOf(await settled(1));
    expect(report.collection).toBeNull();
    expect(report.crs).toBeNull();
    expect(report.issues.map((i) => i.code)).toContain("not-geojson");
  });

  it("cancel stops a job: it answers cancelled and never reports", async () => {
    let release: () => void = () => {};
    const read = vi.fn(
      (_files: unknown, options: { signal?: AbortSignal }) =>
        new Promise<ReadResult>((_, reject) => {
          release = () => reject(options.signal?.reason);
          options.signal?.addEventListener("abort", () => release());
        }),
    );
    const { handle, settled, messages } = handler({ read });
    handle(importMessage(1, 1, [await file("geojson/zones-vn2000.geojson")]));
    await vi.waitFor(() => expect(read).toHaveBeenCalled());
    handle({ type: "cancel", runId: 1 });
    expect((await settled(1)).type).toBe("cancelled");
    expect(messages.some((m) => m.type === "report")).toBe(false);
  });

  it("a new job stops the one in progress", async () => {
    let calls = 0;
    const read = vi.fn(
      (files: Parameters<typeof readSource>[0], options: Parameters<typeof readSource>[1]) => {
        calls++;
        if (calls > 1) return readSource(files, options);
        return new Promise<ReadResult>((_, reject) =>
          options.signal?.addEventListener("abort", () => reject(options.signal?.reason)),
        );
      },
    );
    const { handle, settled } = handler({ read });
    const files = [await file("geojson/zones-vn2000.geojson")];
    handle(importMessage(1, 1, files));
    await vi.waitFor(() => expect(read).toHaveBeenCalled());
    handle(importMessage(2, 2, files));
    expect((await settled(1)).type).toBe("cancelled");
    expect((await settled(2)).type).toBe("report");
  });
});
