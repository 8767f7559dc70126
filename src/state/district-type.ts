import type { TFunction } from "i18next";

/** Translation keys for the three district-level unit types of Hanoi. */
export type DistrictTypeKey = "urban" | "rural" | "town";

const KEYS: Record<string, DistrictTypeKey> = { Quận: "urban", Huyện: "rural", "Thị xã": "town" };

/** The translation key of a unit type as the data writes it ("Quận", "Huyện", "Thị xã"), or null. */
export function districtTypeKey(type: string): DistrictTypeKey | null {
  return KEYS[type.trim()] ?? null;
}

/** A unit type in the UI language ("Quận" → "Urban district (quận)"); an unknown type as written. */
export function districtTypeText(type: string, t: TFunction): string {
  const key = districtTypeKey(type);
  return key ? t(`district.types.${key}`) : type;
}
