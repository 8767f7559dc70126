import * as z from "zod";

/**
 * Fields a province and its district-level units share. `type` is the geometry type; the unit
 * type is in the name. Coordinates are checked later as GeoJSON geometry, with better messages
 * than a schema gives.
 */
const area = {
  name: z.string().min(1),
  type: z.enum(["Polygon", "MultiPolygon"]),
  coordinates: z.array(z.unknown()),
  bbox: z.array(z.number()).length(4).optional(),
};

/**
 * One district-level unit in a dvhcvn GIS file (`data/gis/<province>.json` of the
 * daohoangson/dvhcvn data set).
 */
export const dvhcvnLevel2 = z.object({ level2_id: z.string().min(1), ...area });
export type DvhcvnLevel2 = z.infer<typeof dvhcvnLevel2>;

/** A province in a dvhcvn GIS file; `level2s` are parsed one by one to name the bad one. */
export const dvhcvnLevel1 = z.object({
  level1_id: z.string().min(1),
  ...area,
  level2s: z.array(z.unknown()).min(1),
});
export type DvhcvnLevel1 = z.infer<typeof dvhcvnLevel1>;
