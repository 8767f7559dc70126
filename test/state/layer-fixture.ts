import type { LayerEntry } from "../../src/core/catalog/schema";

/** A valid catalogue entry to vary in tests. */
export function layerEntry(overrides: Partial<LayerEntry> = {}): LayerEntry {
  return {
    id: "ring-road-4",
    title: { vi: "Đường Vành đai 4", en: "Ring Road 4" },
    level: "sector",
    sector: "transport",
    legalBasis: {
      instrument: "56/2022/QH15",
      date: "2022-06-16",
      issuer: { vi: "Quốc hội", en: "National Assembly" },
    },
    agency: { vi: "Bộ Giao thông vận tải", en: "Ministry of Transport" },
    status: "approved",
    dataAsOf: "2023-03-01",
    illustrative: true,
    source: "sector/ring-roads.geojson",
    geometryType: "line",
    style: { type: "simple", color: "#c0392b", width: 3 },
    attributes: [{ key: "width_m", label: { vi: "Bề rộng", en: "Width" }, unit: "m" }],
    visible: true,
    opacity: 0.7,
    ...overrides,
  };
}

/** A categorised polygon layer (land-use codes). */
export function landUseLayer(overrides: Partial<LayerEntry> = {}): LayerEntry {
  return layerEntry({
    id: "national-land-use",
    title: { vi: "Quy hoạch sử dụng đất quốc gia", en: "National land-use plan" },
    level: "national",
    sector: "land-use",
    geometryType: "polygon",
    style: {
      type: "categorised",
      attribute: "land_use_code",
      fallbackColor: "#cccccc",
      categories: [
        {
          value: "RDD",
          color: "#1e8449",
          label: { vi: "Rừng đặc dụng (RDD)", en: "Special-use forest (RDD)" },
        },
        { value: "LUC", color: "#f4d03f", label: { vi: "Đất lúa", en: "Wet rice" } },
        { value: "RDD", color: "#000000", label: { vi: "Trùng", en: "Duplicate" } },
      ],
    },
    attributes: [
      { key: "land_use_code", label: { vi: "Mã đất", en: "Land-use code" } },
      { key: "area_ha", label: { vi: "Diện tích", en: "Area" }, unit: "ha" },
      { key: "protected", label: { vi: "Bảo vệ", en: "Protected" } },
    ],
    nameAttribute: "name",
    ...overrides,
  });
}
