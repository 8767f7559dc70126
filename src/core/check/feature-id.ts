import type { Feature } from "geojson";

/**
 * Where a feature's id comes from: the GeoJSON `id`, else `properties.id`, else nothing. `value` is
 * whatever the file holds there; only strings and numbers are ids (RFC 7946 §3.2), and the layer
 * validation refuses any other value before the check sees it.
 */
export function declaredId(
  feature: unknown,
): { value: unknown; member: "id" | "properties.id" } | null {
  if (typeof feature !== "object" || feature === null) return null;
  const { id, properties } = feature as { id?: unknown; properties?: unknown };
  if (id !== undefined && id !== null && id !== "") return { value: id, member: "id" };
  const own =
    typeof properties === "object" && properties !== null
      ? (properties as { id?: unknown }).id
      : undefined;
  if (own !== undefined && own !== null && own !== "")
    return { value: own, member: "properties.id" };
  return null;
}

/** True for the values RFC 7946 allows as a feature id: a string or a finite number. */
export const isIdValue = (value: unknown): value is string | number =>
  typeof value === "string" || (typeof value === "number" && Number.isFinite(value));

/**
 * A feature's id as the issue defines it: the GeoJSON `id`, else `properties.id`, else its index in
 * the layer; always a string so ids compare and hash the same whatever their JSON type. A declared
 * value that is not a string or number never becomes "[object Object]": it counts as no id.
 */
export function featureId(feature: Feature, index: number): string {
  const declared = declaredId(feature);
  return declared && isIdValue(declared.value) ? String(declared.value) : String(index);
}
