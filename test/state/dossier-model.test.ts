import { describe, expect, it } from "vitest";
import type { Rule } from "../../src/core/catalog/rules-schema";
import type { LayerEntry } from "../../src/core/catalog/schema";
import type { Finding } from "../../src/core/check/index";
import {
  type Flag,
  type FlagEvent,
  foldFlags,
  type ReviewIntent,
  reviewEvent,
} from "../../src/core/review/index";
import { CITY_KEY } from "../../src/state/check-groups";
import { DOSSIER_STATUS_KEYS, dossierModel } from "../../src/state/dossier-model";
import { finding } from "./check-finding";

const basis = (instrument: string, date: string) => ({
  instrument,
  date,
  issuer: { vi: "Thủ tướng Chính phủ", en: "The Prime Minister" },
});

/** Two layers of the catalogue: the city plan (lower) and national rice land (higher). */
const CATALOG = [
  {
    id: "zones",
    title: { vi: "Phân khu Thủ đô", en: "Capital zoning" },
    level: "city",
    legalBasis: basis("1569/QĐ-TTg", "2024-12-12"),
  },
  {
    id: "rice",
    title: { vi: "Đất trồng lúa", en: "Rice land" },
    level: "national",
    legalBasis: basis("39/2021/QH15", "2021-11-13"),
  },
] as unknown as LayerEntry[];

const rule = (id: string, severity: "error" | "warning"): Rule =>
  ({
    id,
    title: { vi: `Quy tắc ${id}`, en: `Rule ${id}` },
    severity,
    type: "no-overlap",
    subject: { layer: "zones" },
    constraint: { layer: "rice" },
  }) as unknown as Rule;

const RULES = [rule("urban-on-rice", "error"), rule("flood", "warning")];
const NAMES: Record<string, string> = { "001": "Quận Ba Đình", "002": "Quận Đống Đa" };
const districtName = (code: string) => NAMES[code] ?? code;

const PREVAILING = {
  layerId: "rice",
  title: CATALOG[1]?.title,
  level: "national",
  legalBasis: CATALOG[1]?.legalBasis,
} as Finding["prevailing"];

/** Five findings of two rules in two districts and the whole city. */
const FINDINGS: Finding[] = [
  finding({ id: "a", districts: ["002"], areaSquareMeters: 30_000, prevailing: PREVAILING }),
  finding({ id: "b", districts: ["001"], areaSquareMeters: 10_000, prevailing: PREVAILING }),
  finding({ id: "c", districts: ["001"], areaSquareMeters: 50_000, prevailing: PREVAILING }),
  finding({
    id: "d",
    rule: "flood",
    severity: "warning",
    districts: ["001"],
    areaSquareMeters: 2_000,
  }),
  finding({ id: "e", districts: [], group: { scope: "city", district: null }, geometry: null }),
];
const byId = (id: string) => FINDINGS.find((f) => f.id === id) as Finding;

/** The events of a review, made through the same checks as the app (`reviewEvent`). */
function review(steps: { intent: ReviewIntent; reviewer: string; at: string }[]): Flag[] {
  const events: FlagEvent[] = [];
  steps.forEach((step, i) => {
    const result = reviewEvent(foldFlags(events), step.intent, {
      reviewer: step.reviewer,
      at: step.at,
      eventId: String(i + 1).padStart(32, "0"),
    });
    if (!result.ok) throw new Error(`${step.intent.type}: ${result.problem.en}`);
    events.push(result.event);
  });
  return [...foldFlags(events).values()];
}

const LAN = "Nguyễn Thị Lan";
const MINH = "Trần Văn Minh";
const GONE = finding({ id: "gone", districts: ["001"], areaSquareMeters: 4_000 });
const FLAGS = review([
  {
    intent: { type: "flag-finding", finding: byId("c") },
    reviewer: LAN,
    at: "2026-12-01T08:00:00Z",
  },
  {
    intent: { type: "set-status", flagId: "finding:c", status: "confirmed", comment: "Lấn 5 ha" },
    reviewer: LAN,
    at: "2026-12-01T08:05:00Z",
  },
  {
    intent: { type: "flag-finding", finding: byId("a"), comment: "<b>xem lại</b>" },
    reviewer: MINH,
    at: "2026-12-01T09:00:00Z",
  },
  {
    intent: { type: "set-status", flagId: "finding:a", status: "needs-revision" },
    reviewer: MINH,
    at: "2026-12-01T09:01:00Z",
  },
  {
    intent: { type: "flag-finding", finding: byId("d") },
    reviewer: MINH,
    at: "2026-12-01T09:02:00Z",
  },
  { intent: { type: "delete", flagId: "finding:d" }, reviewer: MINH, at: "2026-12-01T09:03:00Z" },
  { intent: { type: "flag-finding", finding: GONE }, reviewer: LAN, at: "2026-12-01T07:00:00Z" },
  {
    intent: {
      type: "draw",
      flagId: "own:1",
      geometry: { type: "Point", coordinates: [105.8, 21.02] },
      comment: "Trường học trong hành lang",
    },
    reviewer: LAN,
    at: "2026-12-01T10:00:00Z",
  },
]);

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
