import type { FeatureCollection } from "geojson";
import { afterEach, describe, expect, it, vi } from "vitest";
import { loadFeatureCollection } from "../../src/app/load-layer-file";
import { loadJson, toLoadFailure } from "../../src/app/load-source";
import { writeFlatGeobuf } from "../../src/io/fgb-writer";
import { badFiles, zoning } from "../io/bad-fgb";
import { PROJECTED_SQUARE } from "../support/projected-polygon";

/** Answers each URL's path with its body; anything else is a 404. */
function serve(files: Record<string, Uint8Array | string>) {
  vi.stubGlobal(
    "fetch",
    vi.fn(async (url: URL) => {
      const body = files[url.pathname.split("/").pop() ?? ""];
      if (body === undefined) return new Response("nope", { status: 404 });
      const bytes = typeof body === "string" ? new TextEncoder().encode(body) : body;
      return new Response(bytes.slice().buffer);
    }),
  );
}

const url = (name: string) => new URL(name, "http://127.0.0.1/layers/catalog.json");

async function failure(name: string, kind: "polygon" | "line" = "polygon") {
  try {
    await loadFeatureCollection(url(name), name, kind);
  } catch (error) {
    return toLoadFailure(error, name);
  }
  throw new Error(`expected ${name} to fail`);
}

const withFeatures = (edit: (features: Record<string, unknown>[]) => void) => {
  const copy = structuredClone(zoning) as unknown as { features: Record<string, unknown>[] };
  edit(copy.features);
  return JSON.stringify(copy);
};

afterEach(() => {
  vi.unstubAllGlobals();
});

// The page froze on the first two (flatgeobuf's tree-size loop) and showed an empty layer for the
// third; the others were drawn and checked as if nothing were wrong.
describe("loadFeatureCollection on bad layer files: the reason and a message in both languages", () => {
  it("refuses broken FlatGeobuf files instead of freezing or showing an empty layer", async () => {
    serve(badFiles());
    const expected: Record<string, RegExp> = {
      "zero-count.fgb": /0 features \(count unknown\) yet declares a spatial index/,
      "cut-40.fgb": /only 28 bytes follow: the file is cut short/,
      "huge-count.fgb": /1099511627776 \(2\^40\) features but .* room for at most/,
      "cut-feature.fgb": /feature 3\/3 needs .* cut short/,
      "cut-index.fgb": /cut short/,
    };
    for (const [name, pattern] of Object.entries(expected)) {
      const f = await failure(name);
      expect(f, name).toMatchObject({ file: name, reason: "fgb" });
      expect(f.detail).toMatch(pattern);
      expect(f.message?.vi).toMatch(/tệp bị (cắt cụt|hỏng)/);
    }
  });

  it("names the line and column of bad UTF-8 and of a JSON syntax error", async () => {
    const text = JSON.stringify(zoning);
    const bytes = new TextEncoder().encode(text);
    bytes[text.indexOf('"ODT"') + 3] = 0xff;
    serve({
      "utf8.geojson": bytes,
      "syntax.geojson": '{"type": "FeatureCollection", "features": [,]}',
    });
    expect(await failure("utf8.geojson")).toMatchObject({
      reason: "utf8",
      detail: expect.stringMatching(/^is not valid UTF-8 text: 0xFF at line 1, column \d+/),
    });
    const syntax = await failure("syntax.geojson");
    expect(syntax).toMatchObject({ reason: "json" });
    expect(syntax.message?.en).toContain(
      'at line 1, column 44: found "," where a JSON value was expected',
    );
    expect(syntax.message?.vi).toContain("ở dòng 1, cột 44");
  });

  it("refuses what the CLI refuses: ids, geometry kind, coordinates, the antimeridian", async () => {
    serve({
      "dup.geojson": withFeatures((f) => {
        (f[2] as { id: string }).id = "Z1";
      }),
      "object-id.geojson": withFeatures((f) => {
        (f[0] as { id: unknown }).id = { a: 1 };
      }),
      "metres.geojson": withFeatures((f) => {
        (f[1] as { geometry: unknown }).geometry = PROJECTED_SQUARE;
      }),
      "pacific.geojson": withFeatures((f) => {
        (f[0] as { geometry: unknown }).geometry = {
          type: "Polygon",
          coordinates: [
            [
              [179, 0],
              [-179, 0],
              [-179, 1],
              [179, 0],
            ],
          ],
        };
      }),
    });
    const dup = await failure("dup.geojson");
    expect(dup).toMatchObject({ reason: "id" });
    expect(dup.message?.en).toBe(
      'features[2] (id "Z1"; name "Khu đô thị Gia Lâm"): id "Z1" is also the id of features[0] (id "Z1"; name "Khu đô thị Tây Hồ"); each feature needs an id of its own',
    );
    expect(await failure("object-id.geojson")).toMatchObject({ reason: "id" });
    expect(await failure("metres.geojson")).toMatchObject({ reason: "coordinates" });
    expect(await failure("pacific.geojson")).toMatchObject({ reason: "antimeridian" });
    // a polygon layer given to a line layer: the catalogue's kind decides
    const wrongKind = await failure("dup.geojson", "line");
    expect(wrongKind).toMatchObject({ reason: "geometry" });
    expect(wrongKind.message?.en).toContain("(and 3 more)");
  });

  it("loads the good layers while a bad one fails", async () => {
    serve({ "good.fgb": writeFlatGeobuf(zoning), ...badFiles() });
    const [good, bad] = await Promise.allSettled([
      loadFeatureCollection(url("good.fgb"), "good.fgb", "polygon"),
      loadFeatureCollection(url("zero-count.fgb"), "zero-count.fgb", "polygon"),
    ]);
    expect(good.status === "fulfilled" && (good.value as FeatureCollection).features).toHaveLength(
      3,
    );
    expect(bad.status).toBe("rejected");
  });

  it("reads catalogue JSON through the same decoder", async () => {
    serve({ "catalog.json": new Uint8Array([0x7b, 0xc3, 0x7d]) });
    const f = await loadJson(url("catalog.json"), "catalog.json").catch((e) =>
      toLoadFailure(e, "x"),
    );
    expect(f).toMatchObject({ file: "catalog.json", reason: "utf8" });
  });
});
