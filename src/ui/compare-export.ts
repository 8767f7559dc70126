import type { FindingFormat } from "../core/check/format-findings";
import { comparisonChunks } from "../core/compare/format-comparison";
import type { PlanComparison } from "../core/compare/types";
import { withPieceGeometry } from "../state/piece-geometry";

/** Media types of the exports, as browsers and GIS expect them (RFC 7946 for GeoJSON). */
export const COMPARISON_MEDIA_TYPES: Readonly<Record<FindingFormat, string>> = {
  csv: "text/csv;charset=utf-8",
  geojson: "application/geo+json",
  json: "application/json",
};

/**
 * The comparison as a file, byte for byte what `npm run check -- --proposal FILE --compare
 * --format <format>` writes for the same plans: the same chunk writer (`comparisonChunks`), its
 * chunks handed to the Blob one by one, so no single string holds a large comparison.
 */
export function comparisonBlob(comparison: PlanComparison, format: FindingFormat): Blob {
  // the pieces' geometry, kept packed on the page, read back for the file
  return new Blob([...comparisonChunks(withPieceGeometry(comparison), format)], {
    type: COMPARISON_MEDIA_TYPES[format],
  });
}

/** What `saveBlob` needs of the page; tests pass a stand-in. */
export type SaveEnvironment = {
  document: Pick<Document, "createElement" | "body">;
  URL: Pick<typeof URL, "createObjectURL" | "revokeObjectURL">;
  setTimeout: (callback: () => void, ms: number) => unknown;
};

/**
 * Offers `blob` as a download named `fileName`: a temporary object URL on a link that is clicked
 * and removed; the URL is revoked a moment later (revoking at once cancels the download in some
 * browsers).
 */
export function saveBlob(
  blob: Blob,
  fileName: string,
  env: SaveEnvironment = { document, URL, setTimeout: (f, ms) => window.setTimeout(f, ms) },
): void {
  const url = env.URL.createObjectURL(blob);
  const link = env.document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.rel = "noopener";
  link.style.display = "none";
  env.document.body.append(link);
  link.click();
  link.remove();
  env.setTimeout(() => env.URL.revokeObjectURL(url), 1000);
}
