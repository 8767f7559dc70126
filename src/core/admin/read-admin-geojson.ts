import type { Feature, FeatureCollection } from "geojson";
import { showValue } from "../text/show-value";
import { describeFeature, issueIn, type ValidationIssue } from "../validate/validation-issue";
import { DISTRICT_TYPES, type DistrictType, districtTypeOf } from "./district-type";
import type {
  AreaGeometry,
  BoundaryFeature,
  BoundaryProperties,
  DistrictFeature,
  DistrictProperties,
} from "./types";

type Result<T> = { value: T | null; issues: ValidationIssue[] };

const isArea = (feature: Feature): feature is Feature<AreaGeometry> =>
  feature.geometry?.type === "Polygon" || feature.geometry?.type === "MultiPolygon";

const text = (value: unknown): string | null =>
  typeof value === "string" && value.trim() !== "" ? value : null;

function issueMaker(file: string, count: number, issues: ValidationIssue[]) {
  return (
    index: number | null,
    label: string | null,
    code: ValidationIssue["code"],
    vi: string,
    en: string,
  ) =>
    issues.push(issueIn(file, index === null ? null : { index, count, label }, code, { vi, en }));
}

/**
 * Reads a validated GeoJSON collection of district-level units (as in hanoi-districts.geojson):
 * polygon geometry, `code` and `name` as text, `type` as given or from the name prefix,
 * `province_code` as given or `provinceCode`. Sets each feature's id to its code; codes must be
 * unique. Issues name the feature as the validator does.
 */
export function readDistricts(
  collection: FeatureCollection,
  file: string,
  provinceCode: string | null,
): Result<FeatureCollection<AreaGeometry, DistrictProperties>> {
  const issues: ValidationIssue[] = [];
  const issue = issueMaker(file, collection.features.length, issues);
  const seen = new Map<string, number>();
  const features: DistrictFeature[] = [];
  collection.features.forEach((feature, index) => {
    const properties = (feature.properties ?? {}) as Record<string, unknown>;
    const label = describeFeature({ properties });
    if (!isArea(feature)) {
      issue(
        index,
        label,
        "wrong-geometry-type",
        `ranh giới phải là Polygon hoặc MultiPolygon, không phải ${feature.geometry?.type}`,
        `a boundary must be a Polygon or MultiPolygon, not ${feature.geometry?.type}`,
      );
      return;
    }
    const code = text(properties.code);
    const name = text(properties.name);
    if (!code || !name) {
      issue(
        index,
        label,
        "missing-property",
        'cần "code" và "name" dạng chữ (mã giữ số 0 đầu, ví dụ "001")',
        'needs "code" and "name" as text (codes keep leading zeros, e.g. "001")',
      );
      return;
    }
    const given = text(properties.type);
    const type: DistrictType | null =
      given && (DISTRICT_TYPES as readonly string[]).includes(given)
        ? (given as DistrictType)
        : districtTypeOf(name);
    if (!type) {
      issue(
        index,
        label,
        "unknown-district-type",
        `không xác định được loại đơn vị (Quận, Huyện, Thị xã, Thành phố) từ "type" hay tên ${showValue(name)}`,
        `cannot tell the unit type (Quận, Huyện, Thị xã, Thành phố) from "type" or the name ${showValue(name)}`,
      );
      return;
    }
    const province = text(properties.province_code) ?? provinceCode;
    if (!province) {
      issue(
        index,
        label,
        "missing-property",
        'thiếu thuộc tính "province_code"',
        'missing property "province_code"',
      );
      return;
    }
    const previous = seen.get(code);
    if (previous !== undefined) {
      issue(
        index,
        label,
        "duplicate-code",
        `mã ${showValue(code)} trùng với đối tượng ${previous + 1}`,
        `code ${showValue(code)} repeats that of feature ${previous + 1}`,
      );
      return;
    }
    seen.set(code, index);
    features.push({
      type: "Feature",
      id: code,
      properties: { code, name, type, province_code: province },
      geometry: feature.geometry,
    });
  });
  return {
    value: issues.length > 0 ? null : { type: "FeatureCollection", features },
    issues,
  };
}

/**
 * Reads a validated GeoJSON collection holding one province boundary (as hanoi-boundary.geojson):
 * exactly one polygon feature with `code` and `name`.
 */
export function readBoundary(
  collection: FeatureCollection,
  file: string,
): Result<FeatureCollection<AreaGeometry, BoundaryProperties>> {
  const issues: ValidationIssue[] = [];
  const issue = issueMaker(file, collection.features.length, issues);
  if (collection.features.length !== 1) {
    issue(
      null,
      null,
      "wrong-feature-count",
      `cần đúng 1 đối tượng ranh giới, có ${collection.features.length}`,
      `must hold exactly 1 boundary feature, has ${collection.features.length}`,
    );
    return { value: null, issues };
  }
  const feature = collection.features[0] as Feature;
  const properties = (feature.properties ?? {}) as Record<string, unknown>;
  const code = text(properties.code);
  const name = text(properties.name);
  if (!isArea(feature)) {
    issue(
      0,
      describeFeature({ properties }),
      "wrong-geometry-type",
      "ranh giới phải là Polygon hoặc MultiPolygon",
      "a boundary must be a Polygon or MultiPolygon",
    );
  } else if (!code || !name) {
    issue(
      0,
      describeFeature({ properties }),
      "missing-property",
      'cần "code" và "name" dạng chữ',
      'needs "code" and "name" as text',
    );
  } else {
    const boundary: BoundaryFeature = {
      type: "Feature",
      id: code,
      properties: { code, name },
      geometry: feature.geometry,
    };
    return { value: { type: "FeatureCollection", features: [boundary] }, issues };
  }
  return { value: null, issues };
}
