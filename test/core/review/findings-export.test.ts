import { describe, expect, it } from "vitest";
import { CSV_COLUMNS } from "../../../src/core/check/index";
import {
  FLAG_CSV_COLUMNS,
  type FlagEvent,
  findingsWithFlagsGeoJson,
  findingsWithFlagsGeoJsonChunks,
  flagIdForFinding,
  foldFlags,
  formatFindingsWithFlagsCsv,
} from "../../../src/core/review/index";
import { csvField, formulaGuarded } from "../../../src/core/text/csv";
import { finding } from "../../state/check-finding";
import { fileEvents } from "./review-fixtures";

/** RFC 4180 reader for the test: the fields of each CRLF-ended line, quoted fields unquoted. */
function readCsv(text: string): string[][] {
  const field = /("(?:[^"]|"")*"|[^,\r"]*)(,|\r\n)/gy;
  const rows: string[][] = [];
  let row: string[] = [];
  for (let m = field.exec(text); m; m = field.exec(text)) {
    const raw = m[1] as string;
    row.push(raw.startsWith('"') ? raw.slice(1, -1).replace(/""/g, '"') : raw);
    if (m[2] === "\r\n") {
      rows.push(row);
      row = [];
    }
  }
  return rows;
}

const found = finding({
  id: "aaaaaaaaaaaaaaaa",
  subject: { layer: "zones", featureId: "=cmd|' /C calc'!A0" },
});
const unflagged = finding({ id: "1234567890abcdef", rule: "green", areaSquareMeters: 5 });
const flags = () => foldFlags(fileEvents() as FlagEvent[]).values();

describe("findings with their flags: CSV for Excel", () => {
  const text = formatFindingsWithFlagsCsv([found, unflagged], flags());
  const rows = readCsv(text.slice(1));

  it("starts with a UTF-8 byte order mark and ends every line with CRLF", () => {
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text.replace(/\r\n/g, "").includes("\n")).toBe(false);
  });

  it("has the check output's columns, then the flag columns", () => {
    expect(rows[0]).toEqual([...CSV_COLUMNS, ...FLAG_CSV_COLUMNS]);
    expect(rows.every((r) => r.length === rows[0]?.length)).toBe(true);
  });

  it("lists each finding with its flag, then flags no longer found, then drawn flags", () => {
    const col = (name: string) => (rows[0] as string[]).indexOf(name);
    const body = rows.slice(1);
    expect(body.map((r) => [r[col("id")], r[col("flag_place")], r[col("flag_status")]])).toEqual([
      ["aaaaaaaaaaaaaaaa", "found", "open"],
      ["1234567890abcdef", "", ""],
      ["cccccccccccccccc", "no-longer-found", "resolved"],
      ["", "own", "open"],
    ]);
    // the Vietnamese comment comes through whole, comma included
    expect(body[0]?.[col("flag_comment")]).toBe("Mở lại: bản vẽ mới chưa khớp");
    expect(body[2]?.[col("flag_disagreement")]).toBe("yes");
    expect(body[2]?.[col("area_m2")]).toBe("32000.000");
    expect(body[0]?.[col("flag_id")]).toBe(flagIdForFinding("aaaaaaaaaaaaaaaa"));
  });

  it("guards a cell a spreadsheet would run as a formula", () => {
    const col = (rows[0] as string[]).indexOf("subject_id");
    expect(rows[1]?.[col]).toBe("'=cmd|' /C calc'!A0");
  });
});

describe("csvField and formulaGuarded", () => {
  it("quotes per RFC 4180, and guards formulas, never plain numbers", () => {
    const guarded = (text: string) => csvField(formulaGuarded(text));
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
    expect(csvField("=1+1")).toBe("=1+1");
    expect(guarded("=1+1")).toBe("'=1+1");
    expect(guarded("+84 24 1234")).toBe("'+84 24 1234");
    expect(guarded("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(guarded("-5.25")).toBe("-5.25");
    expect(guarded("-x")).toBe("'-x");
    expect(guarded("=a,b")).toBe(`"'=a,b"`);
    expect(guarded("Đất lúa")).toBe("Đất lúa");
  });
});

describe("findings with their flags: GeoJSON", () => {
  it("writes in pieces exactly the JSON of the collection", () => {
    const text = [...findingsWithFlagsGeoJsonChunks([found, unflagged], flags())].join("");
    expect(text).toBe(`${JSON.stringify(findingsWithFlagsGeoJson([found, unflagged], flags()))}\n`);
  });

  it("gives each finding its flag summary and adds the unattached flags with their geometry", () => {
    const collection = findingsWithFlagsGeoJson([found, unflagged], flags());
    const props = collection.features.map((f) => f.properties as Record<string, unknown>);
    expect(collection.features).toHaveLength(4);
    expect(props[0]?.flag).toMatchObject({ status: "open" });
    expect(props[1]?.flag).toBeNull();
    expect(props[2]?.finding).toMatchObject({ id: "cccccccccccccccc" });
    expect(collection.features[3]?.geometry).toEqual({
      type: "Point",
      coordinates: [105.855, 21.025],
    });
  });
});
