import { showValue } from "../../core/text/show-value";
import type { Bilingual } from "../../core/validate/validation-issue";
import type { CrsEvidence } from "../format-types";

/** EPSG codes in the forms GDAL, QGIS and ArcGIS write them. */
const EPSG_NAME = [
  /^urn:ogc:def:crs:EPSG:[\d.]*:(\d+)$/i,
  /^EPSG:(\d+)$/i,
  /^https?:\/\/www\.opengis\.net\/def\/crs\/EPSG\/[\d.]+\/(\d+)$/i,
];
/** OGC's CRS84: WGS84 with longitude first, what RFC 7946 GeoJSON is. */
const CRS84 =
  /^(?:urn:ogc:def:crs:OGC:[\d.]*:CRS84|https?:\/\/www\.opengis\.net\/def\/crs\/OGC\/[\d.]+\/CRS84)$/i;

/** The evidence of a GeoJSON object's `crs` member, and a warning when it cannot be understood. */
export function crsOfMember(value: Record<string, unknown>): {
  crs: CrsEvidence;
  warning: Bilingual | null;
} {
  if (!("crs" in value) || value.crs === null || value.crs === undefined) {
    return { crs: { kind: "wgs84", from: "geojson-spec" }, warning: null };
  }
  const member = value.crs as { type?: unknown; properties?: { name?: unknown } } | null;
  const name = typeof member === "object" ? member?.properties?.name : undefined;
  if (typeof name === "string") {
    const text = name.trim();
    if (CRS84.test(text)) {
      return { crs: { kind: "epsg", code: 4326, from: "geojson-crs" }, warning: null };
    }
    for (const pattern of EPSG_NAME) {
      const code = pattern.exec(text)?.[1];
      if (code)
        return { crs: { kind: "epsg", code: Number(code), from: "geojson-crs" }, warning: null };
    }
  }
  const shown = showValue(name ?? (typeof member === "object" ? (member?.type ?? null) : null));
  return {
    crs: { kind: "none" },
    warning: {
      vi: `không hiểu thành phần "crs" của tệp (${shown}); hệ tọa độ sẽ được xác định theo giá trị tọa độ`,
      en: `the file's "crs" member is not understood (${shown}); the coordinate system is judged from the coordinates`,
    },
  };
}
