import type { Finding } from "../core/check/index";
import {
  type Flag,
  findingsWithFlagsCsvChunks,
  findingsWithFlagsGeoJsonChunks,
} from "../core/review/index";

/** What the review panel writes: the review itself, or the findings with their flags. */
export type ReviewDownload = "review" | "findings-csv" | "findings-geojson";

const BASE_NAMES: Readonly<Record<ReviewDownload, string>> = {
  review: "ket-qua-tham-dinh",
  "findings-csv": "phat-hien-kem-co",
  "findings-geojson": "phat-hien-kem-co",
};
const EXTENSIONS: Readonly<Record<ReviewDownload, string>> = {
  review: "geojson",
  "findings-csv": "csv",
  "findings-geojson": "geojson",
};

const two = (n: number) => String(n).padStart(2, "0");

/**
 * A download's file name with the local date and time it was made (`ket-qua-tham-dinh-2026-12-05-1430.geojson`):
 * ASCII only (every system keeps it), and files exported the same day sort by time.
 */
export function downloadName(kind: ReviewDownload, at: Date): string {
  const stamp = `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}-${two(at.getHours())}${two(at.getMinutes())}`;
  return `${BASE_NAMES[kind]}-${stamp}.${EXTENSIONS[kind]}`;
}

/** The review file's text (from `exportReview()`) as a Blob. */
export function reviewBlob(text: string): Blob {
  return new Blob([text], { type: "application/geo+json" });
}

/**
 * The findings with their flags as a Blob: CSV for Excel (BOM, CRLF) or GeoJSON, built from the
 * core's chunk writers so no single string holds a large run.
 */
export function findingsWithFlagsBlob(
  findings: readonly Finding[],
  flags: Iterable<Flag>,
  format: "csv" | "geojson",
): Blob {
  return format === "csv"
    ? new Blob([...findingsWithFlagsCsvChunks(findings, flags)], {
        type: "text/csv;charset=utf-8",
      })
    : new Blob([...findingsWithFlagsGeoJsonChunks(findings, flags)], {
        type: "application/geo+json",
      });
}
