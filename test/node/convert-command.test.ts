import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { crsStep } from "../../src/core/proposal/crs-step";
import { toWgs84 } from "../../src/core/proposal/layer-from-read";
import { writeFlatGeobuf } from "../../src/io/fgb-writer";
import { CheckInputError } from "../../src/node/check-error";
import { runConvertCommand } from "../../src/node/convert-command";
import { IO_FIXTURES, readFixture } from "../io/read-fixtures";

/*
 * `npm run convert`: any readable layer to WGS84 FlatGeobuf, the same bytes whether the input was
 * read whole (GeoJSON) or streamed (FlatGeobuf, newline-delimited GeoJSON).
 */
const dir = mkdtempSync(join(tmpdir(), "plan-layers-convert-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function convert(input: string, out: string) {
  const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
  try {
    return await runConvertCommand([join(IO_FIXTURES, input), join(dir, out)]);
  } finally {
    quiet.mockRestore();
  }
}

/** What the registry and the CRS step make of a fixture, written by the in-memory writer. */
async function expected(input: string, name: string) {
  const read = await readFixture([input]);
  const step = crsStep(read);
  if (!step.ok) throw new Error("no CRS");
  return writeFlatGeobuf(toWgs84(read, step.choice), { name });
}

describe("npm run convert", () => {
  it("writes VN-2000 GeoJSON (read whole) as WGS84 FlatGeobuf", async () => {
    expect(await convert("geojson/zones-vn2000.geojson", "a.fgb")).toBe(0);
    const bytes = new Uint8Array(readFileSync(join(dir, "a.fgb")));
    expect(bytes).toEqual(await expected("geojson/zones-vn2000.geojson", "a"));
  });

  it("streams a VN-2000 FlatGeobuf and newline-delimited GeoJSON to the same bytes", async () => {
    expect(await convert("fgb/zones-vn2000.fgb", "b.fgb")).toBe(0);
    const bytes = new Uint8Array(readFileSync(join(dir, "b.fgb")));
    expect(bytes).toEqual(await expected("fgb/zones-vn2000.fgb", "b"));
    expect(await convert("geojson/zones.ndjson", "c.fgb")).toBe(0);
    const lines = new Uint8Array(readFileSync(join(dir, "c.fgb")));
    expect(lines).toEqual(await expected("geojson/zones.ndjson", "c"));
  });

  it("refuses an output that is not .fgb", async () => {
    await expect(convert("geojson/zones.ndjson", "d.geojson")).rejects.toThrow(CheckInputError);
  });
});
