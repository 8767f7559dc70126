import { describe, expect, it } from "vitest";
import { CITY_KEY } from "../../src/state/check-groups";
import { DOSSIER_STATUS_KEYS, dossierModel } from "../../src/state/dossier-model";
import { CATALOG, districtName, FINDINGS, FLAGS, GONE, LAN, RULES } from "./dossier-fixture";

const model = () =>
  dossierModel({ findings: FINDINGS, flags: FLAGS, rules: RULES, catalog: CATALOG, districtName });

describe("dossierModel", () => {
  it("summarises every finding of the run by review status, per rule and per district", () => {
    const { summary } = model();
    expect(summary.total.findings).toBe(5);
    expect(summary.total.byStatus).toEqual({
      open: 0,
      confirmed: 1,
      "accepted-as-exception": 0,
      "needs-revision": 1,
      resolved: 0,
      // d's flag was deleted: unflagged again
      unflagged: 3,
    });
    expect(summary.total.areaSquareMeters).toBe(30_000 + 10_000 + 50_000 + 2_000 + 20_000);
    expect(summary.total.flaggedAreaSquareMeters).toBe(80_000);
    expect(summary.byRule.map((r) => [r.key, r.findings, r.flaggedAreaSquareMeters])).toEqual([
      ["urban-on-rice", 4, 80_000],
      ["flood", 1, 0],
    ]);
    // by name: Ba Đình, Đống Đa; the whole city last
    expect(summary.byDistrict.map((r) => [r.key, r.findings, r.byStatus.unflagged])).toEqual([
      ["001", 3, 2],
      ["002", 1, 0],
      [CITY_KEY, 1, 1],
    ]);
    for (const rows of [summary.byRule, summary.byDistrict]) {
      for (const key of DOSSIER_STATUS_KEYS) {
        expect(rows.reduce((n, r) => n + r.byStatus[key], 0)).toBe(summary.total.byStatus[key]);
      }
    }
    expect(summary.noLongerFound).toBe(1);
    expect(summary.own).toBe(1);
  });

  it("lists the flagged findings per district and per rule with status, comment and history", () => {
    const { districts } = model();
    expect(districts.map((d) => [d.key, d.rules.map((r) => r.rule)])).toEqual([
      ["001", ["urban-on-rice"]],
      ["002", ["urban-on-rice"]],
    ]);
    const [c] = districts[0]?.rules[0]?.entries ?? [];
    expect(c?.kind).toBe("found");
    expect(c?.finding?.id).toBe("c");
    expect(c?.flag.status).toBe("confirmed");
    expect(c?.flag.comment).toBe("Lấn 5 ha");
    expect(c?.flag.history.map((e) => [e.type, e.reviewer])).toEqual([
      ["create", LAN],
      ["status", LAN],
    ]);
    expect(c?.prevailing?.legalBasis.instrument).toBe("39/2021/QH15");
    expect(c?.areaSquareMeters).toBe(50_000);
    // text from data stays text: the model passes it on untouched, the UI renders it as text
    const a = districts[1]?.rules[0]?.entries[0];
    expect(a?.flag.comment).toBe("<b>xem lại</b>");
    expect(a?.flag.status).toBe("needs-revision");
  });

  it("keeps flags on findings no longer found, with the prevailing plan from the catalogue", () => {
    const { noLongerFound, own, entries } = model();
    expect(noLongerFound.map((r) => r.rule)).toEqual(["urban-on-rice"]);
    const [gone] = noLongerFound[0]?.entries ?? [];
    expect(gone?.kind).toBe("no-longer-found");
    expect(gone?.severity).toBe("error");
    expect(gone?.areaSquareMeters).toBe(4_000);
    expect(gone?.prevailing?.layerId).toBe("rice");
    expect(gone?.prevailing?.legalBasis.instrument).toBe("39/2021/QH15");
    expect(gone?.geometry).toEqual(GONE.geometry);
    expect(own.map((e) => [e.kind, e.flag.id, e.geometry?.type])).toEqual([
      ["own", "own:1", "Point"],
    ]);
    // print order: districts, no longer found, drawn; deleted flags nowhere
    expect(entries.map((e) => e.flag.id)).toEqual([
      "finding:c",
      "finding:a",
      "finding:gone",
      "own:1",
    ]);
  });

  it("is empty but for the summary when nothing is flagged", () => {
    const empty = dossierModel({
      findings: FINDINGS,
      flags: [],
      rules: RULES,
      catalog: CATALOG,
      districtName,
    });
    expect(empty.entries).toEqual([]);
    expect(empty.districts).toEqual([]);
    expect(empty.summary.total.byStatus.unflagged).toBe(5);
  });
});
