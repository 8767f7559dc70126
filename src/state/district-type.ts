/** Translation keys for the three district-level unit types of Hanoi. */
export type DistrictTypeKey = "urban" | "rural" | "town";

const KEYS: Record<string, DistrictTypeKey> = { Quận: "urban", Huyện: "rural", "Thị xã": "town" };

/** The translation key of a unit type as the data writes it ("Quận", "Huyện", "Thị xã"), or null. */
export function districtTypeKey(type: string): DistrictTypeKey | null {
  return KEYS[type.trim()] ?? null;
}
