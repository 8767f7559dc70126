import type { LocalizedText } from "../catalog/schema";

/**
 * Land-use codes the plan layers use, from Circular 01/2021/TT-BTNMT (national plan codes, art. 3.1,
 * and the codes lower plans add), with the names shown in legends. Colours follow the usual
 * Vietnamese land-use map palette in spirit (rice yellow, forest green, residential pink, water blue).
 */
export const LAND_USE_CODES = {
  LUC: { vi: "Đất chuyên trồng lúa nước", en: "Specialised wet-rice land", color: "#f2e02e" },
  LUA: { vi: "Đất trồng lúa", en: "Rice land", color: "#fff68f" },
  HNK: { vi: "Đất trồng cây hằng năm khác", en: "Other annual crops", color: "#fff3c4" },
  CLN: { vi: "Đất trồng cây lâu năm", en: "Perennial crops", color: "#c9e59a" },
  NTS: { vi: "Đất nuôi trồng thủy sản", en: "Aquaculture", color: "#a8e0f0" },
  NKH: { vi: "Đất nông nghiệp khác", en: "Other agricultural land", color: "#e3eec5" },
  RSX: { vi: "Đất rừng sản xuất", en: "Production forest", color: "#9fd88a" },
  RPH: { vi: "Đất rừng phòng hộ", en: "Protection forest", color: "#4caf50" },
  RDD: { vi: "Đất rừng đặc dụng", en: "Special-use forest", color: "#1b7a3a" },
  ODT: { vi: "Đất ở tại đô thị", en: "Urban residential", color: "#f59ab5" },
  ONT: { vi: "Đất ở tại nông thôn", en: "Rural residential", color: "#f7cfa6" },
  TMD: { vi: "Đất thương mại, dịch vụ", en: "Trade and services", color: "#e8505b" },
  TSC: { vi: "Đất xây dựng trụ sở cơ quan", en: "State offices", color: "#b03a48" },
  SKK: { vi: "Đất khu công nghiệp", en: "Industrial park", color: "#8e5bb5" },
  SKC: { vi: "Đất cơ sở sản xuất phi nông nghiệp", en: "Non-farm production", color: "#b58fd1" },
  DGT: { vi: "Đất giao thông", en: "Transport", color: "#a6a6a6" },
  DVH: { vi: "Đất xây dựng cơ sở văn hóa", en: "Culture", color: "#ff9f40" },
  DYT: { vi: "Đất xây dựng cơ sở y tế", en: "Health", color: "#3a8fd9" },
  DGD: { vi: "Đất xây dựng cơ sở giáo dục và đào tạo", en: "Education", color: "#f0c419" },
  DTT: { vi: "Đất xây dựng cơ sở thể dục thể thao", en: "Sport", color: "#5cc98a" },
  DTL: { vi: "Đất thủy lợi", en: "Irrigation", color: "#3fb3c4" },
  DDT: {
    vi: "Đất có di tích lịch sử – văn hóa",
    en: "Historical-cultural relic",
    color: "#c8702a",
  },
  CQP: { vi: "Đất quốc phòng", en: "Defence", color: "#6b6b2f" },
  SON: { vi: "Đất sông, ngòi, kênh, rạch, suối", en: "Rivers and streams", color: "#5aa7e0" },
  MNC: { vi: "Đất có mặt nước chuyên dùng", en: "Water bodies", color: "#9cc9ef" },
} as const satisfies Record<string, LocalizedText & { color: string }>;

export type LandUseCode = keyof typeof LAND_USE_CODES;

/** True when `code` is one of {@link LAND_USE_CODES}. */
export function isLandUseCode(code: string): code is LandUseCode {
  return Object.hasOwn(LAND_USE_CODES, code);
}
