import type { LocalizedText } from "../catalog/schema";

/**
 * The land-use codes of the planning indicator system (Circular 01/2021/TT-BTNMT: the national
 * plan's codes of art. 3.1 and the codes provincial and district plans add; see the domain brief,
 * section 5), with their official names. This is the list data is checked against: a value that
 * is not in it matches no rule filter, so the check says so instead of passing the feature. The
 * legend subset with colours is `LAND_USE_CODES` (land-use-codes.ts). Circular 08/2024/TT-BTNMT
 * (Land Law 2024) keeps these codes; its one addition the brief names (CNT) is listed too.
 */
export const OFFICIAL_LAND_USE_CODES: Readonly<Record<string, LocalizedText>> = {
  // Agricultural land
  NNP: { vi: "Đất nông nghiệp", en: "Agricultural land" },
  LUA: { vi: "Đất trồng lúa", en: "Rice land" },
  LUC: { vi: "Đất chuyên trồng lúa nước", en: "Specialised wet-rice land" },
  LUK: { vi: "Đất trồng lúa nước còn lại", en: "Other wet-rice land" },
  LUN: { vi: "Đất trồng lúa nương", en: "Upland rice land" },
  HNK: { vi: "Đất trồng cây hằng năm khác", en: "Other annual crops" },
  CLN: { vi: "Đất trồng cây lâu năm", en: "Perennial crops" },
  RPH: { vi: "Đất rừng phòng hộ", en: "Protection forest" },
  RDD: { vi: "Đất rừng đặc dụng", en: "Special-use forest" },
  RSX: { vi: "Đất rừng sản xuất", en: "Production forest" },
  RSN: { vi: "Đất rừng sản xuất là rừng tự nhiên", en: "Natural production forest" },
  NTS: { vi: "Đất nuôi trồng thủy sản", en: "Aquaculture" },
  LMU: { vi: "Đất làm muối", en: "Salt production" },
  CNT: { vi: "Đất chăn nuôi tập trung", en: "Concentrated livestock farming" },
  NKH: { vi: "Đất nông nghiệp khác", en: "Other agricultural land" },
  // Non-agricultural land
  PNN: { vi: "Đất phi nông nghiệp", en: "Non-agricultural land" },
  CQP: { vi: "Đất quốc phòng", en: "Defence" },
  CAN: { vi: "Đất an ninh", en: "Security" },
  SKK: { vi: "Đất khu công nghiệp", en: "Industrial park" },
  SKT: { vi: "Đất khu chế xuất", en: "Export processing zone" },
  SKN: { vi: "Đất cụm công nghiệp", en: "Industrial cluster" },
  TMD: { vi: "Đất thương mại, dịch vụ", en: "Trade and services" },
  SKC: { vi: "Đất cơ sở sản xuất phi nông nghiệp", en: "Non-farm production" },
  SKS: { vi: "Đất sử dụng cho hoạt động khoáng sản", en: "Mining" },
  SKX: { vi: "Đất sản xuất vật liệu xây dựng, làm đồ gốm", en: "Building materials, pottery" },
  DHT: { vi: "Đất phát triển hạ tầng", en: "Infrastructure" },
  DGT: { vi: "Đất giao thông", en: "Transport" },
  DTL: { vi: "Đất thủy lợi", en: "Irrigation" },
  DVH: { vi: "Đất xây dựng cơ sở văn hóa", en: "Culture" },
  DYT: { vi: "Đất xây dựng cơ sở y tế", en: "Health" },
  DGD: { vi: "Đất xây dựng cơ sở giáo dục và đào tạo", en: "Education" },
  DTT: { vi: "Đất xây dựng cơ sở thể dục thể thao", en: "Sport" },
  DKH: { vi: "Đất xây dựng cơ sở khoa học và công nghệ", en: "Science and technology" },
  DXH: { vi: "Đất xây dựng cơ sở dịch vụ xã hội", en: "Social services" },
  DNL: { vi: "Đất công trình năng lượng", en: "Energy" },
  DBV: { vi: "Đất công trình bưu chính, viễn thông", en: "Post and telecommunications" },
  DKG: { vi: "Đất xây dựng kho dự trữ quốc gia", en: "National reserve stores" },
  DDT: { vi: "Đất có di tích lịch sử – văn hóa", en: "Historical-cultural relic" },
  DDL: { vi: "Đất danh lam thắng cảnh", en: "Scenic landscape" },
  DRA: { vi: "Đất bãi thải, xử lý chất thải", en: "Waste disposal and treatment" },
  DCK: { vi: "Đất công trình công cộng khác", en: "Other public works" },
  NTD: { vi: "Đất làm nghĩa trang, nhà tang lễ, nhà hỏa táng", en: "Cemeteries and crematoria" },
  DSH: { vi: "Đất sinh hoạt cộng đồng", en: "Community activities" },
  DKV: { vi: "Đất khu vui chơi, giải trí công cộng", en: "Public recreation" },
  DCH: { vi: "Đất chợ", en: "Markets" },
  ODT: { vi: "Đất ở tại đô thị", en: "Urban residential" },
  ONT: { vi: "Đất ở tại nông thôn", en: "Rural residential" },
  TSC: { vi: "Đất xây dựng trụ sở cơ quan", en: "State offices" },
  DTS: { vi: "Đất xây dựng trụ sở của tổ chức sự nghiệp", en: "Public service bodies" },
  DNG: { vi: "Đất xây dựng cơ sở ngoại giao", en: "Diplomatic premises" },
  TON: { vi: "Đất cơ sở tôn giáo", en: "Religious" },
  TIN: { vi: "Đất cơ sở tín ngưỡng", en: "Places of folk worship" },
  SON: { vi: "Đất sông, ngòi, kênh, rạch, suối", en: "Rivers and streams" },
  MNC: { vi: "Đất có mặt nước chuyên dùng", en: "Water bodies" },
  PNK: { vi: "Đất phi nông nghiệp khác", en: "Other non-agricultural land" },
  // Unused land
  CSD: { vi: "Đất chưa sử dụng", en: "Unused land" },
  BCS: { vi: "Đất bằng chưa sử dụng", en: "Unused flat land" },
  DCS: { vi: "Đất đồi núi chưa sử dụng", en: "Unused hill land" },
  NCS: { vi: "Núi đá không có rừng cây", en: "Bare rocky mountains" },
  // Functional zones
  KKT: { vi: "Khu kinh tế", en: "Economic zone" },
  KCN: { vi: "Khu công nghệ cao", en: "High-tech park" },
  KDT: { vi: "Khu đô thị", en: "Urban area" },
};

/** Every official code, for "did you mean". */
export const OFFICIAL_CODES: readonly string[] = Object.keys(OFFICIAL_LAND_USE_CODES);

/** True when `code` is a code of {@link OFFICIAL_LAND_USE_CODES}. */
export function isOfficialLandUseCode(code: string): boolean {
  return Object.hasOwn(OFFICIAL_LAND_USE_CODES, code);
}
