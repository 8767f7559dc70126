/**
 * District-level unit types, as the first words of the unit's official name. Hà Nội has only the
 * first three; "Thành phố" (provincial city) occurs in other provinces of the same data set.
 */
export const DISTRICT_TYPES = ["Quận", "Huyện", "Thị xã", "Thành phố"] as const;
export type DistrictType = (typeof DISTRICT_TYPES)[number];

/**
 * The unit type named by the prefix of an official name, e.g. "Thị xã Sơn Tây" → "Thị xã";
 * null when the name starts with none. Names are compared in Unicode NFC, since Vietnamese text
 * may arrive with combining accents.
 */
export function districtTypeOf(name: string): DistrictType | null {
  const normalized = name.normalize("NFC").trim();
  return DISTRICT_TYPES.find((type) => normalized.startsWith(`${type} `)) ?? null;
}
