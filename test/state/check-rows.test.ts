import { describe, expect, it } from "vitest";
import { groupFindings } from "../../src/state/check-groups";
import {
  findingRowIndex,
  flattenGroups,
  groupPathsOf,
  type ResultRow,
  topOpenByDefault,
} from "../../src/state/check-rows";
import { finding } from "./check-finding";

const context = { ruleOrder: ["rice", "forest"], districtName: (code: string) => code };

const findings = [
  finding({ id: "a", rule: "forest", districts: ["271"], areaSquareMeters: 5_000 }),
  finding({ id: "b", rule: "rice", districts: ["002"], areaSquareMeters: 1_000 }),
  finding({ id: "c", rule: "rice", districts: ["002"], areaSquareMeters: 9_000 }),
  finding({ id: "d", rule: "rice", districts: ["001"], areaSquareMeters: 2_000 }),
];
const groups = groupFindings(findings, "rule", context);

/** A row as a short string: "▾ rule:rice" for an open group, "▸ …" closed, "  c" for a finding. */
const show = (rows: ResultRow[]) =>
  rows.map((row) =>
    row.kind === "group"
      ? `${"  ".repeat(row.level)}${row.open ? "▾" : "▸"} ${row.id}`
      : `${"  ".repeat(row.level)}  ${row.finding.id}`,
  );

describe("flattening the grouped findings into rows", () => {
  it("lists every header and, under open groups, their subgroups and findings in order", () => {
    const rows = flattenGroups(groups, { topOpen: true, toggled: new Map() });
    expect(show(rows)).toEqual([
      "▾ rule:rice",
      "  ▾ rule:rice/district:001",
      "    d",
      "  ▾ rule:rice/district:002",
      "    c",
      "    b",
      "▾ rule:forest",
      "  ▾ rule:forest/district:271",
      "    a",
    ]);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  });

  it("gives no rows for the contents of closed groups", () => {
    const rows = flattenGroups(groups, { topOpen: false, toggled: new Map() });
    expect(show(rows)).toEqual(["▸ rule:rice", "▸ rule:forest"]);
  });

  it("lets the user's choices win over the defaults, at both levels", () => {
    const toggled = new Map([
      ["rule:forest", true],
      ["rule:forest/district:271", false],
      ["rule:rice/district:002", false],
    ]);
    expect(show(flattenGroups(groups, { topOpen: false, toggled }))).toEqual([
      "▸ rule:rice",
      "▾ rule:forest",
      "  ▸ rule:forest/district:271",
    ]);
    expect(show(flattenGroups(groups, { topOpen: true, toggled }))).toEqual([
      "▾ rule:rice",
      "  ▾ rule:rice/district:001",
      "    d",
      "  ▸ rule:rice/district:002",
      "▾ rule:forest",
      "  ▸ rule:forest/district:271",
    ]);
  });

  it("opens the top level by default only for one group or few findings", () => {
    expect(topOpenByDefault(groups, findings.length)).toBe(true);
    expect(topOpenByDefault(groups, 21)).toBe(false);
    expect(topOpenByDefault(groups.slice(0, 1), 3000)).toBe(true);
  });

  it("finds the groups a finding is in and its row once they are open", () => {
    expect(groupPathsOf(groups, "c")).toEqual([
      { path: "rule:rice", level: 0 },
      { path: "rule:rice/district:002", level: 1 },
    ]);
    expect(groupPathsOf(groups, "nope")).toEqual([]);
    const closed = flattenGroups(groups, { topOpen: false, toggled: new Map() });
    expect(findingRowIndex(closed, "c")).toBe(-1);
    const opened = flattenGroups(groups, {
      topOpen: false,
      toggled: new Map(groupPathsOf(groups, "c").map((g) => [g.path, true])),
    });
    expect(show(opened)[findingRowIndex(opened, "c")]).toBe("    c");
  });

  it("keeps a row per finding with thousands of findings, by district then rule", () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      finding({
        id: `f${i}`,
        rule: Math.floor(i / 30) % 2 === 0 ? "forest" : "rice",
        districts: [String(i % 30).padStart(3, "0")],
        areaSquareMeters: i,
      }),
    );
    const byDistrict = groupFindings(many, "district", context);
    const rows = flattenGroups(byDistrict, {
      topOpen: topOpenByDefault(byDistrict, many.length),
      toggled: new Map(),
    });
    expect(rows).toHaveLength(30);
    const all = flattenGroups(byDistrict, { topOpen: true, toggled: new Map() });
    expect(all.filter((r) => r.kind === "finding")).toHaveLength(3000);
    expect(all.filter((r) => r.kind === "group")).toHaveLength(30 + 60);
  });
});
