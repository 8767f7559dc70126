import { parseFlatGeoJson } from "../../../src/io/geojson/flat-read";
import { DEFAULT_READ_LIMITS } from "../../../src/io/read-limits";

/**
 * A GeoJSON text parsed as the GeoJSON reader parses a file: its coordinates held flat when the
 * flat read takes it, else by JSON.parse (which throws on what is not JSON), as the reader falls
 * back to reading the whole text.
 */
export function parseGeoJsonText(text: string): unknown {
  const flat = parseFlatGeoJson(new TextEncoder().encode(text), DEFAULT_READ_LIMITS);
  return flat === undefined ? JSON.parse(text) : flat;
}
