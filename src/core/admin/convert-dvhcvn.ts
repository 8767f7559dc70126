import type * as z from "zod";
import { showValue } from "../text/show-value";
import { issueIn, type ValidationIssue } from "../validate/validation-issue";
import { districtTypeOf } from "./district-type";
import { dvhcvnLevel1, dvhcvnLevel2 } from "./dvhcvn-schema";
import type {
  AdminBoundaries,
  AreaGeometry,
  BoundaryFeature,
  BoundaryProperties,
  DistrictFeature,
  DistrictProperties,
} from "./types";

export type ConversionResult = {
  boundaries: AdminBoundaries | null;
  issues: ValidationIssue[];
};

function describeZodError(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.map(String).join(".") || "(root)"}: ${issue.message}`)
    .join("; ");
}

/**
 * Converts a dvhcvn GIS file (the data set's own format: `level1_id`, `name`, `type`,
 * `coordinates`, `bbox`, `level2s[]` with `level2_id`, `name`, `type`, `coordinates`, `bbox`) to
 * GeoJSON: one district feature per level-2 unit, in file order (id and `code` = `level2_id`, `type`
 * from the name prefix, `province_code` = `level1_id`) and the province boundary. Coordinates are
 * passed through unchanged; validate the result with `validateFeatureCollection`.
 *
 * @param json - the parsed file
 * @param file - the file name to put in issues
 */
export function convertDvhcvn(json: unknown, file: string): ConversionResult {
  const issues: ValidationIssue[] = [];
  const level1 = dvhcvnLevel1.safeParse(json);
  if (!level1.success) {
    const detail = describeZodError(level1.error);
    issues.push(
      issueIn(file, null, "not-dvhcvn", {
        vi: `không đúng định dạng dvhcvn (${detail})`,
        en: `is not in the dvhcvn format (${detail})`,
      }),
    );
    return { boundaries: null, issues };
  }
  const province = level1.data;
  const count = province.level2s.length;
  const districts: DistrictFeature[] = [];
  province.level2s.forEach((raw, index) => {
    const record = typeof raw === "object" && raw !== null ? (raw as Record<string, unknown>) : {};
    const label = (["level2_id", "name"] as const)
      .filter((key) => typeof record[key] === "string")
      .map((key) => `${key} ${showValue(record[key])}`)
      .join("; ");
    const issueAt = (code: ValidationIssue["code"], vi: string, en: string) =>
      issues.push(issueIn(file, { index, count, label: label || null }, code, { vi, en }));
    const parsed = dvhcvnLevel2.safeParse(raw);
    if (!parsed.success) {
      const detail = describeZodError(parsed.error);
      issueAt(
        "not-dvhcvn",
        `level2s[${index}] không đúng định dạng dvhcvn (${detail})`,
        `level2s[${index}] is not in the dvhcvn format (${detail})`,
      );
      return;
    }
    const unit = parsed.data;
    const type = districtTypeOf(unit.name);
    if (!type) {
      issueAt(
        "unknown-district-type",
        `tên ${showValue(unit.name)} không bắt đầu bằng Quận, Huyện, Thị xã hay Thành phố`,
        `name ${showValue(unit.name)} does not start with Quận, Huyện, Thị xã or Thành phố`,
      );
      return;
    }
    const properties: DistrictProperties = {
      code: unit.level2_id,
      name: unit.name,
      type,
      province_code: province.level1_id,
    };
    districts.push({
      type: "Feature",
      id: unit.level2_id,
      properties,
      geometry: { type: unit.type, coordinates: unit.coordinates } as AreaGeometry,
    });
  });
  if (issues.length > 0) return { boundaries: null, issues };

  const boundaryProperties: BoundaryProperties = {
    code: province.level1_id,
    name: province.name,
  };
  const boundary: BoundaryFeature = {
    type: "Feature",
    id: province.level1_id,
    properties: boundaryProperties,
    geometry: { type: province.type, coordinates: province.coordinates } as AreaGeometry,
  };
  return {
    boundaries: {
      districts: { type: "FeatureCollection", features: districts },
      boundary: { type: "FeatureCollection", features: [boundary] },
    },
    issues,
  };
}
