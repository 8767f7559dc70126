import * as z from "zod";

const lon = z.number().min(-180).max(180);
const lat = z.number().min(-90).max(90);

const district = z.object({
  code: z.string().min(1),
  name: z.string().min(1),
  type: z.string().min(1),
  /** Geodesic area in km² (computed by the data step on the WGS84 ellipsoid). */
  areaKm2: z.number().nonnegative(),
  bbox: z.tuple([lon, lat, lon, lat]),
  /** A point inside the district, where its label goes: [lon, lat]. */
  center: z.tuple([lon, lat]),
});
export type DistrictInfo = z.infer<typeof district>;

const districtsIndex = z.object({ districts: z.array(district) });

/**
 * Reads data/districts-index.json (written by `npm run data`). Returns the districts, or a message
 * naming the first bad field so the notice can say what to fix.
 */
export function parseDistrictsIndex(
  json: unknown,
): { districts: DistrictInfo[] } | { error: string } {
  const parsed = districtsIndex.safeParse(json);
  if (parsed.success) return { districts: parsed.data.districts };
  const issue = parsed.error.issues[0];
  const where = issue?.path.map(String).join(".") || "(root)";
  return { error: `${where}: ${issue?.message ?? "invalid"}` };
}
