/** Extensions of newline-delimited GeoJSON (GDAL's GeoJSONSeq, RFC 8142 sequences, NDJSON). */
export const NDJSON_EXTENSIONS = ["geojsonl", "geojsons", "ndjson", "jsonl"] as const;
