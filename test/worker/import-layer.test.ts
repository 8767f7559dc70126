import { readFile } from "node:fs/promises";
import { describe, expect, it, vi } from "vitest";
import { unpackCollection } from "../../src/io/packed-collection";
import { DEFAULT_READ_LIMITS } from "../../src/io/read-limits";
import { readSource } from "../../src/io/registry";
import { createImportHandler } from "../../src/worker/import-handler";
import { prepareReport } from "../../src/worker/import-pipeline";
import {
  type FromImportWorker,
  type ImportOverrides,
  type ImportReport,
  NO_OVERRIDES,
} from "../../src/worker/import-protocol";

/**
 * The import dialog's layer chooser (issue 7), through the worker's message loop over the real
 * registry: a file holding several layers reports them, and choosing another reads the file again
 * at that layer (a CRS or attribute change does not).
 */

async function fixture(path: string): Promise<File> {
  const bytes = await readFile(`test/fixtures/io/${path}`);
  return new File([bytes], path.split("/").pop() as string);
}

function importer() {
  const messages: FromImportWorker[] = [];
  const read = vi.fn(readSource);
  const handle = createImportHandler((m) => messages.push(m), {
    limits: DEFAULT_READ_LIMITS,
    read,
    prepare: prepareReport,
  });
  /** Runs job `runId` (read `readId`) and waits for its report. */
  const run = async (
    runId: number,
    readId: number,
    files: File[],
    overrides: ImportOverrides = NO_OVERRIDES,
  ): Promise<ImportReport> => {
    handle({ type: "import", runId, readId, files, overrides, landUseKey: "land_use_code" });
    const answer = await vi.waitFor(() => {
      const last = messages.find((m) => m.runId === runId && m.type !== "progress");
      if (!last) throw new Error(`job ${runId} has not answered`);
      return last;
      // a hang guard, not a speed target: the first GeoPackage starts sql.js's WebAssembly
    }, 30_000);
    if (answer.type !== "report") throw new Error(`expected a report, got ${answer.type}`);
    return answer.report;
  };
  return { run, read };
}

const ids = async (report: ImportReport) =>
  (report.collection ? (await unpackCollection(report.collection)).features : []).map(
    (f) => f.properties?.id,
  );

describe("the import worker: files holding several layers", () => {
  it.each([
    ["a GeoPackage", "gpkg/two-different-layers.gpkg", ["vung_quy_hoach", "khu_dong_anh"]],
    [
      "a zip of two Shapefiles",
      "shapefile/two-different-layers.zip",
      ["zones.shp", "dong-anh.shp"],
    ],
  ])(
    "%s: its layers listed, the first read; another chosen is read again",
    async (_, path, names) => {
      const { run, read } = importer();
      const files = [await fixture(path)];
      const first = await run(1, 1, files);
      expect(first.layers).toEqual({ read: names[0], options: names });
      expect(await ids(first)).toEqual(["Z1", "Z2", "Z3", "Z4", "Z5"]);
      const warning = first.issues.find((i) => i.code === "several-layers");
      expect(warning?.message.en).toContain("choose another in “Layer” above");

      const second = await run(2, 1, files, { ...NO_OVERRIDES, layer: names[1] as string });
      expect(read).toHaveBeenCalledTimes(2);
      expect(read.mock.calls[1]?.[1].layer).toBe(names[1]);
      expect(second.layers).toEqual({ read: names[1], options: names });
      expect(await ids(second)).toEqual(["Z3", "Z4"]);
      expect(second.issues.map((i) => i.code)).not.toContain("several-layers");

      // a CRS chosen for that layer: what was read is kept
      const crs = { id: "EPSG:4326", axis: "xy" as const };
      const third = await run(3, 1, files, {
        crs,
        landUseAttribute: null,
        layer: names[1] as string,
      });
      expect(read).toHaveBeenCalledTimes(2);
      expect(await ids(third)).toEqual(["Z3", "Z4"]);
    },
  );

  it("a file of one layer offers no choice", async () => {
    const { run } = importer();
    expect((await run(1, 1, [await fixture("shapefile/zones-wgs84.zip")])).layers).toBeNull();
    expect((await run(2, 2, [await fixture("fgb/zones-wgs84.fgb")])).layers).toBeNull();
  });

  it("a layer the file lacks: nothing read, the layers still offered", async () => {
    const { run } = importer();
    const files = [await fixture("gpkg/two-different-layers.gpkg")];
    const report = await run(1, 1, files, { ...NO_OVERRIDES, layer: "khong_co" });
    expect(report.collection).toBeNull();
    expect(report.layers).toEqual({ read: null, options: ["vung_quy_hoach", "khu_dong_anh"] });
    expect(report.issues[0]).toMatchObject({ code: "several-layers", severity: "error" });
  });
});
