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
import { finding } from "./check-finding";

/*
 * A small review for the dossier's tests: two rules over a city plan and national rice land, five
 * findings in two districts and the whole city, and flags made through the same checks as the app:
 * confirmed with a comment, needing revision (a comment with markup), deleted, no longer found, drawn.
 */

const basis = (instrument: string, date: string) => ({
  instrument,
  date,
  issuer: { vi: "Thủ tướng Chính phủ", en: "The Prime Minister" },
});

/** Two layers of the catalogue: the city plan (lower) and national rice land (higher). */
export const CATALOG = [
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

export const RULES = [rule("urban-on-rice", "error"), rule("flood", "warning")];
const NAMES: Record<string, string> = { "001": "Quận Ba Đình", "002": "Quận Đống Đa" };
export const districtName = (code: string) => NAMES[code] ?? code;

const PREVAILING = {
  layerId: "rice",
  title: CATALOG[1]?.title,
  level: "national",
  legalBasis: CATALOG[1]?.legalBasis,
} as Finding["prevailing"];

/** Five findings of two rules in two districts and the whole city. */
export const FINDINGS: Finding[] = [
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

export const LAN = "Nguyễn Thị Lan";
export const MINH = "Trần Văn Minh";
export const GONE = finding({ id: "gone", districts: ["001"], areaSquareMeters: 4_000 });
export const FLAGS = review([
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
