import type { FeatureCollection } from "geojson";
import { describe, expect, it } from "vitest";
import { FgbFormatError } from "../../src/io/fgb-error";
import { readFlatGeobuf } from "../../src/io/fgb-reader";
import { writeFlatGeobuf } from "../../src/io/fgb-writer";
import { find, patched, zoning } from "./bad-fgb";

/*
 * What is wrong inside a corrupt feature is said in both languages: the Vietnamese message used to
 * carry the English detail, and a JSON property that is not JSON said only V8's own words.
 */

async function refusal(bytes: Uint8Array): Promise<{ vi: string; en: string }> {
  try {
    await readFlatGeobuf(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(FgbFormatError);
    return (error as FgbFormatError).problem;
  }
  throw new Error("expected the file to be refused");
}

describe("a corrupt feature's detail, in both languages", () => {
  it("a property running past the feature", async () => {
    const good = writeFlatGeobuf(zoning);
    const at = find(good, "ODT");
    const { vi, en } = await refusal(patched(good, at - 4, [0xff, 0xff, 0x00, 0x00]));
    expect(en).toMatch(/is corrupt \(a property value runs past the feature's end\)$/);
    expect(vi).toMatch(/bị hỏng \(một giá trị thuộc tính vượt quá cuối đối tượng\)$/);
  });

  it("a JSON property that is not JSON", async () => {
    const withJson: FeatureCollection = {
      type: "FeatureCollection",
      features: [
        {
          type: "Feature",
          id: "Z1",
          properties: { extra: { note: "abc" } },
          geometry: { type: "Point", coordinates: [105.8, 21] },
        },
      ],
    };
    const good = writeFlatGeobuf(withJson);
    expect((await readFlatGeobuf(good)).features[0]?.properties).toEqual({
      extra: { note: "abc" },
    });
    const bad = patched(good, find(good, '"abc"}'), [0x78]); // the opening quote of "abc" made x
    const { vi, en } = await refusal(bad);
    expect(en).toMatch(/is corrupt \(the value of column "extra" is not valid JSON\)$/);
    expect(vi).toMatch(/bị hỏng \(giá trị của cột "extra" không phải JSON hợp lệ\)$/);
  });
});
