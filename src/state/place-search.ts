import type { FeatureCollection } from "geojson";
import type { CoordinateQuery } from "../core/search/coordinate-query";
import { parseCoordinateQuery } from "../core/search/coordinate-query";
import { normalizeSearch } from "../core/text/normalize-search";
import { searchNames } from "../core/text/search-names";
import { type Bbox, collectionBbox } from "./bounds";
import type { DistrictInfo } from "./districts-index";

/** A zone of the city plan as the search finds it: its id, name, district and extent. */
export type ZoneInfo = {
  layerId: string;
  /** The zone's id attribute, e.g. "CP-002-0001". */
  id: string;
  name: string;
  districtName: string | null;
  /** Position of the feature in its layer's collection. */
  index: number;
  bbox: Bbox;
};

/** One entry of the search's result list. */
export type PlaceResult =
  | { kind: "district"; district: DistrictInfo }
  | { kind: "zone"; zone: ZoneInfo }
  | {
      kind: "point";
      lat: number;
      lon: number;
      query: Exclude<CoordinateQuery, { kind: "out-of-range" }>;
    };

/** What the search box shows for a query: results, or why coordinates were not taken. */
export type PlaceSearch = { results: PlaceResult[]; outOfRange: boolean };

const text = (value: unknown): string | null =>
  typeof value === "string" && value !== ""
    ? value
    : typeof value === "number"
      ? String(value)
      : null;

/**
 * The searchable zones of one layer: features with an `id` attribute, named by `nameAttribute`
 * (else by the id). Features without an id or a geometry are left out.
 */
export function zoneIndex(
  layerId: string,
  data: FeatureCollection,
  nameAttribute: string | undefined,
): ZoneInfo[] {
  const zones: ZoneInfo[] = [];
  data.features.forEach((feature, index) => {
    const props = feature.properties ?? {};
    const id = text(props.id);
    if (id === null || !feature.geometry) return;
    const bbox = collectionBbox({ type: "FeatureCollection", features: [feature] });
    if (!bbox) return;
    const name = (nameAttribute && text(props[nameAttribute])) || id;
    zones.push({ layerId, id, name, districtName: text(props.district_name), index, bbox });
  });
  return zones;
}

/** Zones whose id starts with the query, ignoring case and "-"/space differences ("cp 002" finds "CP-002-0001"). */
function zonesById(zones: readonly ZoneInfo[], query: string): ZoneInfo[] {
  const key = (value: string) => normalizeSearch(value).replace(/[\s_-]+/g, "");
  const needle = key(query);
  if (needle.length < 2) return [];
  const exact = zones.filter((z) => key(z.id) === needle);
  const prefix = zones.filter((z) => key(z.id) !== needle && key(z.id).startsWith(needle));
  return [...exact, ...prefix];
}

/**
 * Searches districts (diacritics, case and unit prefix ignored), the city plan's zones by id and by
 * name, and coordinates (decimal lat/lon or VN-2000 metres, see `parseCoordinateQuery`). Coordinates
 * give a single point result; otherwise districts come first, then zones matched by id, then by
 * name. At most `limit` results.
 */
export function searchPlaces(
  query: string,
  districts: readonly DistrictInfo[],
  zones: readonly ZoneInfo[],
  limit = 10,
): PlaceSearch {
  const coordinates = parseCoordinateQuery(query);
  if (coordinates?.kind === "out-of-range") return { results: [], outOfRange: true };
  if (coordinates) {
    const { lat, lon } = coordinates;
    return { results: [{ kind: "point", lat, lon, query: coordinates }], outOfRange: false };
  }
  const results: PlaceResult[] = [];
  const seen = new Set<ZoneInfo>();
  for (const district of searchNames(districts, query, (d) => d.name, limit)) {
    results.push({ kind: "district", district });
  }
  const zoneMatches = [
    ...zonesById(zones, query),
    ...searchNames(zones, query, (z) => z.name, limit),
  ];
  for (const zone of zoneMatches) {
    if (results.length >= limit) break;
    if (seen.has(zone)) continue;
    seen.add(zone);
    results.push({ kind: "zone", zone });
  }
  return { results: results.slice(0, limit), outOfRange: false };
}
