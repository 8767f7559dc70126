import * as z from "zod";
import { layerSelection, ruleBase, toleranceSquareMeters } from "../../../catalog/rule-fields";
import { schemaMessage } from "../../../text/zod-issue-text";

/*
 * The min-distance rule as the catalogue reads it (zod). Imported only through `../schema-index.ts`, by the
 * catalogue reader: the check worker never bundles zod.
 */

/**
 * Largest `distanceMeters`, metres. The clearances plans set run from metres to two kilometres: the
 * dyke protection zone 25 m (Law on Dykes art. 23), the high-speed rail and Ring Road 4 corridors
 * 60 m and 120 m, and the widest hygiene distance of the construction standards, 2 000 m from a
 * burial cemetery to housing in midland areas (1 500 m in the delta, as the rules of Hà Nội's 2011
 * general plan quote it). 10 km leaves five times that and is still a clearance, not most of a
 * city 76 × 91 km across. The buffer's cost grows with the distance (1e7 m ran for minutes, 1e9 m
 * never ended); at 10 km a check of the shipped rules takes seconds.
 */
export const MAX_DISTANCE_METERS = 10_000;

/**
 * The subject must keep `distanceMeters` from every constraint feature (line centre line or polygon);
 * 0 means "must not enter". Reports the part of the subject closer than that and the smallest distance.
 */
export const minDistanceRule = z.strictObject({
  ...ruleBase,
  type: z.literal("min-distance"),
  constraint: layerSelection,
  distanceMeters: z
    .number()
    .nonnegative()
    .max(
      MAX_DISTANCE_METERS,
      schemaMessage({
        vi: `tối đa ${MAX_DISTANCE_METERS} m (khoảng cách ly rộng nhất quy hoạch đặt ra khoảng 2 km)`,
        en: `at most ${MAX_DISTANCE_METERS} m (the widest clearance plans set is about 2 km)`,
      }),
    ),
  toleranceSquareMeters,
});

export type MinDistanceRule = z.infer<typeof minDistanceRule>;
