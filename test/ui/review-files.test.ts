import { describe, expect, it } from "vitest";
import { downloadName, findingsWithFlagsBlob, reviewBlob } from "../../src/ui/review-files";
import { AREA, flagsAfter } from "../state/review-test-flags";

describe("the review panel's downloads", () => {
  it("names each file by what it holds and the local time it was made", () => {
    const at = new Date(2026, 11, 5, 9, 7);
    expect(downloadName("review", at)).toBe("ket-qua-tham-dinh-2026-12-05-0907.geojson");
    expect(downloadName("findings-csv", at)).toBe("phat-hien-kem-co-2026-12-05-0907.csv");
    expect(downloadName("findings-geojson", at)).toBe("phat-hien-kem-co-2026-12-05-0907.geojson");
  });

  const comment = "Bãi đổ thải trái phép ven đê sông Hồng — “cần kiểm tra”";
  const { flags } = flagsAfter([{ type: "draw", flagId: "own:a", geometry: AREA, comment }]);

  it("writes the findings with their flags as CSV for Excel: UTF-8 with a BOM, Vietnamese intact", async () => {
    const blob = findingsWithFlagsBlob([], flags.values(), "csv");
    expect(blob.type).toBe("text/csv;charset=utf-8");
    const bytes = new Uint8Array(await blob.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(3));
    expect(text).toContain(comment.replaceAll('"', '""'));
    expect(text.split("\r\n")[0]).toContain("flag_comment");
  });

  it("writes them as GeoJSON too, and the review file as GeoJSON text", async () => {
    const blob = findingsWithFlagsBlob([], flags.values(), "geojson");
    expect(blob.type).toBe("application/geo+json");
    const collection = JSON.parse(await blob.text());
    expect(collection.features).toHaveLength(1);
    expect(collection.features[0].properties.flag.comment).toBe(comment);
    expect(collection.features[0].geometry).toEqual(AREA);
    await expect(reviewBlob('{"a":"ơ"}').text()).resolves.toBe('{"a":"ơ"}');
  });
});
